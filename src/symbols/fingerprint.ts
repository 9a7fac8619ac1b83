import type { ts as Ts } from 'ts-morph';
import { ts } from './typescript.js';

/**
 * Text of a node that ignores comments, whitespace, quote style, trailing commas and
 * optional semicolons, so that reformatting is not reported as a change. Tokens come
 * from the parser (getChildren), not a context-free scanner, so template literals and
 * regular expressions keep their exact text.
 */
export function fingerprintNode(node: Ts.Node, sourceFile: Ts.SourceFile): string {
  const tokens: string[] = [];
  // `export` in front of a declaration changes who may import it, not the declaration: the
  // export list says that (an `added`/`removed` export), and same-file users see no change.
  const skipped = new Set<Ts.Node>(ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []).filter((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) : []);
  collectTokens(node, sourceFile, tokens, skipped);
  return dropOptionalPunctuation(tokens).join(' ');
}

function collectTokens(node: Ts.Node, sourceFile: Ts.SourceFile, tokens: string[], skipped: ReadonlySet<Ts.Node>): void {
  if (skipped.has(node)) return;
  if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
  if (ts.isStringLiteral(node)) {
    tokens.push(JSON.stringify(node.text));
    return;
  }
  if (ts.isJsxText(node)) {
    const text = normalizeJsxText(node.text);
    if (text !== '') tokens.push(text);
    return;
  }
  const children = node.getChildren(sourceFile);
  if (children.length === 0) {
    const text = node.getText(sourceFile);
    if (text !== '') tokens.push(text);
    return;
  }
  for (const child of children) collectTokens(child, sourceFile, tokens, skipped);
}

/** JSX collapses whitespace that contains a line break; keep only what renders. */
function normalizeJsxText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}

const closers = new Set([')', ']', '}', '>']);

function dropOptionalPunctuation(tokens: string[]): string[] {
  const result: string[] = [];
  for (const token of tokens) {
    if (closers.has(token) && result[result.length - 1] === ',') result.pop();
    if (token === '}' && result[result.length - 1] === ';') result.pop();
    result.push(token);
  }
  while (result[result.length - 1] === ';') result.pop();
  return result;
}

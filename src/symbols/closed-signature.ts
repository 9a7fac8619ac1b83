import { posix } from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { noCache, type CacheStore } from '../cache/cache-store.js';
import { TextPairAnswers } from './text-pair-answers.js';
import { moduleOwner, type ModuleFacts } from './module-facts-types.js';
import { loadTypeScript, ts } from './typescript.js';
import { isStackOverflow, scriptKindOf } from './module-facts.js';
import { isDeclarationFile } from '../shared/source-files.js';

/**
 * The answers of findClosedSignatureMatches by the two texts and the names asked: a warm run then
 * needs no parser (nor TypeScript loaded) to repeat them.
 */
export class ClosedSignatures {
  private readonly answers: TextPairAnswers;

  constructor(cache: CacheStore = noCache) {
    this.answers = new TextPairAnswers(cache, 'closed-signatures');
  }

  saveCache(): void {
    this.answers.save();
  }

  matches(oldPath: string, oldText: string, oldFacts: ModuleFacts, path: string, newText: string, newFacts: ModuleFacts, names: string[]): Set<string> {
    if (names.length === 0 || !isTypeScriptSource(path)) return new Set();
    // The file names count too: an import of the file's own name is the one the checker resolves.
    const question = `${posix.basename(oldPath)}\0${posix.basename(path)}\0${JSON.stringify(names)}`;
    return this.answers.answer(question, oldText, newText, () => findClosedSignatureMatches(oldPath, oldText, oldFacts, path, newText, newFacts, names));
  }
}

/**
 * Exports whose public shape is the same on both sides without asking the type checker: each
 * is a function (or a variable holding an arrow or function expression) whose parameters and
 * return type are all written out, or a variable with a type annotation, and that written
 * signature reads the same before and after. Its type is then the annotation's, whatever the
 * body does, so the checker's shape text would be equal on both sides too. A variable whose value
 * comes from an import (`export const step = createStep(...)`) does not count: its type is the
 * import's to decide, which the checker cannot see (see import-inferred.ts).
 *
 * That holds only while nothing else in the file can reshape it, so the file must also keep its
 * top-level code (where `fn.extra = ...` would add a member), its `declare global` and
 * `declare module` blocks, and parse cleanly; names the signature uses are the caller's
 * business (a changed one is a `touchesType` or `typeDeps` reason, decided as before). JS
 * dialects take their types from JSDoc comments, which fingerprints ignore: never decided here.
 *
 * Building a checker program costs about a second cold (the ES library parsed and bound); a
 * one-line edit inside an annotated function needs none.
 */
export function findClosedSignatureMatches(oldPath: string, oldText: string, oldFacts: ModuleFacts, path: string, newText: string, newFacts: ModuleFacts, names: string[]): Set<string> {
  const matches = new Set<string>();
  if (names.length === 0 || !isTypeScriptSource(path) || extensionOf(oldPath) !== extensionOf(path)) return matches;
  if (!sameFileContext(oldFacts, newFacts)) return matches;
  const candidates = names.filter((name) => {
    const local = newFacts.exports.get(name);
    return local !== undefined && local === oldFacts.exports.get(name) && isCandidateKind(oldFacts, local) && isCandidateKind(newFacts, local);
  });
  if (candidates.length === 0) return matches;
  loadTypeScript();
  try {
    const before = parse(oldPath, oldText);
    const after = parse(path, newText);
    for (const name of candidates) {
      const local = newFacts.exports.get(name) as string;
      const oldSignature = closedSignature(before, local);
      if (oldSignature !== undefined && oldSignature === closedSignature(after, local)) matches.add(name);
    }
  } catch (error) {
    // Too deep to walk: leave these to the checker, which has its own way to fail closed.
    if (!isStackOverflow(error)) throw error;
    matches.clear();
  }
  return matches;
}

function isTypeScriptSource(path: string): boolean {
  return /\.[mc]?tsx?$/.test(path) && !isDeclarationFile(path) && !/\.d\.[^/]*\.ts$/.test(path);
}

function extensionOf(path: string): string {
  return path.slice(path.lastIndexOf('.'));
}

/** Same top-level code, same augmentations, no syntax errors on either side. */
function sameFileContext(before: ModuleFacts, after: ModuleFacts): boolean {
  if (before.parseErrors.length > 0 || after.parseErrors.length > 0) return false;
  if (before.locals.get(moduleOwner)?.fingerprint !== after.locals.get(moduleOwner)?.fingerprint) return false;
  return JSON.stringify(before.augmentations) === JSON.stringify(after.augmentations);
}

function isCandidateKind(facts: ModuleFacts, local: string): boolean {
  const kind = facts.locals.get(local)?.kind;
  return kind === 'function' || kind === 'variable';
}

interface ParsedFile {
  sourceFile: Ts.SourceFile;
  /** Names assigned a member anywhere (`name.x = ...`, `name[k] = ...`): TypeScript adds those to a function's type. */
  expanded: Set<string>;
  /**
   * JSX types as `any` in the checker's program (no JSX namespace loaded): true unless the file
   * could supply one itself (mentions `JSX`, a `@jsx` pragma, augmentations).
   */
  isJsxAny: boolean;
}

function parse(path: string, text: string): ParsedFile {
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(path));
  const expanded = new Set<string>();
  const visit = (node: Ts.Node): void => {
    if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
      const target = node.left;
      if ((ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && ts.isIdentifier(target.expression)) expanded.add(target.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const isJsxAny = !/\bJSX\b|@jsx/.test(text) && !sourceFile.statements.some((statement) => ts.isModuleDeclaration(statement));
  return { sourceFile, expanded, isJsxAny };
}

function isAssignment(kind: Ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/**
 * The written signature of `local`'s declarations, when they fix its type by themselves: the text
 * up to the end of the return type (functions, overloads included) or of the annotation
 * (variables). Undefined when the type depends on anything else: an unannotated parameter or
 * return, an initializer that is not a function, a second declaration of the name (a namespace
 * or interface merged in), a member assigned to it.
 */
function closedSignature(file: ParsedFile, local: string): string | undefined {
  if (file.expanded.has(local)) return undefined;
  const { sourceFile } = file;
  const parts: string[] = [];
  let variables = 0;
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement)) {
      if (statement.name?.text !== local) continue;
      if (!statement.parameters.every((parameter) => parameter.type !== undefined)) return undefined;
      if (statement.type !== undefined) parts.push(sourceFile.text.slice(statement.getStart(sourceFile), statement.type.end));
      else if (returnsJsxAny(statement, file)) parts.push(`${sourceFile.text.slice(statement.getStart(sourceFile), statement.parameters.end)}: any (JSX)`);
      else return undefined;
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!bindsName(declaration.name, local)) continue;
        if (!ts.isIdentifier(declaration.name) || ++variables > 1) return undefined;
        const modifiers = (ts.getModifiers(statement) ?? []).map((modifier) => modifier.kind).join(',');
        const flags = statement.declarationList.flags & ts.NodeFlags.BlockScoped;
        const end = declaredTypeEnd(declaration);
        const initializer = declaration.initializer;
        const holdsFunction = initializer !== undefined && declaration.type === undefined && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer));
        if (end !== undefined) parts.push(`${modifiers}|${flags}|${sourceFile.text.slice(declaration.getStart(sourceFile), end)}`);
        else if (holdsFunction && initializer.parameters.every((parameter) => parameter.type !== undefined) && returnsJsxAny(initializer, file)) {
          parts.push(`${modifiers}|${flags}|${sourceFile.text.slice(declaration.getStart(sourceFile), initializer.parameters.end)}: any (JSX)`);
        }
        else return undefined;
      }
    } else if (declaresName(statement, local)) {
      return undefined;
    }
  }
  if (parts.length === 0 || (variables > 0 && parts.length !== 1)) return undefined;
  return parts.join('\n');
}

/**
 * An unannotated, plain (neither async nor generator) function whose body returns JSX somewhere:
 * its inferred return type is the union of what it returns, and a union with `any` is `any`.
 */
function returnsJsxAny(fn: Ts.FunctionDeclaration | Ts.ArrowFunction | Ts.FunctionExpression, file: ParsedFile): boolean {
  if (!file.isJsxAny || fn.type !== undefined || fn.asteriskToken !== undefined || fn.body === undefined) return false;
  if ((ts.getModifiers(fn) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)) return false;
  const isJsx = (expression: Ts.Expression): boolean => {
    let inner = expression;
    while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
    return ts.isJsxElement(inner) || ts.isJsxSelfClosingElement(inner) || ts.isJsxFragment(inner);
  };
  if (!ts.isBlock(fn.body)) return isJsx(fn.body);
  let found = false;
  const visit = (node: Ts.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) found = node.expression !== undefined && isJsx(node.expression);
    else ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found;
}

/** Where the text that fixes a variable's type ends: its annotation, or the return type of the function it holds. */
function declaredTypeEnd(declaration: Ts.VariableDeclaration): number | undefined {
  if (declaration.type !== undefined) return declaration.type.end;
  const initializer = declaration.initializer;
  if (initializer === undefined || !(ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) return undefined;
  if (initializer.type === undefined || !initializer.parameters.every((parameter) => parameter.type !== undefined)) return undefined;
  return initializer.type.end;
}

function bindsName(name: Ts.BindingName, local: string): boolean {
  if (ts.isIdentifier(name)) return name.text === local;
  return name.elements.some((element) => ts.isBindingElement(element) && bindsName(element.name, local));
}

/** Any other top-level statement that binds `local`: a class, interface, type, enum, namespace or import. */
function declaresName(statement: Ts.Statement, local: string): boolean {
  if (ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    return statement.name?.text === local;
  }
  if (ts.isModuleDeclaration(statement)) return ts.isIdentifier(statement.name) && statement.name.text === local;
  if (ts.isImportEqualsDeclaration(statement)) return statement.name.text === local;
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (clause === undefined) return false;
    if (clause.name?.text === local) return true;
    const bindings = clause.namedBindings;
    if (bindings === undefined) return false;
    if (ts.isNamespaceImport(bindings)) return bindings.name.text === local;
    return bindings.elements.some((element) => element.name.text === local);
  }
  return false;
}

import { createHash } from 'node:crypto';
import type { ts as Ts } from 'ts-morph';
import { noCache, type CacheStore } from '../cache/cache-store.js';
import { CachedTable, guardSchema } from '../cache/cached-table.js';
import { moduleOwner, type ModuleFacts } from './module-facts-types.js';
import { loadTypeScript, ts } from './typescript.js';
import { isStackOverflow, scriptKindOf } from './module-facts.js';

/**
 * The answers of findClosedSignatureMatches by the two texts and the names asked: a warm run then
 * needs no parser (nor TypeScript loaded) to repeat them.
 */
export class ClosedSignatures {
  private readonly answers: CachedTable<string[]>;

  constructor(cache: CacheStore = noCache) {
    this.answers = new CachedTable<string[]>(cache, 'closed-signatures', guardSchema((value): value is string[] => Array.isArray(value) && value.every((name) => typeof name === 'string')));
  }

  saveCache(): void {
    this.answers.save();
  }

  matches(oldPath: string, oldText: string, oldFacts: ModuleFacts, path: string, newText: string, newFacts: ModuleFacts, names: string[]): Set<string> {
    if (names.length === 0 || !isTypeScriptSource(path)) return new Set();
    const key = createHash('sha1').update(`${extensionOf(oldPath)}\0${extensionOf(path)}\0${JSON.stringify(names)}\0${oldText.length}\0`).update(oldText).update('\0').update(newText).digest('hex');
    const known = this.answers.get(key);
    if (known !== undefined) return new Set(known);
    const found = findClosedSignatureMatches(oldPath, oldText, oldFacts, path, newText, newFacts, names);
    this.answers.set(key, [...found]);
    return found;
  }
}

/**
 * Exports whose public shape is the same on both sides without asking the type checker: each
 * is a function (or a variable holding an arrow or function expression) whose parameters and
 * return type are all written out, or a variable with a type annotation, and that written
 * signature reads the same before and after. Its type is then the annotation's, whatever the
 * body does, so the checker's shape text would be equal on both sides too.
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
  return /\.[mc]?tsx?$/.test(path) && !/\.d\.[mc]?ts$/.test(path) && !/\.d\.[^/]*\.ts$/.test(path);
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
  return { sourceFile, expanded };
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
      if (statement.type === undefined || !statement.parameters.every((parameter) => parameter.type !== undefined)) return undefined;
      parts.push(sourceFile.text.slice(statement.getStart(sourceFile), statement.type.end));
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!bindsName(declaration.name, local)) continue;
        if (!ts.isIdentifier(declaration.name) || ++variables > 1) return undefined;
        const end = declaredTypeEnd(declaration);
        if (end === undefined) return undefined;
        const modifiers = (ts.getModifiers(statement) ?? []).map((modifier) => modifier.kind).join(',');
        const flags = statement.declarationList.flags & ts.NodeFlags.BlockScoped;
        parts.push(`${modifiers}|${flags}|${sourceFile.text.slice(declaration.getStart(sourceFile), end)}`);
      }
    } else if (declaresName(statement, local)) {
      return undefined;
    }
  }
  if (parts.length === 0 || (variables > 0 && parts.length !== 1)) return undefined;
  return parts.join('\n');
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

import type { ts as Ts } from 'ts-morph';
import { ts } from './typescript.js';

/**
 * Names bound by imports the shape checker cannot resolve: it loads the changed file alone, so
 * every import types as `any`, except one that names the file itself, or a module the file
 * declares (`declare module 'x'`).
 */
export function unresolvedImports(sourceFile: Ts.SourceFile, path: string): Set<string> {
  const names = new Set<string>();
  if (sourceFile.statements.some((statement) => ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name))) return names;
  const stem = (name: string): string => name.split('.')[0] ?? '';
  const ownStem = stem(path.slice(path.lastIndexOf('/') + 1));
  // Module lookup in the checker's file system can only find the file itself, by its own name.
  const mayBeSelf = (specifier: string): boolean => stem(specifier.slice(specifier.lastIndexOf('/') + 1)) === ownStem;
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && !mayBeSelf(statement.moduleSpecifier.text)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      if (ts.isStringLiteral(expression) && !mayBeSelf(expression.text)) names.add(statement.name.text);
    }
  }
  return names;
}

/**
 * Each top-level name whose type comes from an unresolved import, with that import: the imports
 * themselves, and to a fixpoint, every variable or function whose inferred type reads one
 * (`const t = initTRPC.create()` makes `t` one, and then `export const appRouter = t.router(...)`).
 */
export function findImportDerivedNames(sourceFile: Ts.SourceFile, unresolved: ReadonlySet<string>): Map<string, string> {
  const derived = new Map([...unresolved].map((name) => [name, name]));
  if (derived.size === 0) return derived;
  const declarations: [string, Ts.Node][] = [];
  for (const statement of sourceFile.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) for (const name of boundNames(declaration.name)) declarations.push([name, declaration]);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name !== undefined) {
      declarations.push([statement.name.text, statement]);
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, declaration] of declarations) {
      if (derived.has(name)) continue;
      const from = findInferringImport(declaration, derived);
      if (from === undefined) continue;
      derived.set(name, from);
      grew = true;
    }
  }
  return derived;
}

function boundNames(name: Ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? boundNames(element.name) : []));
}

/**
 * The unresolved import behind the first value (an import, or a name `derived` traces to one)
 * that feeds a type this declaration leaves to inference: the initializer of a variable or
 * property without an annotation, what a function or method without a return type returns.
 * `export const appRouter = router({...})`, `z.object({...})`, `createStep('a', async () => ...)`,
 * `() => useQuery(...)`: the real type comes from the import's declaration and the arguments,
 * so a checker that types the import as `any` cannot tell a body edit from a type change.
 * Undefined when nothing inferred reads an import.
 *
 * Errs towards finding one (a returned value counts wherever an import reaches it, a body local
 * shadowing an import counts as the import): the caller then reports a signature change it
 * could not rule out, never a body-only change it did not prove. JSX is not followed: an
 * element is a JSX element whatever its tag and props.
 */
export function findInferringImport(declaration: Ts.Node, derived: ReadonlyMap<string, string>): string | undefined {
  if (derived.size === 0) return undefined;
  // `export default <expression>` is handed over as the expression itself.
  if (ts.isExpression(declaration) && !ts.isFunctionLike(declaration) && !ts.isClassLike(declaration)) return findValueUse(declaration, derived);
  // `export const { a, b } = create()`: each name is handed over as its binding element.
  if (ts.isBindingElement(declaration)) {
    let parent: Ts.Node | undefined = declaration.parent;
    while (parent !== undefined && !ts.isVariableDeclaration(parent)) parent = parent.parent;
    return parent === undefined ? undefined : findInferringImport(parent, derived);
  }
  let found: string | undefined;
  const visit = (node: Ts.Node): void => {
    if (found !== undefined) return;
    if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.type === undefined) {
      if (node.initializer !== undefined) found = findValueUse(node.initializer, derived);
      return;
    }
    if (ts.isExportAssignment(node)) {
      found = findValueUse(node.expression, derived);
      return;
    }
    if (ts.isFunctionLike(node)) {
      found = findReturnedUse(node, derived);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration);
  return found;
}

/** The key under which `derived` may map `this` (no identifier can be spelled so). */
export const thisName = 'this';

/** The import behind the first import-derived name used as a value under `root` (types and property names are not values). */
function findValueUse(root: Ts.Node, derived: ReadonlyMap<string, string>): string | undefined {
  let found: string | undefined;
  const visit = (node: Ts.Node): void => {
    if (found !== undefined || ts.isTypeNode(node) || isJsx(node) || hasFixedType(node)) return;
    if (ts.isIdentifier(node)) {
      found = derived.get(node.text);
      return;
    }
    // `this.client.read()` in a class some of whose members read an import (see public-shape.ts' inferredText).
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      found = derived.get(thisName);
      return;
    }
    if (ts.isFunctionLike(node)) {
      found = findReturnedUse(node, derived);
      return;
    }
    if (ts.isPropertyAccessExpression(node)) return visit(node.expression);
    if (ts.isPropertyAssignment(node)) return visit(node.initializer);
    if (ts.isShorthandPropertyAssignment(node)) return visit(node.name);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/**
 * What a function's inferred return type reads: nothing when the return type is written out;
 * else the import behind what it returns (or yields), where the body's own locals are traced
 * to imports like top-level ones.
 */
function findReturnedUse(fn: Ts.SignatureDeclaration, derived: ReadonlyMap<string, string>): string | undefined {
  const body = (fn as { body?: Ts.Node }).body;
  if (fn.type !== undefined || body === undefined || ts.isConstructorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) return undefined;
  if (!ts.isBlock(body)) return findValueUse(body, derived);
  // [names bound, the value they are given]: unannotated declarations, and plain assignments.
  const assignments: [string[], Ts.Expression][] = [];
  const results: Ts.Expression[] = [];
  const collect = (node: Ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclaration(node) && node.type === undefined && node.initializer !== undefined) assignments.push([boundNames(node.name), node.initializer]);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) assignments.push([[node.left.text], node.right]);
    if ((ts.isReturnStatement(node) || ts.isYieldExpression(node)) && node.expression !== undefined) results.push(node.expression);
    ts.forEachChild(node, collect);
  };
  ts.forEachChild(body, collect);
  if (results.length === 0) return undefined;
  const inBody = new Map(derived);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [bound, value] of assignments) {
      const names = bound.filter((name) => !inBody.has(name));
      if (names.length === 0) continue;
      const from = findValueUse(value, inBody);
      if (from === undefined) continue;
      for (const name of names) inBody.set(name, from);
      grew = true;
    }
  }
  for (const result of results) {
    const from = findValueUse(result, inBody);
    if (from !== undefined) return from;
  }
  return undefined;
}

/**
 * Expressions whose type does not depend on their operands: an untagged template is a string
 * (blueprint's ``displayName = `${DISPLAYNAME_PREFIX}.EditableText` ``), `!x`, comparisons,
 * `instanceof`, `in` and `delete` are booleans, `typeof x` a string, `void x` undefined.
 */
function hasFixedType(node: Ts.Node): boolean {
  // In a const context (`as const`) a template is a template literal type built from what it reads.
  if (ts.isTemplateExpression(node)) return !isInConstContext(node);
  if (ts.isTypeOfExpression(node) || ts.isVoidExpression(node) || ts.isDeleteExpression(node)) return true;
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.ExclamationToken;
  if (!ts.isBinaryExpression(node)) return false;
  // Built on first use: TypeScript is loaded lazily (symbols/typescript.ts).
  fixedTypeOperators ??= new Set([
    ts.SyntaxKind.EqualsEqualsToken,
    ts.SyntaxKind.EqualsEqualsEqualsToken,
    ts.SyntaxKind.ExclamationEqualsToken,
    ts.SyntaxKind.ExclamationEqualsEqualsToken,
    ts.SyntaxKind.LessThanToken,
    ts.SyntaxKind.LessThanEqualsToken,
    ts.SyntaxKind.GreaterThanToken,
    ts.SyntaxKind.GreaterThanEqualsToken,
    ts.SyntaxKind.InstanceOfKeyword,
    ts.SyntaxKind.InKeyword,
  ]);
  return fixedTypeOperators.has(node.operatorToken.kind);
}

let fixedTypeOperators: ReadonlySet<Ts.SyntaxKind> | undefined;

/**
 * Under an `as const` (or `<const>`) assertion or a `satisfies` (which gives a contextual type),
 * through the expressions, properties and template spans that contain it.
 */
function isInConstContext(node: Ts.Node): boolean {
  let current = node.parent as Ts.Node | undefined;
  while (current !== undefined && (ts.isExpression(current) || ts.isPropertyAssignment(current) || ts.isShorthandPropertyAssignment(current) || ts.isSpreadAssignment(current) || ts.isTemplateSpan(current))) {
    if ((ts.isAsExpression(current) || ts.isTypeAssertionExpression(current)) && ts.isConstTypeReference(current.type)) return true;
    if (ts.isSatisfiesExpression(current)) return true;
    current = current.parent;
  }
  return false;
}

function isJsx(node: Ts.Node): boolean {
  return ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node);
}

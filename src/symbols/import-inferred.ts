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
 * that feeds a type this declaration leaves to inference:
 * the initializer of a variable or property without an annotation, the body of a function or
 * method without a return type. `export const appRouter = router({...})`, `z.object({...})`,
 * `createStep('a', async () => ...)`, `() => useQuery(...)`: the real type comes from the
 * import's declaration and the arguments, so a checker that types the import as `any` cannot
 * tell a body edit from a type change. Undefined when nothing inferred reads an import.
 *
 * Over-approximates on purpose (a use anywhere in such a body counts, even one whose result is
 * not returned): the caller then reports a signature change it could not rule out, never a
 * body-only change it did not prove.
 */
export function findInferringImport(declaration: Ts.Node, derived: ReadonlyMap<string, string>): string | undefined {
  if (derived.size === 0) return undefined;
  let found: string | undefined;
  const visitInferred = (node: Ts.Node | undefined): void => {
    if (node === undefined || found !== undefined) return;
    found = findValueUse(node, derived);
  };
  const visit = (node: Ts.Node): void => {
    if (found !== undefined) return;
    if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.type === undefined) {
      visitInferred(node.initializer);
      return;
    }
    if (ts.isExportAssignment(node)) {
      visitInferred(node.expression);
      return;
    }
    if (ts.isFunctionLike(node) && node.type === undefined && !ts.isConstructorDeclaration(node) && !ts.isSetAccessorDeclaration(node)) {
      visitInferred((node as Ts.SignatureDeclaration & { body?: Ts.Node }).body);
      return;
    }
    // Bodies of annotated functions and initializers of annotated declarations decide nothing.
    if (ts.isBlock(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(declaration);
  return found;
}

/** The import behind the first import-derived name used as a value under `root` (types and property names are not values). */
function findValueUse(root: Ts.Node, derived: ReadonlyMap<string, string>): string | undefined {
  let found: string | undefined;
  const visit = (node: Ts.Node): void => {
    if (found !== undefined || ts.isTypeNode(node)) return;
    if (ts.isIdentifier(node)) {
      found = derived.get(node.text);
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

import type { ts as Ts } from 'ts-morph';
import { ts } from './typescript.js';

/**
 * Names declared by inner scopes around a node, by meaning: a local `const x` hides a value `x`,
 * not a type `x`. A chain of the scopes that declare something, innermost first: entering a
 * scope adds only its own names (copying the enclosing ones at every level was a tenth of the
 * fact building on real code).
 */
export interface Shadows {
  readonly values: ReadonlySet<string> | null;
  readonly types: ReadonlySet<string> | null;
  readonly outer: Shadows | null;
}

export const noShadows: Shadows | null = null;

/** Whether an inner scope declares a value named `name`. */
export function hidesValue(shadows: Shadows | null, name: string): boolean {
  for (let scope = shadows; scope !== null; scope = scope.outer) if (scope.values?.has(name) === true) return true;
  return false;
}

/** Whether an inner scope declares a type named `name`. */
export function hidesType(shadows: Shadows | null, name: string): boolean {
  for (let scope = shadows; scope !== null; scope = scope.outer) if (scope.types?.has(name) === true) return true;
  return false;
}

/**
 * The scope a node opens, if any, added to the enclosing shadows: parameters and hoisted `var`s
 * of functions, block-scoped declarations of blocks, loop and catch variables, type parameters.
 * Exactness matters in one direction only: a name wrongly treated as local would hide a real
 * use (a missed importer), so anything unusual is left visible. `text` is the file's text.
 */
export function enterScope(node: Ts.Node, outer: Shadows | null, text: string): Shadows | null {
  // Most nodes open no scope: decided by kind before anything is allocated.
  if (!opensScope(node)) return outer;
  const values: string[] = [];
  const types: string[] = [];
  if (ts.isFunctionLike(node)) {
    for (const parameter of node.parameters) values.push(...bindingNames(parameter.name));
    types.push(...(node.typeParameters ?? []).map((parameter) => parameter.name.text));
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) values.push(node.name.text);
    const body = (node as { body?: Ts.Node }).body;
    if (body !== undefined && ts.isBlock(body) && mayDeclareVar(body, text)) values.push(...hoistedVars(body));
  } else if (ts.isBlock(node) || ts.isModuleBlock(node)) {
    collectBlockScoped(node.statements, values, types);
  } else if (ts.isCaseBlock(node)) {
    for (const clause of node.clauses) collectBlockScoped(clause.statements, values, types);
  } else if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
    for (const declaration of node.initializer.declarations) values.push(...bindingNames(declaration.name));
  } else if (ts.isCatchClause(node) && node.variableDeclaration) {
    values.push(...bindingNames(node.variableDeclaration.name));
  } else if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
    types.push(...(node.typeParameters ?? []).map((parameter) => parameter.name.text));
  } else if (ts.isMappedTypeNode(node)) {
    types.push(node.typeParameter.name.text);
  }
  if (values.length === 0 && types.length === 0) return outer;
  return { values: values.length === 0 ? null : new Set(values), types: types.length === 0 ? null : new Set(types), outer };
}

/** The kinds enterScope looks at (a superset: it still checks each one), as a table by kind. */
let scopeKinds: Uint8Array | undefined;

function opensScope(node: Ts.Node): boolean {
  scopeKinds ??= kindTable((probe) =>
    ts.isFunctionLike(probe) ||
    ts.isBlock(probe) ||
    ts.isModuleBlock(probe) ||
    ts.isCaseBlock(probe) ||
    ts.isForStatement(probe) ||
    ts.isForInStatement(probe) ||
    ts.isForOfStatement(probe) ||
    ts.isCatchClause(probe) ||
    ts.isClassLike(probe) ||
    ts.isInterfaceDeclaration(probe) ||
    ts.isTypeAliasDeclaration(probe) ||
    ts.isMappedTypeNode(probe),
  );
  return scopeKinds[node.kind] === 1;
}

/** Which syntax kinds a kind-only test (`ts.isBlock` and the like) accepts, asked once per kind. */
export function kindTable(test: (probe: Ts.Node) => boolean): Uint8Array {
  const table = new Uint8Array(ts.SyntaxKind.Count);
  for (let kind = 0; kind < table.length; kind++) table[kind] = test({ kind } as Ts.Node) ? 1 : 0;
  return table;
}

/**
 * A body whose text has no `var` (nor a `\u` escape that could spell it) declares no `var`:
 * most bodies, which then need no walk for hoisted names.
 */
function mayDeclareVar(body: Ts.Block, text: string): boolean {
  const inBody = (found: number): boolean => found !== -1 && found < body.end;
  return inBody(text.indexOf('var', body.pos)) || inBody(text.indexOf('\\u', body.pos));
}

function collectBlockScoped(statements: Ts.NodeArray<Ts.Statement>, values: string[], types: string[]): void {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.BlockScoped) !== 0) {
      for (const declaration of statement.declarationList.declarations) values.push(...bindingNames(declaration.name));
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      values.push(statement.name.text);
    } else if ((ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      values.push(statement.name.text);
      types.push(statement.name.text);
    } else if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name) {
      types.push(statement.name.text);
    }
  }
}

/** `var` declarations anywhere in a function body (not in nested functions): they belong to the function. */
function hoistedVars(body: Ts.Block): string[] {
  const names: string[] = [];
  const visit = (node: Ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
      for (const declaration of node.declarations) names.push(...bindingNames(declaration.name));
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return names;
}

export function bindingNames(name: Ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const names: string[] = [];
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) names.push(...bindingNames(element.name));
  }
  return names;
}

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
    for (const parameter of node.parameters) addBindingNames(parameter.name, values);
    for (const parameter of node.typeParameters ?? []) types.push(parameter.name.text);
    if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) values.push(node.name.text);
    const body = (node as { body?: Ts.Node }).body;
    if (body !== undefined && ts.isBlock(body) && mayDeclareVar(body, text)) addHoistedVars(body, values);
  } else if (ts.isBlock(node) || ts.isModuleBlock(node)) {
    collectBlockScoped(node.statements, values, types);
  } else if (ts.isCaseBlock(node)) {
    for (const clause of node.clauses) collectBlockScoped(clause.statements, values, types);
  } else if ((ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node)) && node.initializer && ts.isVariableDeclarationList(node.initializer)) {
    for (const declaration of node.initializer.declarations) addBindingNames(declaration.name, values);
  } else if (ts.isCatchClause(node) && node.variableDeclaration) {
    addBindingNames(node.variableDeclaration.name, values);
  } else if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
    for (const parameter of node.typeParameters ?? []) types.push(parameter.name.text);
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
  // By kind: this runs for every block of every parsed file, and most statements declare nothing.
  for (const statement of statements) {
    switch (statement.kind) {
      case ts.SyntaxKind.VariableStatement: {
        const list = (statement as Ts.VariableStatement).declarationList;
        if ((list.flags & ts.NodeFlags.BlockScoped) !== 0) for (const declaration of list.declarations) addBindingNames(declaration.name, values);
        break;
      }
      case ts.SyntaxKind.FunctionDeclaration: {
        const name = (statement as Ts.FunctionDeclaration).name;
        if (name) values.push(name.text);
        break;
      }
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.EnumDeclaration: {
        const name = (statement as Ts.ClassDeclaration | Ts.EnumDeclaration).name;
        if (name) {
          values.push(name.text);
          types.push(name.text);
        }
        break;
      }
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        types.push((statement as Ts.InterfaceDeclaration | Ts.TypeAliasDeclaration).name.text);
        break;
    }
  }
}

/** `var` declarations anywhere in a function body (not in nested functions): they belong to the function. */
function addHoistedVars(body: Ts.Block, names: string[]): void {
  const visit = (node: Ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
      for (const declaration of node.declarations) addBindingNames(declaration.name, names);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
}

export function bindingNames(name: Ts.BindingName): string[] {
  const names: string[] = [];
  addBindingNames(name, names);
  return names;
}

/** The names a binding declares (`a`, `{ a, b: [c] }`), added to `names` in order. */
function addBindingNames(name: Ts.BindingName, names: string[]): void {
  if (name.kind === ts.SyntaxKind.Identifier) {
    names.push(name.text);
    return;
  }
  for (const element of name.elements) {
    if (element.kind === ts.SyntaxKind.BindingElement) addBindingNames(element.name, names);
  }
}

import type { ts as Ts } from 'ts-morph';
import { ts } from './typescript.js';
import { forEachLinkedChild, linkParent } from './parent-links.js';

/** Aliases of aliases (`const a = ns; const b = a`) are followed this deep, then count as whole uses. */
const maxAliasDepth = 4;

/**
 * When the identifier `node` (a use of some top-level name, e.g. a namespace import) is the
 * whole value of a local alias (`const compiler = CompilerDOM`, `const { compiler =
 * CompilerDOM } = options`, or `let compiler; compiler = CompilerDOM` assigned once in the
 * declaration's own function scope), returns the member names read off that alias
 * (`compiler.parse(...)` gives ['parse']): those, and nothing else, are what the use reaches.
 * Returns null when `node` is no such alias, or when the alias escapes (read whole: passed on,
 * returned, spread, exported, compared, assigned again, read with a computed key), so the
 * caller counts a use of the whole value.
 */
export function readAliasMembers(node: Ts.Identifier, depth = 0): string[] | null {
  if (depth >= maxAliasDepth) return null;
  const alias = aliasBindingOf(node);
  if (alias === null) return null;
  const members = new Set<string>();
  let isWhole = false;
  const visit = (current: Ts.Node): void => {
    if (isWhole) return;
    if (ts.isIdentifier(current)) {
      if (current === alias.name || current === alias.write || current.text !== alias.name.text || !isReadPosition(current)) return;
      const parent = current.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === current && ts.isIdentifier(parent.name)) members.add(parent.name.text);
      else if (ts.isQualifiedName(parent) && parent.left === current) members.add(parent.right.text);
      else {
        // An alias of the alias: its own member reads are the ones that count.
        const inner = readAliasMembers(current, depth + 1);
        if (inner === null) isWhole = true;
        else for (const member of inner) members.add(member);
      }
      return;
    }
    forEachLinkedChild(current, visit);
  };
  visit(alias.scope);
  return isWhole ? null : [...members].sort();
}

interface AliasBinding {
  /** The declared name of the alias. */
  name: Ts.Identifier;
  /** For `x = ns`, the `x` written (not a read); else null. */
  write: Ts.Identifier | null;
  /** Where every use of the alias lies: the block, function or file that declares it. */
  scope: Ts.Node;
}

/** The alias `node` is the whole value of, if any, with the scope its uses lie in. */
function aliasBindingOf(node: Ts.Identifier): AliasBinding | null {
  let value: Ts.Node = node;
  while (isTransparent(value.parent)) value = value.parent;
  const parent = value.parent;
  // `const x = ns` / `let x = ns`: the declaration is the one write; any other is a read of x.
  if (ts.isVariableDeclaration(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
    return isExportedDeclaration(parent) ? null : withScope(parent.name, null, parent);
  }
  // `const { x = ns } = options` / `function f({ x = ns })`: x is either the option or ns.
  if (ts.isBindingElement(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) {
    const root = rootDeclaration(parent);
    if (root === null || (ts.isVariableDeclaration(root) && isExportedDeclaration(root))) return null;
    return withScope(parent.name, null, root);
  }
  if (ts.isParameter(parent) && parent.initializer === value && ts.isIdentifier(parent.name)) return withScope(parent.name, null, parent);
  // `x = ns` where `let x` has no initializer and the assignment runs in x's own function.
  if (ts.isBinaryExpression(parent) && parent.right === value && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(parent.left)) {
    const declaration = findDeclaration(parent.left);
    if (declaration === null || !ts.isVariableDeclaration(declaration) || declaration.initializer !== undefined || isExportedDeclaration(declaration)) return null;
    if (enclosingFunction(parent) !== enclosingFunction(declaration)) return null;
    if (!ts.isIdentifier(declaration.name)) return null;
    return withScope(declaration.name, parent.left, declaration);
  }
  return null;
}

function withScope(name: Ts.Identifier, write: Ts.Identifier | null, declaration: Ts.VariableDeclaration | Ts.ParameterDeclaration): AliasBinding | null {
  const scope = scopeOf(declaration);
  return scope === null ? null : { name, write, scope };
}

/** `(ns)`, `ns as T`, `ns!`, `<T>ns`, `ns satisfies T` are still ns itself. */
function isTransparent(node: Ts.Node): boolean {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node);
}

/** The variable declaration or parameter a binding element belongs to. */
function rootDeclaration(element: Ts.BindingElement): Ts.VariableDeclaration | Ts.ParameterDeclaration | null {
  let current: Ts.Node = element;
  while (ts.isBindingElement(current) || ts.isObjectBindingPattern(current) || ts.isArrayBindingPattern(current)) current = current.parent;
  return ts.isVariableDeclaration(current) || ts.isParameter(current) ? current : null;
}

/** The block, function body or file whose code can see the declaration (a `var` sees its whole function). */
function scopeOf(declaration: Ts.VariableDeclaration | Ts.ParameterDeclaration): Ts.Node | null {
  if (ts.isParameter(declaration)) return declaration.parent;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list)) return null;
  const isBlockScoped = (list.flags & ts.NodeFlags.BlockScoped) !== 0;
  // `for (const x = ns; ...)`, `for (const x of ...)`: the loop is the scope.
  if (!ts.isVariableStatement(list.parent)) return isBlockScoped ? list.parent : enclosingFunction(list) ?? list.getSourceFile();
  if (!isBlockScoped) return enclosingFunction(list) ?? list.getSourceFile();
  const holder = list.parent.parent;
  return ts.isBlock(holder) || ts.isModuleBlock(holder) || ts.isSourceFile(holder) || ts.isCaseClause(holder) || ts.isDefaultClause(holder) ? holder : null;
}

function isExportedDeclaration(declaration: Ts.VariableDeclaration): boolean {
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword || modifier.kind === ts.SyntaxKind.DeclareKeyword);
}

function enclosingFunction(node: Ts.Node): Ts.Node | undefined {
  for (let current = node.parent; current !== undefined; current = current.parent) if (ts.isFunctionLike(current) || ts.isClassStaticBlockDeclaration(current)) return current;
  return undefined;
}

/**
 * The `let`/`var` declaration an assigned name refers to: the nearest enclosing block, function
 * or file that declares it as a variable. Null when the name is declared some other way
 * (parameter, function, import) or not found.
 */
function findDeclaration(name: Ts.Identifier): Ts.VariableDeclaration | null {
  for (let scope: Ts.Node | undefined = name.parent; scope !== undefined; scope = scope.parent) {
    const statements = ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isSourceFile(scope) ? scope.statements : ts.isCaseClause(scope) || ts.isDefaultClause(scope) ? scope.statements : null;
    if (statements !== null) {
      for (const statement of statements) {
        if (!ts.isVariableStatement(statement)) {
          if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name?.text === name.text) return null;
          continue;
        }
        for (const declaration of statement.declarationList.declarations) {
          if (!ts.isIdentifier(declaration.name) || declaration.name.text !== name.text) continue;
          // It may lie further down, where no walk went yet: its way up is read next.
          linkParent(statement, scope);
          linkParent(statement.declarationList, statement);
          linkParent(declaration, statement.declarationList);
          return declaration;
        }
      }
    }
    if (ts.isFunctionLike(scope)) {
      // A parameter of that name, or a `var` hoisted anywhere in the body: not the simple case.
      if (scope.parameters.some((parameter) => !ts.isIdentifier(parameter.name) || parameter.name.text === name.text)) return null;
      if (scope.name !== undefined && ts.isIdentifier(scope.name) && scope.name.text === name.text) return null;
    }
  }
  return null;
}

/** A read of a name: not a declaration name, property name, label or member name. */
function isReadPosition(node: Ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  if ((parent as { name?: Ts.Node }).name === node) return false;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}

import type { ts as Ts } from 'ts-morph';
import { ts } from './typescript.js';
import { enterScope, hidesType, hidesValue, noShadows, type Shadows } from './local-scopes.js';
import { readAliasMembers } from './namespace-alias.js';
import { forEachLinkedChild, linkParent } from './parent-links.js';
import type { ModuleUse, Reference } from './module-facts-types.js';

/** What walking one declaration finds besides plain references. */
export interface ReferenceSink {
  references: Reference[];
  moduleUses: ModuleUse[];
  dynamicSpecifiers: { expression: string; owner: string }[];
}

/**
 * Collects the top-level names a declaration refers to. Names declared by its own inner scopes
 * (parameters, local variables, type parameters) are not references to the top level and are
 * left out, by meaning: a local value hides a value, a local type hides a type.
 */
export function collectReferences(root: Ts.Node, owner: string, startsInType: boolean, sink: ReferenceSink, sourceFile: Ts.SourceFile): void {
  const isShadowed = (name: string, isType: boolean, shadows: Shadows | null): boolean => (isType ? hidesType(shadows, name) : hidesValue(shadows, name));
  const text = sourceFile.text;
  // Each reference once, in the order first met: every reader asks whether one exists (a name
  // used 20 times in a declaration was 20 entries, over half of all references on real code).
  const seen = new Set<string>();
  const addReference = (name: string, members: string[], isTypePosition: boolean): void => {
    const key = `${isTypePosition ? 't' : 'v'} ${name} ${members.join(' ')}`;
    if (seen.has(key)) return;
    seen.add(key);
    sink.references.push({ name, members, isTypePosition });
  };
  const visit = (node: Ts.Node, inType: boolean, outer: Shadows | null): void => {
    const isType = inType || isTypePosition(node);
    if (ts.isIdentifier(node)) {
      if (!isReferencePosition(node) || isShadowed(node.text, isType, outer)) return;
      // `const compiler = CompilerDOM; compiler.parse()` reads `parse` of CompilerDOM, nothing else.
      const aliasMembers = isType ? null : readAliasMembers(node);
      if (aliasMembers === null) addReference(node.text, [], isType);
      else for (const member of aliasMembers) addReference(node.text, [member], false);
      return;
    }
    const path = accessPath(node);
    if (path !== null) {
      const { name, members } = path;
      // `Ns.Type`: the left of a qualified name is a namespace, which a local type parameter cannot be.
      const hidden = ts.isQualifiedName(node) ? hidesValue(outer, name) && hidesType(outer, name) : isShadowed(name, isType, outer);
      if (!hidden) addReference(name, members, isType);
      return;
    }
    if (ts.isImportTypeNode(node)) {
      recordImportType(node, owner, sink);
    } else if (ts.isCallExpression(node)) {
      recordModuleCall(node, owner, isType, sink, sourceFile, true);
    }
    // The children see this node's type position and scopes; one callback for the whole walk
    // (not a closure per node) reads them from here.
    const [savedParent, savedInType, savedShadows] = [childParent, childInType, childShadows];
    childParent = node;
    childInType = isType;
    childShadows = enterScope(node, outer, text);
    ts.forEachChild(node, visitChild);
    childParent = savedParent;
    childInType = savedInType;
    childShadows = savedShadows;
  };
  let childParent = root;
  let childInType = startsInType;
  let childShadows: Shadows | null = noShadows;
  // Children are linked to their parent before they are looked at (see parent-links.ts).
  const visitChild = (child: Ts.Node): void => {
    linkParent(child, childParent);
    visit(child, childInType, childShadows);
  };
  visit(root, startsInType, noShadows);
}

/**
 * Only the module uses under a declaration (`import()`, `require()`, `import('x').T`), with the
 * used members left unread: what confirming a file's imports needs (extractImportFacts). It
 * finds the very calls and import types collectReferences does, in the same order: the
 * subtrees that walk does not enter (names, `a.b.c` chains) hold neither.
 */
export function collectModuleUses(root: Ts.Node, owner: string, sink: ReferenceSink, sourceFile: Ts.SourceFile): void {
  const visit = (node: Ts.Node): void => {
    if (node.kind === ts.SyntaxKind.ImportType) recordImportType(node as Ts.ImportTypeNode, owner, sink);
    else if (node.kind === ts.SyntaxKind.CallExpression) recordModuleCall(node as Ts.CallExpression, owner, false, sink, sourceFile, false);
    ts.forEachChild(node, visit);
  };
  visit(root);
}

/**
 * `a.b.c` -> a with [b, c], for a chain of property accesses or a qualified type name that
 * starts at an identifier; null for anything else (`f().b`, `a[b].c`: their parts are visited).
 */
function accessPath(node: Ts.Node): { name: string; members: string[] } | null {
  if (!ts.isPropertyAccessExpression(node) && !ts.isQualifiedName(node)) return null;
  const names: string[] = [];
  let current: Ts.Node = node;
  for (;;) {
    if (ts.isPropertyAccessExpression(current)) {
      if (!ts.isIdentifier(current.name)) return null;
      names.push(current.name.text);
      current = current.expression;
    } else if (ts.isQualifiedName(current)) {
      names.push(current.right.text);
      current = current.left;
    } else if (ts.isIdentifier(current) && names.length > 0) {
      return { name: current.text, members: names.reverse() };
    } else {
      return null;
    }
  }
}

/** Type annotations, `implements`, `typeof x` in types: erased at runtime. A class `extends` is a value. */
function isTypePosition(node: Ts.Node): boolean {
  if (ts.isExpressionWithTypeArguments(node)) {
    const clause = node.parent;
    return !(ts.isHeritageClause(clause) && clause.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(clause.parent));
  }
  return ts.isTypeNode(node);
}

/** Declaration names, property names and labels are not references; shorthand `{ a }` is. */
function isReferencePosition(node: Ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  if ((parent as { name?: Ts.Node }).name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}

function recordImportType(node: Ts.ImportTypeNode, owner: string, sink: ReferenceSink): void {
  const argument = node.argument;
  if (!ts.isLiteralTypeNode(argument) || !ts.isStringLiteral(argument.literal)) return;
  const qualifier = node.qualifier;
  const member = qualifier === undefined ? null : ts.isIdentifier(qualifier) ? qualifier.text : leftmostName(qualifier);
  sink.moduleUses.push({ specifier: argument.literal.text, owner, kind: 'import-type', member, isTypeOnly: true });
}

function leftmostName(name: Ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : leftmostName(name.left);
}

/**
 * `import('x')` and `require('x')` inside a declaration. Top-level `const x = require()` is a
 * binding instead. Without `readMembers`, one use with no member (it needs no parent links).
 */
function recordModuleCall(node: Ts.CallExpression, owner: string, inType: boolean, sink: ReferenceSink, sourceFile: Ts.SourceFile, readMembers: boolean): void {
  const kind = node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic-import' : isRequireCall(node) ? 'require' : null;
  if (kind === null) return;
  const argument = node.arguments[0];
  const specifier = argument !== undefined ? getStaticString(argument) : null;
  if (specifier === null) {
    const expression = node.getText(sourceFile).replace(/\s+/g, ' ');
    sink.dynamicSpecifiers.push({ expression: expression.length > 100 ? `${expression.slice(0, 99)}…` : expression, owner });
    return;
  }
  if (!readMembers) {
    sink.moduleUses.push({ specifier, owner, kind, member: null, isTypeOnly: inType });
    return;
  }
  for (const member of membersUsedOf(node)) sink.moduleUses.push({ specifier, owner, kind, member, isTypeOnly: inType });
}

/**
 * Which exports of the module a call's result is used for: `require('x').a` and
 * `(await import('x')).a` use `a`; `const { a, b } = await import('x')` uses a and b; `const m =
 * await import('x')` uses the members read off `m` in its scope (`m.a`, `m.b`). Anything else
 * (passing `m` on, a rest element, reassignment) uses the whole module: [null].
 */
function membersUsedOf(call: Ts.CallExpression): (string | null)[] {
  let outer: Ts.Expression = call;
  while (ts.isParenthesizedExpression(outer.parent) || ts.isAwaitExpression(outer.parent) || ts.isNonNullExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
    // `import('x').then(...)` is not a use of an export named `then`: the module goes to the callback.
    if (call.expression.kind === ts.SyntaxKind.ImportKeyword && ['then', 'catch', 'finally'].includes(parent.name.text)) return membersUsedByPromise(parent);
    return [parent.name.text];
  }
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== outer) return [null];
  if (ts.isObjectBindingPattern(parent.name)) return membersOfPattern(parent.name);
  if (!ts.isIdentifier(parent.name) || (parent.parent.flags & ts.NodeFlags.Const) === 0) return [null];
  // `const p = import('x')` holds a promise: what is read off it (`p.then`) is not an export.
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword && !isAwaited(call, outer)) return [null];
  // `export const m = require('x')`: importers read members off m where this file cannot see them.
  const statement = parent.parent.parent;
  if (ts.isVariableStatement(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) return [null];
  return membersReadOff(parent.name, findScope(parent));
}

function isAwaited(call: Ts.Expression, outer: Ts.Expression): boolean {
  for (let node: Ts.Node = call; node !== outer; node = node.parent) if (ts.isAwaitExpression(node.parent)) return true;
  return false;
}

/**
 * `import('x').then(m => m.a)` uses a; `.then(({ a, b }) => ...)` uses a and b; `.then(() => ...)`
 * only loads the module. A callback that is not a literal function, a parameter used whole
 * (`.then(m => m)`), `.catch`/`.finally` (the module object flows on down the chain), or
 * anything unusual uses the whole module.
 */
function membersUsedByPromise(access: Ts.PropertyAccessExpression): (string | null)[] {
  const call = access.parent;
  if (access.name.text !== 'then' || !ts.isCallExpression(call) || call.expression !== access) return [null];
  const callback = call.arguments[0];
  if (callback === undefined || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return [null];
  const parameter = callback.parameters[0];
  if (parameter === undefined) return ['(module)'];
  if (parameter.dotDotDotToken || parameter.initializer) return [null];
  if (ts.isObjectBindingPattern(parameter.name)) return membersOfPattern(parameter.name);
  if (!ts.isIdentifier(parameter.name)) return [null];
  // The parameter may be reassigned in the callback; membersReadOff counts a bare use as whole.
  return membersReadOff(parameter.name, callback);
}

function membersOfPattern(pattern: Ts.ObjectBindingPattern): (string | null)[] {
  const names = pattern.elements.map((element) => {
    if (element.dotDotDotToken) return null;
    const key = element.propertyName ?? element.name;
    return ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : null;
  });
  return names.includes(null) || names.length === 0 ? [null] : [...new Set(names)];
}

/** The block, function body or file that a `const` declaration is visible in. */
function findScope(node: Ts.Node): Ts.Node {
  let current = node.parent;
  while (!ts.isBlock(current) && !ts.isSourceFile(current) && !ts.isModuleBlock(current) && !ts.isCaseClause(current) && !ts.isDefaultClause(current)) current = current.parent;
  return current;
}

/** Members read as `name.member` within `scope`; [null] when `name` is used any other way, or redeclared inside. */
function membersReadOff(name: Ts.Identifier, scope: Ts.Node): (string | null)[] {
  const members = new Set<string>();
  let isWhole = false;
  const visit = (node: Ts.Node): void => {
    if (isWhole) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text) {
      const parent = node.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === node) members.add(parent.name.text);
      else if (!(ts.isPropertyAccessExpression(parent) && parent.name === node) && !(ts.isPropertyAssignment(parent) && parent.name === node)) isWhole = true;
      return;
    }
    forEachLinkedChild(node, visit);
  };
  forEachLinkedChild(scope, visit);
  if (isWhole) return [null];
  // Loaded but never read: only the module's top-level code runs for it.
  return members.size === 0 ? ['(module)'] : [...members];
}

export function isRequireCall(node: Ts.CallExpression): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1;
}

/** A string literal or a template without substitutions; anything else is not static. */
export function getStaticString(node: Ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

import type { ts as Ts } from 'ts-morph';
import { ts } from './typescript.js';
import { enterScope, hidesType, hidesValue, kindTable, noShadows, type Shadows } from './local-scopes.js';
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
  new ReferenceWalk(root, owner, startsInType, sink, sourceFile).visit(root, startsInType, noShadows);
}

/**
 * One declaration's walk. It runs once per node of every parsed file, so it decides by syntax
 * kind before anything else and allocates only what it keeps: a node's children see its type
 * position and scopes through the walk's fields, with one callback for the whole walk.
 */
class ReferenceWalk {
  /** Each reference once, in the order first met: every reader asks whether one exists. */
  private readonly seen = new Set<string>();
  private readonly text: string;
  private parent: Ts.Node;
  private inType: boolean;
  private shadows: Shadows | null = noShadows;
  /** Children are linked to their parent before they are looked at (see parent-links.ts). */
  private readonly visitChild = (child: Ts.Node): void => {
    linkParent(child, this.parent);
    this.visit(child, this.inType, this.shadows);
  };

  constructor(
    root: Ts.Node,
    private readonly owner: string,
    startsInType: boolean,
    private readonly sink: ReferenceSink,
    private readonly sourceFile: Ts.SourceFile,
  ) {
    this.text = sourceFile.text;
    this.parent = root;
    this.inType = startsInType;
  }

  visit(node: Ts.Node, inType: boolean, outer: Shadows | null): void {
    const tables = (walkTables ??= buildWalkTables());
    const kind = node.kind;
    const typeKind = tables.types[kind];
    const isType = inType || (typeKind === heritageType ? isTypeHeritage(node) : typeKind === 1);
    switch (tables.steps[kind]) {
      case nameStep:
        return this.addIdentifier(node as Ts.Identifier, isType, outer);
      case accessStep:
        if (this.addAccessPath(node as Ts.PropertyAccessExpression | Ts.QualifiedName, isType, outer)) return;
        break;
      case importTypeStep:
        recordImportType(node as Ts.ImportTypeNode, this.owner, this.sink);
        break;
      case callStep:
        recordModuleCall(node as Ts.CallExpression, this.owner, isType, this.sink, this.sourceFile, true);
        break;
      case leafStep:
        return;
    }
    const savedParent = this.parent;
    const savedInType = this.inType;
    const savedShadows = this.shadows;
    this.parent = node;
    this.inType = isType;
    this.shadows = enterScope(node, outer, this.text);
    ts.forEachChild(node, this.visitChild);
    this.parent = savedParent;
    this.inType = savedInType;
    this.shadows = savedShadows;
  }

  private addIdentifier(node: Ts.Identifier, isType: boolean, outer: Shadows | null): void {
    if (!isReferencePosition(node)) return;
    const name = node.text;
    if (isType ? hidesType(outer, name) : hidesValue(outer, name)) return;
    // `const compiler = CompilerDOM; compiler.parse()` reads `parse` of CompilerDOM, nothing else.
    const aliasMembers = isType ? null : readAliasMembers(node);
    if (aliasMembers === null) this.addReference(name, [], isType);
    else for (const member of aliasMembers) this.addReference(name, [member], false);
  }

  /** `a.b.c` and `Ns.Type`: one reference with its members; false for any other access (its parts are visited). */
  private addAccessPath(node: Ts.PropertyAccessExpression | Ts.QualifiedName, isType: boolean, outer: Shadows | null): boolean {
    const path = accessPath(node);
    if (path === null) return false;
    const { name, members } = path;
    // `Ns.Type`: the left of a qualified name is a namespace, which a local type parameter cannot be.
    const hidden = node.kind === ts.SyntaxKind.QualifiedName ? hidesValue(outer, name) && hidesType(outer, name) : isType ? hidesType(outer, name) : hidesValue(outer, name);
    if (!hidden) this.addReference(name, members, isType);
    return true;
  }

  private addReference(name: string, members: string[], isTypePosition: boolean): void {
    // A name used 20 times in a declaration was 20 entries, over half of all references on real code.
    const key = `${isTypePosition ? 't' : 'v'} ${name} ${members.length === 0 ? '' : members.join(' ')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.sink.references.push({ name, members, isTypePosition });
  }
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
 * Where the text says `import` or `require`, or has a `\u` escape (which can spell either), in
 * order. A declaration whose range holds none of them has no module use: collectModuleUses
 * need not walk it (most declarations of a file whose imports are only confirmed).
 */
export function findModuleMentions(text: string): number[] {
  const mentions: number[] = [];
  for (const word of ['import', 'require', '\\u']) {
    for (let found = text.indexOf(word); found !== -1; found = text.indexOf(word, found + 1)) mentions.push(found);
  }
  return mentions.sort((a, b) => a - b);
}

/** Whether a mention (findModuleMentions) starts in [start, end). */
export function hasMentionIn(mentions: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = mentions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((mentions[middle] as number) < start) low = middle + 1;
    else high = middle;
  }
  return low < mentions.length && (mentions[low] as number) < end;
}

/**
 * `a.b.c` -> a with [b, c], for a chain of property accesses or a qualified type name that
 * starts at an identifier; null for anything else (`f().b`, `a[b].c`: their parts are visited).
 * The chain is checked before anything is allocated: most accesses (`this.x`, `f().x`) are not one.
 */
function accessPath(node: Ts.Node): { name: string; members: string[] } | null {
  let length = 0;
  let current: Ts.Node = node;
  for (;;) {
    if (current.kind === ts.SyntaxKind.PropertyAccessExpression) {
      const access = current as Ts.PropertyAccessExpression;
      if (access.name.kind !== ts.SyntaxKind.Identifier) return null;
      current = access.expression;
    } else if (current.kind === ts.SyntaxKind.QualifiedName) {
      current = (current as Ts.QualifiedName).left;
    } else {
      break;
    }
    length++;
  }
  if (current.kind !== ts.SyntaxKind.Identifier || length === 0) return null;
  const members = new Array<string>(length);
  current = node;
  for (let index = length - 1; index >= 0; index--) {
    if (current.kind === ts.SyntaxKind.PropertyAccessExpression) {
      const access = current as Ts.PropertyAccessExpression;
      members[index] = (access.name as Ts.Identifier).text;
      current = access.expression;
    } else {
      const qualified = current as Ts.QualifiedName;
      members[index] = qualified.right.text;
      current = qualified.left;
    }
  }
  return { name: (current as Ts.Identifier).text, members };
}

// What the walk does at a node, by its kind (WalkTables.steps); anything else is descended into.
const leafStep = 1;
const nameStep = 2;
const accessStep = 3;
const importTypeStep = 4;
const callStep = 5;
/** WalkTables.types: a type node, except `X<T>`, which its parent decides (isTypeHeritage). */
const heritageType = 2;

interface WalkTables {
  steps: Uint8Array;
  types: Uint8Array;
}

/** Built on the first walk (the compiler is loaded lazily): one lookup per node instead of a chain of tests. */
let walkTables: WalkTables | undefined;

function buildWalkTables(): WalkTables {
  const steps = new Uint8Array(ts.SyntaxKind.Count);
  // Tokens (keywords, literals) have no children: forEachChild returns at once for them.
  steps.fill(leafStep, 0, ts.SyntaxKind.LastToken + 1);
  steps[ts.SyntaxKind.Identifier] = nameStep;
  steps[ts.SyntaxKind.PropertyAccessExpression] = accessStep;
  steps[ts.SyntaxKind.QualifiedName] = accessStep;
  steps[ts.SyntaxKind.ImportType] = importTypeStep;
  steps[ts.SyntaxKind.CallExpression] = callStep;
  // Type annotations, `implements`, `typeof x` in types: erased at runtime (ts.isTypeNode tests the kind only).
  const types = kindTable(ts.isTypeNode);
  types[ts.SyntaxKind.ExpressionWithTypeArguments] = heritageType;
  return { steps, types };
}

/** `X<T>` (in a heritage clause, or an instantiation expression) is a type, except in a class's `extends`: a value. */
function isTypeHeritage(node: Ts.Node): boolean {
  const clause = node.parent;
  return !(ts.isHeritageClause(clause) && clause.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(clause.parent));
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
  if (isModuleGlobCall(node)) {
    // Vite's `import.meta.glob('./pages/*.tsx')` and webpack's `require.context('./pages')`
    // load every module a pattern matches, which no specifier names: a computed import.
    sink.dynamicSpecifiers.push({ expression: shortExpression(node, sourceFile), owner });
    return;
  }
  const kind = node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic-import' : isRequireCall(node) ? 'require' : null;
  if (kind === null) return;
  const argument = node.arguments[0];
  const specifier = argument !== undefined ? getStaticString(argument) : null;
  if (specifier === null) {
    sink.dynamicSpecifiers.push({ expression: shortExpression(node, sourceFile), owner });
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

function shortExpression(node: Ts.Node, sourceFile: Ts.SourceFile): string {
  const expression = node.getText(sourceFile).replace(/\s+/g, ' ');
  return expression.length > 100 ? `${expression.slice(0, 99)}…` : expression;
}

/** `import.meta.glob(...)`, `import.meta.globEager(...)` (Vite 2) or `require.context(...)` (webpack). */
function isModuleGlobCall(node: Ts.CallExpression): boolean {
  const callee = node.expression;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const name = callee.name.text;
  if (name === 'glob' || name === 'globEager') return ts.isMetaProperty(callee.expression) && callee.expression.keywordToken === ts.SyntaxKind.ImportKeyword && callee.expression.name.text === 'meta';
  return name === 'context' && ts.isIdentifier(callee.expression) && callee.expression.text === 'require';
}

export function isRequireCall(node: Ts.CallExpression): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1;
}

/** A string literal or a template without substitutions; anything else is not static. */
export function getStaticString(node: Ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

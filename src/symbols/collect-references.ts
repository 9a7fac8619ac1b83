import { ts } from 'ts-morph';
import { enterScope, noShadows, type Shadows } from './local-scopes.js';
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
export function collectReferences(root: ts.Node, owner: string, startsInType: boolean, sink: ReferenceSink, sourceFile: ts.SourceFile): void {
  const isShadowed = (name: string, isType: boolean, shadows: Shadows): boolean => (isType ? shadows.types : shadows.values).has(name);
  const visit = (node: ts.Node, inType: boolean, outer: Shadows): void => {
    const isType = inType || isTypePosition(node);
    if (ts.isIdentifier(node)) {
      if (isReferencePosition(node) && !isShadowed(node.text, isType, outer)) sink.references.push({ name: node.text, member: null, isTypePosition: isType });
      return;
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      if (!isShadowed(node.expression.text, isType, outer)) sink.references.push({ name: node.expression.text, member: node.name.text, isTypePosition: isType });
      return;
    }
    if (ts.isQualifiedName(node) && ts.isIdentifier(node.left)) {
      // `Ns.Type`: the left side is a namespace, which a local type parameter cannot be.
      if (!outer.values.has(node.left.text) || !outer.types.has(node.left.text)) sink.references.push({ name: node.left.text, member: node.right.text, isTypePosition: isType });
      return;
    }
    if (ts.isImportTypeNode(node)) {
      recordImportType(node, owner, sink);
    } else if (ts.isCallExpression(node)) {
      recordModuleCall(node, owner, isType, sink, sourceFile);
    }
    const inner = enterScope(node, outer);
    ts.forEachChild(node, (child) => visit(child, isType, inner));
  };
  visit(root, startsInType, noShadows);
}

/** Type annotations, `implements`, `typeof x` in types: erased at runtime. A class `extends` is a value. */
function isTypePosition(node: ts.Node): boolean {
  if (ts.isExpressionWithTypeArguments(node)) {
    const clause = node.parent;
    return !(ts.isHeritageClause(clause) && clause.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(clause.parent));
  }
  return ts.isTypeNode(node);
}

/** Declaration names, property names and labels are not references; shorthand `{ a }` is. */
function isReferencePosition(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  if ((parent as { name?: ts.Node }).name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}

function recordImportType(node: ts.ImportTypeNode, owner: string, sink: ReferenceSink): void {
  const argument = node.argument;
  if (!ts.isLiteralTypeNode(argument) || !ts.isStringLiteral(argument.literal)) return;
  const qualifier = node.qualifier;
  const member = qualifier === undefined ? null : ts.isIdentifier(qualifier) ? qualifier.text : leftmostName(qualifier);
  sink.moduleUses.push({ specifier: argument.literal.text, owner, kind: 'import-type', member, isTypeOnly: true });
}

function leftmostName(name: ts.EntityName): string {
  return ts.isIdentifier(name) ? name.text : leftmostName(name.left);
}

/** `import('x')` and `require('x')` inside a declaration. Top-level `const x = require()` is a binding instead. */
function recordModuleCall(node: ts.CallExpression, owner: string, inType: boolean, sink: ReferenceSink, sourceFile: ts.SourceFile): void {
  const kind = node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic-import' : isRequireCall(node) ? 'require' : null;
  if (kind === null) return;
  const argument = node.arguments[0];
  const specifier = argument !== undefined ? getStaticString(argument) : null;
  if (specifier === null) {
    const expression = node.getText(sourceFile).replace(/\s+/g, ' ');
    sink.dynamicSpecifiers.push({ expression: expression.length > 100 ? `${expression.slice(0, 99)}…` : expression, owner });
    return;
  }
  const parent = node.parent;
  const member = kind === 'require' && ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : null;
  sink.moduleUses.push({ specifier, owner, kind, member, isTypeOnly: inType });
}

export function isRequireCall(node: ts.CallExpression): boolean {
  return ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1;
}

/** A string literal or a template without substitutions; anything else is not static. */
export function getStaticString(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

import type { Node, SourceFile, ts as Ts } from 'ts-morph';
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { noCache, type CacheStore } from '../cache/cache-store.js';
import { CachedTable, guardSchema } from '../cache/cached-table.js';
import { isSourceFile } from '../shared/source-files.js';
import { isStringOrNull } from '../shared/value-guards.js';
import { isStackOverflow } from './module-facts.js';
import { CheckerProject } from './checker-project.js';
import { findImportDerivedNames, findInferringImport, thisName, unresolvedImports } from './import-inferred.js';
import { ts, tsMorph } from './typescript.js';

/**
 * Computes the public shape of exports (their type as a consumer sees it) for the old and
 * new text of changed files, using ts-morph's type checker so that inferred return and
 * variable types count. Only changed files are loaded, so imports from elsewhere type as
 * `any` on both sides alike; where that `any` could hide a change, the shape says so
 * (withUnresolvedParts).
 */
export class PublicShapes {
  private readonly cached: CachedTable<string | null>;

  /** Shapes are cached by file content and export name: the type checker is the slow part. */
  constructor(
    cache: CacheStore = noCache,
    private readonly checker = new CheckerProject(),
  ) {
    this.cached = new CachedTable<string | null>(cache, 'shapes', guardSchema(isStringOrNull));
  }

  saveCache(): void {
    this.cached.save();
  }

  /** Shapes of the named exports of one version of a file; missing names are absent. */
  shapesOf(side: 'base' | 'head', path: string, text: string, names: string[]): Map<string, string> {
    const shapes = new Map<string, string>();
    if (!isSourceFile(path) || names.length === 0) return shapes;
    const contentKey = `${createHash('sha1').update(text).digest('hex')}${posix.extname(path)}`;
    const missing = names.filter((name) => this.cached.get(`${contentKey}:${name}`) === undefined);
    if (missing.length > 0) {
      const computed = this.computeShapes(side, path, text, missing);
      for (const name of missing) this.cached.set(`${contentKey}:${name}`, computed.get(name) ?? null);
    }
    for (const name of names) {
      const shape = this.cached.get(`${contentKey}:${name}`);
      if (typeof shape === 'string') shapes.set(name, shape);
    }
    return shapes;
  }

  private computeShapes(side: 'base' | 'head', path: string, text: string, names: string[]): Map<string, string> {
    const project = this.checker.get();
    const file = project.createSourceFile(`/${side}/${path}`, text, { overwrite: true });
    try {
      return this.describeExports(file, names, findImportDerivedNames(file.compilerNode, unresolvedImports(file.compilerNode, path)));
    } catch (error) {
      // The checker recurses deeper than the parser: a file it cannot walk has no known shapes,
      // which classifies its changes as signature changes (never "body only").
      if (isStackOverflow(error)) return new Map();
      throw error;
    } finally {
      // One file at a time: a project holding every changed file makes each type query
      // re-check all of them (5,000 changed files took minutes).
      project.removeSourceFile(file);
    }
  }

  private describeExports(file: SourceFile, names: string[], derived: ReadonlyMap<string, string>): Map<string, string> {
    const shapes = new Map<string, string>();
    const exported = readExportedDeclarations(file, names);
    for (const name of names) {
      if (name === 'export=') {
        // ts-morph lists no declarations for `export =`; its expression's type is the shape.
        const assignment = file.getExportAssignment((candidate) => candidate.isExportEquals());
        if (assignment) shapes.set(name, withUnresolvedParts(typeText(assignment.getExpression()), assignment, derived));
        continue;
      }
      const declarations = exported.get(name);
      if (declarations === undefined) continue;
      shapes.set(name, declarations.map((declaration) => withUnresolvedParts(describeDeclaration(declaration), declaration, derived)).join('\n'));
    }
    return shapes;
  }
}

/** Starts the shape of an export whose type the checker left to an import it could not resolve. */
const inferredMarker = 'type inferred from import ';

/**
 * The checker loads the changed file alone, so each import types as `any`, and `any` hides
 * what it stands for. Where a shape shows one, two things are added so that the comparison of
 * the two sides does not take an unknown for "the same":
 * - a type left to inference that reads an import (`router({...})`, `() => useQuery(...)`):
 *   the shape becomes the declaration's own text, behind a marker, so any edit of it counts as
 *   a possible type change (import-inferred.ts), and the reason names the import;
 * - written annotations (`(input: Input)` -> `(input: Other)`, both `any` here): their texts.
 */
function withUnresolvedParts(shape: string, node: Node, derived: ReadonlyMap<string, string>): string {
  if (!/\bany\b/.test(shape)) return shape;
  const inferringImport = findInferringImport(node.compilerNode, derived);
  // A destructured name (`export const { a } = create()`) changes with its whole declaration.
  const declaration = tsMorph.Node.isBindingElement(node) ? (node.getFirstAncestorByKind(ts.SyntaxKind.VariableDeclaration) ?? node) : node;
  if (inferringImport !== undefined) return `${inferredMarker}\`${inferringImport}\`\n${inferredText(declaration, shape, derived)}`;
  const written = writtenTypes(node.compilerNode);
  return written.length === 0 ? shape : `${shape}\nwritten: ${written.join(', ')}`;
}

/**
 * The text that decides an import-inferred type. For a class, only the members whose type is
 * inferred from an import, beside the checker's shape, which holds every other member's type:
 * an edit inside a method with a written return type (apollo's `markQueryResult`) is then no
 * possible type change because another member (`shouldWrite`) reads an import. For anything
 * else, the whole declaration.
 */
function inferredText(declaration: Node, shape: string, derived: ReadonlyMap<string, string>): string {
  const compiler = declaration.compilerNode;
  if (!ts.isClassLike(compiler)) return normalizeSpace(declaration.getText());
  const first = compiler.members.map((member) => findInferringImport(member, derived)).find((found) => found !== undefined);
  if (first === undefined) return normalizeSpace(declaration.getText());
  // A member may read such a member through `this`: it counts as reading the import too.
  const withThis = new Map(derived).set(thisName, first);
  const inferring = compiler.members.filter((member) => findInferringImport(member, withThis) !== undefined);
  // Annotations that name imports (`item: ReturnType<typeof makeA>`) read `any` in the shape too.
  const written = writtenTypes(compiler);
  return [shape, ...(written.length === 0 ? [] : [`written: ${written.join(', ')}`]), ...inferring.map((member) => normalizeSpace(member.getText()))].join('\n');
}

/** The import a shape marks as deciding its type (see withUnresolvedParts), or undefined. */
export function inferringImportOfShape(shape: string | undefined): string | undefined {
  if (shape === undefined || !shape.startsWith(inferredMarker)) return undefined;
  return shape.slice(inferredMarker.length, shape.indexOf('\n'));
}

/** Texts of the type annotations of a declaration's surface (not inside function bodies), in order. */
function writtenTypes(root: Ts.Node): string[] {
  const texts: string[] = [];
  const visit = (node: Ts.Node): void => {
    if (ts.isBlock(node)) return;
    const annotation = (node as { type?: Ts.Node }).type;
    if (annotation !== undefined && ts.isTypeNode(annotation) && (ts.isParameter(node) || ts.isFunctionLike(node) || ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertySignature(node))) {
      texts.push(normalizeSpace(annotation.getText()));
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return texts;
}

/**
 * The declarations of the wanted exports only. `getExportedDeclarations()` wraps every
 * declaration of the file, and forgetting them again walks them all: for a generated file with
 * 100,000 exports that was most of the run, growing faster than the file (issue 16). The same
 * ts-morph logic runs on just the wanted export symbols; only a name that is missing from the
 * module's own table while the module has `export *` needs the full listing.
 */
function readExportedDeclarations(file: SourceFile, names: string[]): ReadonlyMap<string, Node[]> {
  try {
    const moduleSymbol = file.getSymbol();
    if (moduleSymbol === undefined) return new Map();
    const wanted = names.filter((name) => name !== 'export=');
    const symbols = wanted.map((name) => moduleSymbol.getExport(name));
    const hasExportStar = moduleSymbol.compilerSymbol.exports?.has(ts.InternalSymbolName.ExportStar) === true;
    if (hasExportStar && symbols.some((symbol) => symbol === undefined)) return file.getExportedDeclarations();
    const present = symbols.filter((symbol) => symbol !== undefined);
    // getExportedDeclarations reads the export symbols through `this.getExportSymbols()` only.
    const subset = Object.create(file, { getExportSymbols: { value: () => present } }) as SourceFile;
    return file.getExportedDeclarations.call(subset);
  } catch {
    return new Map();
  }
}

function describeDeclaration(node: Node): string {
  if (tsMorph.Node.isInterfaceDeclaration(node) || tsMorph.Node.isTypeAliasDeclaration(node) || tsMorph.Node.isEnumDeclaration(node)) {
    return normalizeSpace(node.getText());
  }
  if (tsMorph.Node.isModuleDeclaration(node)) return describeNamespace(node);
  if (tsMorph.Node.isClassDeclaration(node) || tsMorph.Node.isClassExpression(node)) return describeClass(node);
  return typeText(node);
}

/** A namespace's surface: its exported members, each described like a top-level export. */
function describeNamespace(node: Node & { getExportedDeclarations(): ReadonlyMap<string, Node[]> }): string {
  const members = [...node.getExportedDeclarations()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return members.map(([name, declarations]) => `${name}: ${declarations.map(describeDeclaration).join(' & ')}`).join('\n');
}

/** A class's public surface: heritage, type parameters and the types of non-private members. */
function describeClass(node: Node & { getMembers(): Node[] }): string {
  const parts: string[] = [];
  if (tsMorph.Node.isClassDeclaration(node) || tsMorph.Node.isClassExpression(node)) {
    parts.push(node.getTypeParameters().map((parameter) => normalizeSpace(parameter.getText())).join(','));
    parts.push(node.getHeritageClauses().map((clause) => normalizeSpace(clause.getText())).join(' '));
    parts.push(node.isAbstract() ? 'abstract' : '');
  }
  for (const member of node.getMembers()) {
    if (tsMorph.Node.isModifierable(member) && member.hasModifier(ts.SyntaxKind.PrivateKeyword)) continue;
    if (tsMorph.Node.isPropertyNamed(member) && member.getNameNode().getKind() === ts.SyntaxKind.PrivateIdentifier) continue;
    const isStatic = tsMorph.Node.isStaticable(member) && member.isStatic();
    const name = tsMorph.Node.isConstructorDeclaration(member) ? 'constructor' : tsMorph.Node.isPropertyNamed(member) ? member.getName() : member.getKindName();
    const modifiers = tsMorph.Node.isModifierable(member) ? member.getModifiers().map((modifier) => modifier.getText()).join(' ') : '';
    parts.push(`${isStatic ? 'static ' : ''}${modifiers} ${name}: ${typeText(member)}`);
  }
  return parts.join('\n');
}

function typeText(node: Node): string {
  try {
    return node.getType().getText(node, ts.TypeFormatFlags.NoTruncation);
  } catch {
    return normalizeSpace(node.getText());
  }
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

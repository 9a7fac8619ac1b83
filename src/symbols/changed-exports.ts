import { createHash } from 'node:crypto';
import { changedAugmentations } from './augmentations.js';
import { posix } from 'node:path';
import { noCache, type CacheStore } from '../cache/cache-store.js';
import { CachedTable } from '../cache/cached-table.js';
import { compareStrings, sortBy } from '../shared/compare.js';
import { isComponentFile, isDataModuleFile, isDeclarationFile, isSourceFile } from '../shared/source-files.js';
import { findComponentChanges, findDataModuleChanges } from './component-changes.js';
import type { ChangedFile, ChangedSymbol, SymbolKind, Unknown } from '../shared/types.js';
import { commonJsObject, isObjectMemberLocal, moduleOwner, type ModuleFacts, type ReExport } from './module-facts-types.js';
import { describeParseError, emptyFacts, extractModuleFacts, isUnparsed } from './module-facts.js';
import { ApiCompatibility, type CompatibilityKind, type CompatibilityQuery } from './api-compatibility.js';
import { inferringImportOfShape, PublicShapes } from './public-shape.js';
import { ClosedSignatures } from './closed-signature.js';
import { CheckerProject } from './checker-project.js';
import { restoreFacts, storedFactsSchema, storeFacts, type StoredFacts } from './stored-facts.js';

/** Output of the symbol stage. */
export interface SymbolChanges {
  changedSymbols: ChangedSymbol[];
  unknowns: Unknown[];
  /** Edited `export * from` lines, for the graph stage to expand into the names they forward. */
  starEdits: StarEdit[];
  /** `file#name` of signature changes that every old consumer still compiles against (additive). */
  additive: Set<string>;
}

/**
 * What a specifier written in the file `importer` names: the repository file it resolves to, or
 * the specifier itself when it resolves to none. An import or re-export whose specifier was
 * edited changed only when this changed: `./a.js` -> `./a.ts`, or a moved file's `../a` ->
 * `../../a`, still name the same module.
 */
export type ModuleIdentity = (importer: string, specifier: string, mode: 'import' | 'require') => string;

/** Without a resolver: every edited specifier names another module. */
export const specifierText: ModuleIdentity = (_importer, specifier) => specifier;

/** One `export * from 'x'` line added, removed, or switched between `export *` and `export type *`. */
export interface StarEdit {
  file: string;
  specifier: string;
  before: 'value' | 'type' | null;
  after: 'value' | 'type' | null;
  /**
   * For an added line: names the base version re-exported by name from the same module, which
   * this line now forwards instead (`export { a, b } from './k'` -> `export * from './k'`).
   * Unless another star line forwards them too (then they are ambiguous, and gone), they did
   * not change: star-edits.ts drops their "removed" entries and adds no "added" ones.
   */
  carried?: string[];
}

interface Reason {
  text: string;
  /** The change reaches the export's type, not only its implementation. */
  touchesType: boolean;
  /**
   * Changed locals this one names in type positions (`(): AppError`) whose own change is decided
   * by their shape: when each is an export whose shape did not change (a body-only change), the
   * name means the same type as before and this one is decided by its own shape too.
   */
  typeDeps?: string[];
  /**
   * Set when the declaration's own text did not change (it changed only because it uses changed
   * locals) and its type is decided by its shape: the changed locals whose own text changed (or
   * imports that changed) it uses, directly or through other such locals. Its type is a function
   * of its text and of theirs.
   */
  changedSources?: string[];
}

/**
 * Stage 2: which exported symbols changed. Compares each changed file's top-level
 * declarations before and after (ignoring comments and formatting), follows changed
 * non-exported helpers to the exports that use them, and classifies each change.
 */
export function findChangedSymbols(files: ChangedFile[], baseFiles: Map<string, string>, headFiles: Map<string, string>, cache: CacheStore = noCache, identity: ModuleIdentity = specifierText): SymbolChanges {
  // One checker project for shapes and compatibility: the ES library is parsed and bound once.
  const checker = new CheckerProject();
  const shapes = new PublicShapes(cache, checker);
  const closed = new ClosedSignatures(cache);
  const parsed = new CachedTable<StoredFacts>(cache, 'changed-facts', storedFactsSchema);
  const factsOf = (path: string, text: string): ModuleFacts => {
    // Keyed by content and extension (the parser's dialect); the path is the caller's.
    const key = `${createHash('sha1').update(text).digest('hex')}${posix.extname(path)}`;
    const stored = parsed.get(key);
    if (stored !== undefined) return { ...restoreFacts(stored), path };
    const facts = extractModuleFacts(path, text, { withFingerprints: true });
    parsed.set(key, storeFacts(facts));
    return facts;
  };
  const changedSymbols: ChangedSymbol[] = [];
  const unknowns: Unknown[] = [];
  const starEdits: StarEdit[] = [];
  const additive = new Set<string>();
  const compatibility = new ApiCompatibility(cache, undefined, checker);

  for (const file of files) {
    if (isComponentFile(file.path) || isComponentFile(file.oldPath)) {
      changedSymbols.push(...findComponentChanges(file, baseFiles.get(file.oldPath), headFiles.get(file.path)));
    }
    if (isDataModuleFile(file.path) || isDataModuleFile(file.oldPath)) changedSymbols.push(...findDataModuleChanges(file));
    if (!(isSourceFile(file.path) || isSourceFile(file.oldPath))) continue;
    // Binary to git is not binary to us when it decodes (UTF-16 with a byte-order mark).
    // One side may be a component (a `.vue` file renamed to `.tsx`): that side is no source to parse.
    const oldText = file.status === 'added' || !isSourceFile(file.oldPath) ? undefined : baseFiles.get(file.oldPath);
    const newText = file.status === 'deleted' || !isSourceFile(file.path) ? undefined : headFiles.get(file.path);
    if (file.status !== 'added' && oldText === undefined && isSourceFile(file.oldPath)) {
      unknowns.push({ kind: 'unreadable-file', file: file.oldPath, specifier: null, reason: 'base version could not be read as text' });
    }
    if (file.status !== 'deleted' && newText === undefined && isSourceFile(file.path)) {
      unknowns.push({ kind: 'unreadable-file', file: file.path, specifier: null, reason: 'changed version could not be read as text' });
    }
    const oldFacts = oldText === undefined ? undefined : factsOf(file.oldPath, oldText);
    const newFacts = newText === undefined ? undefined : factsOf(file.path, newText);
    for (const facts of [oldFacts, newFacts]) {
      if (facts && facts.parseErrors.length > 0) {
        unknowns.push({ kind: 'parse-error', file: facts.path, specifier: null, reason: describeParseError(facts, 'symbols may be incomplete') });
      }
    }
    unknowns.push(...changedAugmentations(file.path, oldFacts, newFacts));
    if (file.status === 'deleted' || file.status === 'renamed') {
      // Importers that still use the old path now point at nothing: every export is gone from there.
      if (oldFacts) changedSymbols.push(...allExportsRemoved(file.oldPath, oldFacts, file.status));
      if (file.status === 'deleted') continue;
    }
    if ((oldFacts && isUnparsed(oldFacts)) || (newFacts && isUnparsed(newFacts))) {
      // Nothing to compare: every importer counts as affected, like a change to top-level code.
      const reason = 'could not be parsed (nesting too deep); every importer counts as affected';
      changedSymbols.push({ file: file.path, name: moduleOwner, kind: 'module', change: 'signature', reason, line: null });
      continue;
    }
    const modules = new SameModule(file.oldPath, file.path, identity);
    const fileStarEdits = oldFacts !== undefined && newFacts !== undefined ? diffStars(file.path, oldFacts, newFacts, modules) : [];
    starEdits.push(...fileStarEdits);
    const headFacts = newFacts ?? emptyFacts(file.path);
    const changedLocals = findChangedLocals(oldFacts ?? emptyFacts(file.path), headFacts, modules);
    const diffed = mergeSameName(diffExports(file.path, oldFacts, headFacts, modules, fileStarEdits.length > 0, changedLocals));
    const headExports = [...(newFacts ?? emptyFacts(file.path)).exports];
    const exportsOf = (local: string): string[] => headExports.filter(([, name]) => name === local).map(([exported]) => exported);
    const sides: Sides = { oldPath: file.oldPath, oldText, oldFacts, path: file.path, newText, newFacts };
    const classified = classify(diffed, shapes, closed, sides, exportsOf, changedLocals);
    changedSymbols.push(...classified.symbols);
    if (oldText !== undefined && newText !== undefined) {
      const queries = classified.symbols.flatMap((symbol): CompatibilityQuery[] => {
        // The compatibility checker would compare `any` with `any`: an unknown type stays breaking.
        if (classified.unknownTypes.has(symbol.name)) return [];
        const kind = compatibilityKind(symbol.kind);
        // A value that became a type only (class -> interface) breaks every value use.
        const oldKind = oldFacts === undefined ? undefined : kindOf(oldFacts, oldFacts.exports.get(symbol.name));
        const wasValue = oldKind !== undefined && oldKind !== 'interface' && oldKind !== 'type';
        if (kind === 'type' && wasValue) return [];
        return symbol.change === 'signature' && kind !== null ? [{ name: symbol.name, kind }] : [];
      });
      for (const name of compatibility.additiveNames(file.path, oldText, newText, queries)) additive.add(`${file.path}#${name}`);
    }
  }
  shapes.saveCache();
  closed.saveCache();
  compatibility.saveCache();
  parsed.save();
  return {
    changedSymbols: sortBy(changedSymbols, (symbol) => `${symbol.file}\0${symbol.name}`),
    unknowns,
    starEdits: sortBy(starEdits, (edit) => `${edit.file}\0${edit.specifier}`),
    additive,
  };
}

/** Kinds whose compatibility the checker can decide; enums, namespaces and re-exports stay breaking. */
function compatibilityKind(kind: SymbolKind): CompatibilityKind | null {
  if (kind === 'function' || kind === 'variable' || kind === 'default') return 'value';
  if (kind === 'interface' || kind === 'type') return 'type';
  if (kind === 'class') return 'class';
  return null;
}

/**
 * `export * from` lines whose presence or type-only-ness differs between the two versions. A
 * line whose specifier was edited but names the same module is no edit; an edit names the module
 * by its head specifier where it has one.
 */
function diffStars(path: string, before: ModuleFacts, after: ModuleFacts, modules: SameModule): StarEdit[] {
  type Star = { kind: 'value' | 'type'; specifier: string };
  const stars = (facts: ModuleFacts, keyOf: (specifier: string) => string): Map<string, Star> => {
    const map = new Map<string, Star>();
    for (const entry of facts.reExports) {
      if (entry.exported !== '*') continue;
      const module = keyOf(entry.specifier);
      // `export *` and `export type *` of the same module: the value line wins.
      if (map.get(module)?.kind !== 'value') map.set(module, { kind: entry.isTypeOnly ? 'type' : 'value', specifier: entry.specifier });
    }
    return map;
  };
  let old = stars(before, (specifier) => specifier);
  let next = stars(after, (specifier) => specifier);
  const sameTexts = old.size === next.size && [...old.keys()].every((specifier) => next.has(specifier));
  if (!(sameTexts && modules.sameFolder)) {
    // A line was added, removed or edited (or the file moved): compare the modules the lines name.
    old = stars(before, (specifier) => modules.identityOf(modules.oldPath, specifier));
    next = stars(after, (specifier) => modules.identityOf(modules.path, specifier));
  }
  const edits: StarEdit[] = [];
  for (const module of new Set([...old.keys(), ...next.keys()])) {
    const was = old.get(module);
    const now = next.get(module);
    if (was?.kind === now?.kind) continue;
    const edit: StarEdit = { file: path, specifier: (now ?? was)?.specifier ?? module, before: was?.kind ?? null, after: now?.kind ?? null };
    const carried = was === undefined && now !== undefined ? carriedByStar(before, after, modules, now) : [];
    edits.push(carried.length > 0 ? { ...edit, carried } : edit);
  }
  return edits;
}

/**
 * Names the base version re-exported by name (unrenamed) from the module a new star line
 * forwards, and the head version no longer declares or re-exports by name: the star forwards
 * them from the same module, so they did not change. A value re-export needs a value star.
 */
function carriedByStar(before: ModuleFacts, after: ModuleFacts, modules: SameModule, star: { kind: 'value' | 'type'; specifier: string }): string[] {
  const target = modules.identityOf(modules.path, star.specifier);
  const stillNamed = new Set([...after.exports.keys(), ...after.reExports.map((entry) => entry.exported)]);
  return before.reExports
    .filter((entry) => entry.exported !== '*' && entry.exported !== 'default' && entry.imported === entry.exported && !stillNamed.has(entry.exported))
    .filter((entry) => (star.kind === 'value' || entry.isTypeOnly) && modules.identityOf(modules.oldPath, entry.specifier) === target)
    .map((entry) => entry.exported);
}

/**
 * Compares the modules two specifiers name, one written in the base version of a changed file and
 * one in its head version. The same text in the same folder names the same module without asking
 * the resolver (a warm run never loads it for an unedited import); anything else is resolved.
 */
class SameModule {
  /** Whether the file stayed in its folder: then a relative specifier means the same on both sides. */
  readonly sameFolder: boolean;

  constructor(
    readonly oldPath: string,
    readonly path: string,
    private readonly identity: ModuleIdentity,
  ) {
    this.sameFolder = posix.dirname(oldPath) === posix.dirname(path);
  }

  /** The module `specifier`, written in `importer` (one of the two paths), names as a re-export. */
  identityOf(importer: string, specifier: string): string {
    return this.identity(importer, specifier, 'import');
  }

  /** Whether a base import or re-export and its head counterpart take the same name from the same module. */
  sameEntry(previous: ImportedName, next: ImportedName, mode: 'import' | 'require'): boolean {
    if (previous.imported !== next.imported || previous.isTypeOnly !== next.isTypeOnly) return false;
    if (previous.specifier === next.specifier && this.sameFolder) return true;
    return this.identity(this.oldPath, previous.specifier, mode) === this.identity(this.path, next.specifier, mode);
  }
}

/** What an import binding and a named re-export have in common. */
type ImportedName = Pick<ReExport, 'specifier' | 'imported' | 'isTypeOnly'>;

interface DiffedExport {
  name: string;
  kind: SymbolKind;
  change: 'added' | 'removed' | 'changed';
  reason: Reason;
  line: number | null;
  /** See ChangedSymbol.memberOf. */
  memberOf?: string;
}

function diffExports(path: string, before: ModuleFacts | undefined, after: ModuleFacts, modules: SameModule, hasStarEdits: boolean, changedLocals: ReadonlyMap<string, Reason>): DiffedExport[] {
  const old = before ?? emptyFacts(path);
  const results: DiffedExport[] = [];

  const names = new Set([...old.exports.keys(), ...after.exports.keys()]);
  // The export name of each side's `module.exports = {...}` object, looked up once per file.
  const objectExport = (facts: ModuleFacts): string | undefined => [...facts.exports].find(([, local]) => local === commonJsObject)?.[0];
  const [oldObject, newObject] = [objectExport(old), objectExport(after)];
  for (const name of names) {
    const oldLocal = old.exports.get(name);
    const newLocal = after.exports.get(name);
    const kind = kindOf(after, newLocal) ?? kindOf(old, oldLocal) ?? 'unknown';
    const line = lineOf(after, newLocal) ?? lineOf(old, oldLocal);
    const memberOf = newLocal !== undefined && isObjectMemberLocal(newLocal) ? newObject : oldLocal !== undefined && isObjectMemberLocal(oldLocal) ? oldObject : undefined;
    const push = (entry: Omit<DiffedExport, 'name' | 'kind' | 'line'>): void => void results.push({ name, kind, ...entry, line, ...(memberOf === undefined ? {} : { memberOf }) });
    if (before !== undefined && oldLocal === undefined) push({ change: 'added', reason: { text: 'new export', touchesType: true } });
    else if (before === undefined) push({ change: 'added', reason: { text: 'new file', touchesType: true } });
    else if (newLocal === undefined) push({ change: 'removed', reason: { text: 'export removed', touchesType: true } });
    else if (oldLocal !== newLocal) push({ change: 'changed', reason: { text: `now exports \`${printedLocal(newLocal)}\` instead of \`${printedLocal(oldLocal)}\``, touchesType: true } });
    else {
      const reason = changedLocals.get(newLocal);
      if (reason) push({ change: 'changed', reason });
    }
  }

  results.push(...diffReExports(old, after, before === undefined, modules, hasStarEdits));
  // Only a change to the top-level code itself alters what importing the file does; top-level
  // code that merely mentions a changed export (`Button.displayName = ...`) runs as before.
  const moduleBefore = old.locals.get(moduleOwner)?.fingerprint;
  const moduleAfter = after.locals.get(moduleOwner)?.fingerprint;
  if (before !== undefined && moduleBefore !== moduleAfter) {
    const line = lineOf(after, moduleOwner);
    // A declaration file runs nothing: its top level is ambient types (`declare module`, `declare global`).
    const reason = isDeclarationFile(after.path) ? { text: 'top-level declarations changed (ambient types)', touchesType: true } : { text: 'top-level code changed (runs on import)', touchesType: false };
    results.push({ name: moduleOwner, kind: 'module', change: 'changed', reason, line });
  }
  return results;
}

/**
 * Locals (declarations and import bindings) that differ, then everything that references
 * them, to a fixpoint. The reason names the changed helper so the report can explain it.
 */
function findChangedLocals(before: ModuleFacts, after: ModuleFacts, modules: SameModule): Map<string, Reason> {
  const changed = new Map<string, Reason>();
  for (const local of after.locals.values()) {
    const previous = before.locals.get(local.name);
    if (previous === undefined) changed.set(local.name, { text: 'declaration added', touchesType: true });
    else if (previous.fingerprint !== local.fingerprint) changed.set(local.name, { text: 'declaration changed', touchesType: false });
  }
  const oldBindings = new Map(before.imports.map((binding) => [binding.local, binding]));
  for (const binding of after.imports) {
    const previous = oldBindings.get(binding.local);
    const isSame = previous !== undefined && modules.sameEntry(previous, binding, binding.isRequire ? 'require' : 'import');
    if (!isSame) changed.set(binding.local, { text: 'import changed', touchesType: true });
  }
  for (const name of before.locals.keys()) {
    if (!after.locals.has(name) && !changed.has(name)) changed.set(name, { text: 'declaration removed', touchesType: true });
  }
  const direct = new Set(changed.keys());
  let grew = true;
  while (grew) {
    grew = false;
    for (const local of after.locals.values()) {
      if (changed.has(local.name)) continue;
      const reference = local.references.find((candidate) => candidate.name !== local.name && changed.has(candidate.name));
      if (reference === undefined) continue;
      changed.set(local.name, { text: `uses changed \`${reference.name}\``, touchesType: true });
      grew = true;
    }
  }
  // Whether each one's type is touched, over all the changed names it uses (not only the first
  // found): a type-position use of a local whose change touches types touches this one's type
  // (its shape prints the name, not what the name means); one of a local decided by its shape
  // makes this one depend on that shape (typeDeps). Monotone to a fixpoint: a local only ever
  // moves from "by shape" to "touches type".
  const derived = [...after.locals.values()].filter((local) => changed.has(local.name) && !direct.has(local.name));
  for (const local of derived) {
    const reason = changed.get(local.name) as Reason;
    // A type alias or interface whose own text did not change means something else only if a
    // local it names in a type does: decided below by those locals' shapes, like any other.
    const namesOnlyInTypes = local.isTypeOnly && local.references.every((reference) => reference.name === local.name || !changed.has(reference.name) || reference.isTypePosition);
    changed.set(local.name, { text: reason.text, touchesType: local.isTypeOnly && !namesOnlyInTypes });
  }
  const byShape = [...after.locals.values()].filter((local) => changed.get(local.name)?.touchesType === false);
  let moved = true;
  while (moved) {
    moved = false;
    for (const local of byShape) {
      const reason = changed.get(local.name) as Reason;
      if (reason.touchesType) continue;
      const deps = new Set<string>();
      let touchesType = false;
      for (const reference of local.references) {
        const used = reference.name === local.name ? undefined : changed.get(reference.name);
        if (used === undefined || !reference.isTypePosition) continue;
        // One that depends on other shapes is a dependency too (isBodyOnly follows the chain,
        // cycles included: a class and the callback type that names it).
        if (used.touchesType) touchesType = true;
        else deps.add(reference.name);
      }
      const typeDeps = deps.size === 0 ? undefined : [...deps].sort(compareStrings);
      if (touchesType || typeDeps?.join('\n') !== reason.typeDeps?.join('\n')) {
        changed.set(local.name, touchesType ? { text: reason.text, touchesType } : { ...reason, typeDeps });
        moved = true;
      }
    }
  }
  for (const local of derived) {
    const reason = changed.get(local.name) as Reason;
    if (!reason.touchesType) changed.set(local.name, { ...reason, changedSources: findChangedSources(local.name, after, changed, direct) });
  }
  return changed;
}

/** The direct changes (see Reason.changedSources) a derived local reaches through changed locals. */
function findChangedSources(name: string, after: ModuleFacts, changed: ReadonlyMap<string, Reason>, direct: ReadonlySet<string>): string[] {
  const sources = new Set<string>();
  const seen = new Set([name]);
  const stack = [name];
  while (stack.length > 0) {
    for (const reference of after.locals.get(stack.pop() as string)?.references ?? []) {
      if (seen.has(reference.name) || !changed.has(reference.name)) continue;
      seen.add(reference.name);
      if (direct.has(reference.name)) sources.add(reference.name);
      else stack.push(reference.name);
    }
  }
  return [...sources].sort(compareStrings);
}

function diffReExports(before: ModuleFacts, after: ModuleFacts, isNewFile: boolean, modules: SameModule, hasStarEdits: boolean): DiffedExport[] {
  const named = (facts: ModuleFacts): Map<string, ReExport> => new Map(facts.reExports.filter((entry) => entry.exported !== '*').map((entry) => [entry.exported, entry]));
  const oldByName = named(before);
  const newByName = named(after);
  const results: DiffedExport[] = [];
  for (const [name, entry] of newByName) {
    const previous = oldByName.get(name);
    if (previous === undefined) results.push({ name, kind: 're-export', change: 'added', reason: { text: isNewFile ? 'new file' : 'new re-export', touchesType: true }, line: null });
    else if (!modules.sameEntry(previous, entry, 'import')) results.push({ name, kind: 're-export', change: 'changed', reason: { text: 're-export now points elsewhere', touchesType: true }, line: null });
  }
  for (const name of oldByName.keys()) {
    if (!newByName.has(name)) results.push({ name, kind: 're-export', change: 'removed', reason: { text: 're-export removed', touchesType: true }, line: null });
  }
  // The star lines are compared by the modules they name (diffStars); the graph stage expands `*`.
  if (!isNewFile && hasStarEdits) {
    results.push({ name: '*', kind: 're-export', change: 'changed', reason: { text: '`export * from` list changed', touchesType: true }, line: null });
  }
  return results;
}

/** Both versions of one changed file. */
interface Sides {
  oldPath: string;
  oldText: string | undefined;
  oldFacts: ModuleFacts | undefined;
  path: string;
  newText: string | undefined;
  newFacts: ModuleFacts | undefined;
}

/** The changed symbols of one file, and the exports among them whose type could not be known (see inferringImportOfShape). */
interface Classified {
  symbols: ChangedSymbol[];
  /** Their type is inferred from an import, or depends on such a type: no checker here can say whether it changed compatibly. */
  unknownTypes: Set<string>;
}

function classify(diffed: DiffedExport[], shapes: PublicShapes, closed: ClosedSignatures, sides: Sides, exportsOf: (local: string) => string[], changedLocals: ReadonlyMap<string, Reason>): Classified {
  const { oldPath, oldText, oldFacts, path, newText, newFacts } = sides;
  const needShapes = diffed.filter((entry) => entry.change === 'changed' && !entry.reason.touchesType).map((entry) => entry.name);
  // Written-out signatures that read the same need no type checker; the rest are compared by shape.
  const sameSignature =
    oldText === undefined || newText === undefined || oldFacts === undefined || newFacts === undefined ? new Set<string>() : closed.matches(oldPath, oldText, oldFacts, path, newText, newFacts, needShapes);
  // An export whose own text did not change, changed only because it uses function declarations
  // whose written signatures read the same on both sides, has the type it had: its type is a
  // function of its own text and of theirs. No checker is needed (a class calling a helper whose
  // body changed, say). Only function declarations: a reader of a variable sees the type its
  // value narrows the annotation to (`const mode: string | number = 1` reads as `number`), which
  // the annotation's text does not fix.
  const byName = new Map(diffed.map((entry) => [entry.name, entry]));
  // It uses, directly or through other locals, a declaration of this file that changed (not only
  // an import that now points elsewhere, whose own change the walk follows from its module).
  const importLocals = new Set(newFacts?.imports.map((binding) => binding.local));
  const readsChangedDeclaration = (name: string): boolean => byName.get(name)?.reason.changedSources?.some((local) => !importLocals.has(local)) === true;
  const isFixedFunction = (local: string): boolean => newFacts?.locals.get(local)?.kind === 'function' && oldFacts?.locals.get(local)?.kind === 'function' && exportsOf(local).some((exported) => sameSignature.has(exported));
  const keepsType = new Set(
    needShapes.filter((name) => {
      const sources = byName.get(name)?.reason.changedSources;
      return sources !== undefined && sources.every(isFixedFunction);
    }),
  );
  const byChecker = needShapes.filter((name) => !sameSignature.has(name) && !keepsType.has(name));
  const oldShapes = oldText === undefined ? new Map<string, string>() : shapes.shapesOf('base', oldPath, oldText, byChecker);
  const newShapes = newText === undefined ? new Map<string, string>() : shapes.shapesOf('head', path, newText, byChecker);
  // A shape we could not compute on either side is not evidence of "body only".
  const isSameShape = (name: string): boolean => {
    if (sameSignature.has(name) || keepsType.has(name)) return true;
    const oldShape = oldShapes.get(name);
    const newShape = newShapes.get(name);
    // A type left to an import is not known, so not known to be the same when the edit is in a
    // helper of this file the export's text uses (`base` of `base.extend({...})`): the texts match.
    // An import that now names another module is followed by the walk from that module's change.
    const isInferred = inferringImportOfShape(oldShape) !== undefined || inferringImportOfShape(newShape) !== undefined;
    if (isInferred && readsChangedDeclaration(name)) return false;
    return oldShape !== undefined && oldShape === newShape;
  };
  // A local named in a type position is the same type as before when it is exported, its change
  // is decided by its shape (no typeDeps of its own), and that shape did not change. A local
  // that is not exported has no shape: fail closed.
  // Over a chain or a cycle of such locals, each must keep its shape; a local met again on the
  // way is taken as kept (what it means is what the others mean, whose shapes are checked).
  const isBodyOnly = (local: string, seen: Set<string> = new Set()): boolean => {
    if (seen.has(local)) return true;
    seen.add(local);
    const names = exportsOf(local);
    if (names.length === 0) {
      // A type alias or interface of this file that is not exported has no shape here. Its own
      // text did not change (it changed only through what it names): it means what it meant
      // when every changed local it names does.
      const reason = changedLocals.get(local);
      const isType = newFacts?.locals.get(local)?.isTypeOnly === true;
      // (changedSources is set only on such derived locals, see findChangedLocals.)
      return isType && reason !== undefined && reason.changedSources !== undefined && !reason.touchesType && (reason.typeDeps ?? []).every((dep) => isBodyOnly(dep, seen));
    }
    return (
      names.length > 0 &&
      names.every((name) => {
        const entry = byName.get(name);
        return entry !== undefined && entry.change === 'changed' && !entry.reason.touchesType && isSameShape(name) && (entry.reason.typeDeps ?? []).every((dep) => isBodyOnly(dep, seen));
      })
    );
  };
  const inferredFromOf = (entry: DiffedExport): string | undefined => (entry.reason.touchesType ? undefined : inferringImportOfShape(newShapes.get(entry.name) ?? oldShapes.get(entry.name)));
  // Locals whose type could not be known: those, and to a fixpoint every local that names one
  // in a type (`type User = z.infer<typeof userSchema>`), or whose type comes from one (typeDeps).
  const headLocals = [...(newFacts?.locals.values() ?? [])];
  const localOf = (name: string): string | undefined => newFacts?.exports.get(name);
  const unknownLocals = new Set(diffed.filter((entry) => entry.change === 'changed' && inferredFromOf(entry) !== undefined).flatMap((entry) => localOf(entry.name) ?? []));
  const typeDepsOf = new Map(diffed.map((entry) => [localOf(entry.name), entry.reason.typeDeps ?? []]));
  for (let grew = unknownLocals.size > 0; grew; ) {
    grew = false;
    for (const local of headLocals) {
      if (unknownLocals.has(local.name)) continue;
      const typeDeps = typeDepsOf.get(local.name) ?? [];
      if (!local.references.some((reference) => reference.isTypePosition && unknownLocals.has(reference.name)) && !typeDeps.some((dep) => unknownLocals.has(dep))) continue;
      unknownLocals.add(local.name);
      grew = true;
    }
  }
  const unknownTypes = new Set(diffed.filter((entry) => entry.change === 'changed' && unknownLocals.has(localOf(entry.name) ?? '')).map((entry) => entry.name));
  const symbols = diffed.map((entry): ChangedSymbol => {
    const member = entry.memberOf === undefined ? {} : { memberOf: entry.memberOf };
    if (entry.change !== 'changed') return { file: path, name: entry.name, kind: entry.kind, change: entry.change, reason: entry.reason.text, line: entry.line, ...member };
    const isSignature = entry.reason.touchesType || !isSameShape(entry.name) || !(entry.reason.typeDeps ?? []).every((dep) => isBodyOnly(dep, new Set([localOf(entry.name) ?? entry.name])));
    // Say so when the shape could not be known rather than was seen to change.
    const inferredFrom = inferredFromOf(entry);
    // Only where it decided: a body-only edit of a class with such a member says nothing of it.
    const reason = inferredFrom === undefined || !isSignature ? entry.reason.text : `${entry.reason.text}; its type is inferred from ${inferredFrom}, an import not type-checked here`;
    return { file: path, name: entry.name, kind: entry.kind, change: isSignature ? 'signature' : 'body', reason, line: entry.line, ...member };
  });
  return { symbols, unknownTypes };
}

/** A name that moved between a local export and a re-export shows up as removed and added: it changed. */
function mergeSameName(diffed: DiffedExport[]): DiffedExport[] {
  const byName = new Map<string, DiffedExport>();
  for (const entry of diffed) {
    const previous = byName.get(entry.name);
    byName.set(entry.name, previous ? { ...entry, change: 'changed', reason: { text: 'export replaced', touchesType: true }, line: entry.line ?? previous.line } : entry);
  }
  return [...byName.values()];
}

function allExportsRemoved(oldPath: string, facts: ModuleFacts, status: 'deleted' | 'renamed'): ChangedSymbol[] {
  const reason = status === 'deleted' ? 'file deleted' : 'file renamed away';
  const names = new Set([...facts.exports.keys(), ...facts.reExports.filter((entry) => entry.exported !== '*').map((entry) => entry.exported)]);
  if (facts.reExports.some((entry) => entry.exported === '*')) names.add('*');
  return [...names].map((name) => ({
    file: oldPath,
    name,
    kind: kindOf(facts, facts.exports.get(name)) ?? 're-export',
    change: 'removed' as const,
    reason,
    line: lineOf(facts, facts.exports.get(name)),
  }));
}

function kindOf(facts: ModuleFacts, local: string | undefined): SymbolKind | undefined {
  if (local === undefined) return undefined;
  const declaration = facts.locals.get(local);
  if (declaration) return declaration.kind;
  return facts.imports.some((binding) => binding.local === local) ? 're-export' : undefined;
}

function lineOf(facts: ModuleFacts, local: string | undefined): number | null {
  return local === undefined ? null : (facts.locals.get(local)?.line ?? null);
}

/** A local as the reason names it: `module.exports{a}` is written `module.exports.a` in source. */
function printedLocal(local: string | undefined): string {
  if (local === undefined) return '';
  return isObjectMemberLocal(local) ? `${commonJsObject}.${local.slice(commonJsObject.length + 1, -1)}` : local;
}

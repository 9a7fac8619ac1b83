import { posix } from 'node:path';
import type { CacheStore } from '../cache/cache-store.js';
import { compareStrings } from '../shared/compare.js';
import { isSourceFile } from '../shared/source-files.js';
import { describeParseError, extractImportFacts, extractModuleFacts, importFactsOf, type ImportFacts } from '../symbols/module-facts.js';
import type { ModuleFacts } from '../symbols/module-facts-types.js';
import type { Unknown } from '../shared/types.js';
import { ShardedTable, type Table } from '../cache/sharded-table.js';
import { importFactsSchema, importOnlySchema, scanEntrySchema, storedFactsSchema } from './cache-schemas.js';
import { loadImportOnlyReader, type ImportOnlyReader } from './import-only-facts.js';
import { restoreFacts, storeFacts, type StoredFacts } from '../symbols/stored-facts.js';
import type { RepoFiles } from './repo-files.js';
import { moduleTarget, type ImportMode, type ModuleResolver, type Resolution } from './resolve-module.js';
import { scanImports } from './scan-imports.js';
import { openGraphSnapshot, type FileScan, type ScannedTree } from './graph-snapshot.js';
import { loadModuleRecordReader } from './module-record.js';
import { moduleGlobKind } from './module-globs.js';
import { NameScreen } from './name-screen.js';

/** One file, analysed: its facts, and where each of its specifiers leads inside the repo. */
export interface GraphNode {
  facts: ModuleFacts;
  /** Specifier -> repo-relative target file, for specifiers that resolve to a repo source file. */
  targets: Map<string, string>;
  /**
   * The facts are import-only (import-only-facts.ts): what the declarations refer to is not in
   * them. Only prepareUses makes such nodes, for files not asked for their references.
   */
  isImportOnly: boolean;
}

/**
 * The file-level import graph of the head tree, with reverse edges for importer lookup.
 * Full facts are parsed lazily: `prepare` loads them for the files the walk is about to visit.
 */
export interface ModuleGraph {
  /** Target file -> files whose specifiers resolve to it. */
  importers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Loads (text, parse or cache) the full facts of these files. */
  prepare(paths: Iterable<string>): Promise<void>;
  /**
   * Like `prepare`, for files that are asked about some export names each (file -> names: a
   * walk's importers of changed exports): a file whose text shows it cannot use any of them is
   * not parsed (see NameScreen), and `mayUse` says so afterwards. A file that exports nothing
   * and only imports may get import-only facts (GraphNode.isImportOnly), unless it is in
   * `needsReferences`: those get full facts, also when an earlier call gave them import-only ones.
   */
  prepareUses(uses: ReadonlyMap<string, ReadonlySet<string>>, needsReferences?: ReadonlySet<string>): Promise<void>;
  /** False when prepareUses found that this file cannot use the export `name`; true otherwise. */
  mayUse(path: string, name: string): boolean;
  /** Facts of a prepared file (full, unless import-only); undefined only for a file that cannot be read. Throws if not prepared. */
  nodeOf(path: string): GraphNode | undefined;
  /** The repository file a specifier of `importer` resolves to, if any. */
  resolveFrom(importer: string, specifier: string): string | undefined;
  /** Unresolved imports and computed import paths across the repository, plus parse errors of visited files. */
  unknowns(): Promise<Unknown[]>;
  /**
   * What the graph was computed from (the tree snapshot's cache key: every source with its
   * content and options, the resolver's tree key); undefined without a cache.
   */
  readonly key: string | undefined;
  /** Writes what this run learned to the cache. */
  saveCache(): void;
}

type ScanEntry = [specifiers: [string, ImportMode][], mayHaveComputedImport: boolean];

const scanChunk = 2000;
const firstScanChunk = 250;
/** Files scanned between two looks at the pipe of the next chunk's blobs. */
const scanYieldEvery = 100;

/**
 * Scans every source file of the head tree for its specifiers and resolves them. Scans and
 * facts are cached by blob id, so a warm run reads and parses only new content. Specifiers
 * that still point at deleted files resolve to them (see RepoFiles.goneFiles), so such
 * imports are reported as broken rather than unresolved.
 */
export async function buildModuleGraph(files: RepoFiles, sourcePaths: string[], resolver: ModuleResolver, store: CacheStore, maxFileSize = Number.POSITIVE_INFINITY): Promise<ModuleGraph> {
  const sources = sourcePaths.filter((path) => isSourceFile(path) && files.contentId(path) !== undefined);
  // Keyed by blob id, sharded by it: a run that needs a few files' entries reads a few shards.
  const scans = new ShardedTable<ScanEntry>(store, 'scan', scanEntrySchema);
  const factsTable = new ShardedTable<StoredFacts>(store, 'facts', storedFactsSchema);
  // Imports only, of files confirmed but never walked (see confirmSuspicious): never full facts.
  const importsTable = new ShardedTable<ImportFacts>(store, 'import-facts', importFactsSchema);
  // Import-only facts of files that export nothing (or false: needs full facts), by blob id.
  const importOnlyTable = new ShardedTable<StoredFacts | false>(store, 'import-only', importOnlySchema);
  const unknowns: Unknown[] = [];
  const nodes = new Map<string, GraphNode | undefined>();
  /** Files whose imports were confirmed from ImportFacts, without full facts (see loadImportFacts). */
  const confirmedOnly = new Set<string>();

  const factsKey = (path: string): string => `${files.contentId(path) ?? ''}${posix.extname(path)}`;

  const prepare = async (paths: Iterable<string>): Promise<void> => {
    const pending = [...new Set(paths)].filter((path) => !nodes.has(path) || nodes.get(path)?.isImportOnly === true);
    await files.loadTexts(pending.filter((path) => factsTable.get(factsKey(path)) === undefined));
    for (const path of pending) {
      const cached = factsTable.get(factsKey(path));
      let facts = cached === undefined ? undefined : restoreFacts(cached);
      if (facts === undefined) {
        const text = files.readText(path);
        if (text !== undefined && isOversized(text, maxFileSize)) {
          nodes.set(path, undefined); // reported once, by the scan below
          continue;
        }
        if (text !== undefined) {
          facts = extractModuleFacts(path, text, { withFingerprints: false });
          factsTable.set(factsKey(path), storeFacts(facts));
        }
      }
      if (facts === undefined) unknowns.push({ kind: 'unreadable-file', file: path, specifier: null, reason: 'could not be read as text' });
      nodes.set(path, facts === undefined ? undefined : toNode(path, facts, false));
    }
  };

  /**
   * Gives import-only nodes to those of `paths` that can have them (import-only-facts.ts);
   * returns the others. Whether a file can is a function of its text alone, cached by blob id,
   * and never of what else the cache holds: cold, warm and --no-cache runs answer alike.
   */
  let importOnlyReader: Promise<ImportOnlyReader | undefined> | undefined;
  const prepareImportOnly = async (paths: string[]): Promise<string[]> => {
    if (paths.length === 0) return paths;
    const unread = paths.filter((path) => importOnlyTable.get(factsKey(path)) === undefined);
    const read = unread.length === 0 ? undefined : await (importOnlyReader ??= loadImportOnlyReader());
    // Without oxc's native binding nothing is recorded: a later run that has it decides afresh.
    if (read !== undefined) {
      await files.loadTexts(unread);
      for (const path of unread) {
        const text = files.readText(path);
        if (text === undefined || isOversized(text, maxFileSize)) continue; // `prepare` reports it
        const facts = read(path, text);
        importOnlyTable.set(factsKey(path), facts === undefined ? false : storeFacts(facts));
      }
    }
    const others: string[] = [];
    for (const path of paths) {
      const stored = importOnlyTable.get(factsKey(path));
      if (stored === undefined || stored === false) others.push(path);
      else nodes.set(path, toNode(path, { ...restoreFacts(stored), path }, true));
    }
    return others;
  };

  // (path, name) pairs prepareUses left unparsed because the file cannot use the name.
  const screen = new NameScreen();
  const unused = new Map<string, Set<string>>();
  const prepareUses = async (uses: ReadonlyMap<string, ReadonlySet<string>>, needsReferences: ReadonlySet<string> = new Set()): Promise<void> => {
    const upgrades = [...needsReferences].filter((path) => nodes.get(path)?.isImportOnly === true);
    const pending = [...uses.keys()].filter((path) => !nodes.has(path));
    const uncached = pending.filter((path) => factsTable.get(factsKey(path)) === undefined);
    await files.loadTexts(uncached);
    const needed = pending.filter((path) => factsTable.get(factsKey(path)) !== undefined);
    for (const path of uncached) {
      const text = files.readText(path);
      if (text === undefined) {
        needed.push(path);
        continue;
      }
      let skipped = unused.get(path);
      for (const name of uses.get(path) ?? []) {
        if (skipped?.has(name) === true) continue;
        if (screen.mayUse(path, text, name)) {
          needed.push(path);
          break;
        }
        if (skipped === undefined) {
          skipped = new Set();
          unused.set(path, skipped);
        }
        skipped.add(name);
      }
    }
    const full = await prepareImportOnly(needed.filter((path) => !needsReferences.has(path)));
    await prepare([...full, ...needed.filter((path) => needsReferences.has(path)), ...upgrades]);
  };

  const toNode = (path: string, facts: ModuleFacts, isImportOnly: boolean): GraphNode => {
    const targets = new Map<string, string>();
    for (const [specifier, mode] of listSpecifiers(facts)) {
      const target = moduleTarget(resolver.resolve(specifier, path, mode));
      if (target !== undefined) targets.set(specifier, target);
    }
    // Reported once per file, also when its imports were confirmed (loadImportFacts) before.
    if (facts.parseErrors.length > 0 && !confirmedOnly.has(path)) {
      unknowns.push({ kind: 'parse-error', file: path, specifier: null, reason: describeParseError(facts, 'uses after it may be missed') });
    }
    return { facts, targets, isImportOnly };
  };

  const snapshot = openGraphSnapshot(files, sources, resolver, store, maxFileSize);
  const rescan = async (paths: string[]): Promise<Map<string, FileScan>> => {
    await files.loadTexts(paths);
    return new Map(paths.map((path) => [path, scanFile(path, files, resolver, scans, maxFileSize)]));
  };
  let tree = await snapshot.read(rescan);
  if (tree === undefined) {
    tree = await scanTree(files, sources, resolver, scans, maxFileSize);
    snapshot.write(tree);
  } else {
    // Unreadable blobs are listed by the snapshot as they were when it was made.
    await files.loadTexts(tree.unknowns.map((unknown) => unknown.file));
  }
  const { importers, suspicious } = tree;
  unknowns.push(...tree.unknowns);

  // Rare: confirm with the parser (the scan also sees specifiers in comments), which also
  // gives the exact computed expressions. Only when the unknowns are asked for: a run whose
  // walk is cached (walk-cache.ts) never asks.
  let confirmed: Promise<void> | undefined;
  const confirmSuspicious = async (): Promise<void> => {
    const proven = await proveByModuleRecord(suspicious);
    const imports = await loadImportFacts(suspicious.filter(([path]) => !proven.has(path)).map(([path]) => path));
    for (const [path, unresolved] of suspicious) {
      if (proven.has(path)) {
        for (const [specifier, reason] of unresolved) unknowns.push({ kind: 'unresolved-import', file: path, specifier, reason });
        continue;
      }
      const facts = imports.get(path);
      for (const [specifier, reason] of unresolved) {
        if (facts === undefined || facts.specifiers.includes(specifier)) unknowns.push({ kind: 'unresolved-import', file: path, specifier, reason });
      }
      for (const expression of facts?.dynamicSpecifiers ?? []) {
        unknowns.push({ kind: 'dynamic-import', file: path, specifier: expression, reason: computedImportReason(expression) });
      }
    }
  };

  /**
   * Suspicious files whose unresolved specifiers oxc's module record shows are all real imports
   * (module-record.ts), so that TypeScript need not parse them: only files it would parse here
   * (no facts yet, readable, not oversized) and whose scan saw no computed `import()`/`require()`,
   * whose text only TypeScript's facts give. oxc reports no syntax error for them, and
   * TypeScript's parser reports none either on the trees checked (see module-record.ts).
   */
  const proveByModuleRecord = async (entries: [string, [string, string][]][]): Promise<Set<string>> => {
    const proven = new Set<string>();
    const candidates = entries.filter(([path, unresolved]) => unresolved.length > 0 && needsImportParse(path) && scans.get(files.contentId(path) ?? '')?.[1] === false);
    if (candidates.length === 0) return proven;
    const read = await loadModuleRecordReader();
    if (read === undefined) return proven;
    await files.loadTexts(candidates.map(([path]) => path));
    for (const [path, unresolved] of candidates) {
      const text = files.readText(path);
      if (text === undefined || isOversized(text, maxFileSize)) continue;
      const specifiers = read(path, text);
      if (specifiers !== undefined && unresolved.every(([specifier]) => specifiers.has(specifier))) proven.add(path);
    }
    return proven;
  };

  /**
   * The imports of files to confirm (undefined: unreadable). Full facts serve when the walk
   * loaded them or the cache has them; any other file is parsed for its imports only
   * (extractImportFacts), kept apart from full facts, so a later walk still parses it whole.
   * Parse errors are reported as for a prepared file.
   */
  const hasFullFacts = (path: string): boolean => nodes.has(path) || factsTable.get(factsKey(path)) !== undefined;
  /** Whether confirming this file's imports would parse it: no full facts and no import facts yet. */
  const needsImportParse = (path: string): boolean => !hasFullFacts(path) && importsTable.get(factsKey(path)) === undefined;
  const loadImportFacts = async (paths: string[]): Promise<Map<string, ImportFacts | undefined>> => {
    const toParse = paths.filter(needsImportParse);
    await files.loadTexts(toParse);
    // Unreadable or oversized: `prepare` records and reports them as it always has.
    const unparsable = new Set(toParse.filter((path) => {
      const text = files.readText(path);
      return text === undefined || isOversized(text, maxFileSize);
    }));
    // Import-only facts list the imports exactly (import-only-facts.ts): no parse for them.
    await prepare(paths.filter((path) => !nodes.has(path) && (hasFullFacts(path) || unparsable.has(path))));
    const imports = new Map<string, ImportFacts | undefined>();
    for (const path of paths) {
      if (nodes.has(path)) {
        const node = nodes.get(path);
        imports.set(path, node === undefined ? undefined : importFactsOf(node.facts));
        continue;
      }
      let facts = importsTable.get(factsKey(path));
      if (facts === undefined) {
        facts = extractImportFacts(path, files.readText(path) ?? '');
        importsTable.set(factsKey(path), facts);
      }
      if (facts.parseErrors.length > 0) {
        unknowns.push({ kind: 'parse-error', file: path, specifier: null, reason: describeParseError(facts, 'uses after it may be missed') });
      }
      confirmedOnly.add(path);
      imports.set(path, facts);
    }
    return imports;
  };

  return {
    importers,
    prepare,
    prepareUses,
    mayUse: (path, name) => nodes.has(path) || unused.get(path)?.has(name) !== true,
    nodeOf: (path) => {
      if (!nodes.has(path)) throw new Error(`internal: ${path} was visited before its facts were loaded`);
      return nodes.get(path);
    },
    resolveFrom: (importer, specifier) => {
      const resolution = resolver.resolve(specifier, importer, 'import');
      return resolution.kind === 'file' ? resolution.path : undefined;
    },
    key: snapshot.key,
    unknowns: async () => {
      await (confirmed ??= confirmSuspicious());
      const unreadable = files.unreadable().map((file): Unknown => ({ kind: 'unreadable-file', file, specifier: null, reason: 'could not read the file' }));
      return [...unknowns, ...unreadable].sort(compareUnknowns);
    },
    saveCache: () => {
      scans.save();
      factsTable.save();
      importsTable.save();
      importOnlyTable.save();
      resolver.saveCache();
    },
  };
}

/** Scans every source (or takes its scan from the cache) and resolves every specifier. */
async function scanTree(files: RepoFiles, sources: string[], resolver: ModuleResolver, scans: Table<ScanEntry>, maxFileSize: number): Promise<ScannedTree> {
  const importers = new Map<string, Set<string>>();
  const unknowns: Unknown[] = [];
  // Texts are read in chunks and let go once scanned: a 50,000-file tree never holds them all.
  // The next chunk is asked for before this one is scanned, and the scan yields now and then so
  // that its bytes are taken off the pipe: git reads blobs while we scan instead of in turn.
  // The first chunk is small, so that scanning starts early.
  const unscanned = sources.filter((path) => scans.get(files.contentId(path) ?? '') === undefined);
  // Files over the size limit, found while their text is loaded: it is let go of with its chunk,
  // and reading it again only to measure it would cost as much (or fail, for a very big file).
  const oversized = new Map<string, Unknown>();
  const load = (start: number): { chunk: string[]; end: number; loadedHere: string[]; loaded: Promise<void> } => {
    const end = start + (start === 0 ? firstScanChunk : scanChunk);
    const chunk = unscanned.slice(start, end);
    const loadedHere = chunk.filter((path) => !files.hasText(path));
    return { chunk, end, loadedHere, loaded: files.loadTexts(chunk) };
  };
  let next = unscanned.length > 0 ? load(0) : undefined;
  while (next !== undefined) {
    const { chunk, end, loadedHere, loaded } = next;
    await loaded;
    next = end < unscanned.length ? load(end) : undefined;
    for (let index = 0; index < chunk.length; index++) {
      if (next !== undefined && index % scanYieldEvery === scanYieldEvery - 1) await new Promise((resolve) => setImmediate(resolve));
      const path = chunk[index] as string;
      const id = files.contentId(path) ?? '';
      const text = files.hasText(path) ? files.readText(path) : undefined;
      if (text === undefined || scans.get(id) !== undefined) continue;
      if (isOversized(text, maxFileSize)) oversized.set(path, oversizedUnknown(path, text, maxFileSize));
      else scans.set(id, scanEntryOf(text));
    }
    files.forgetTexts(loadedHere);
  }
  const suspicious: [string, [string, string][]][] = [];
  const pathSensitive: string[] = [];
  for (const path of sources) {
    const tooBig = oversized.get(path);
    const scan = tooBig === undefined ? scanFile(path, files, resolver, scans, maxFileSize) : unknownScan(tooBig);
    if (scan.unknown !== undefined) unknowns.push(scan.unknown);
    for (const target of scan.targets) addEdge(importers, target, path);
    if (scan.isSuspicious) suspicious.push([path, scan.unresolved]);
    if (scan.isPathSensitive) pathSensitive.push(path);
  }
  return { importers, unknowns, suspicious, pathSensitive };
}

/** Where one source's specifiers lead (its scan from the table, else from its loaded text). */
function scanFile(path: string, files: RepoFiles, resolver: ModuleResolver, scans: Table<ScanEntry>, maxFileSize: number): FileScan {
  const id = files.contentId(path) ?? '';
  let scanned = scans.get(id);
  if (scanned === undefined) {
    const text = files.readText(path);
    if (text === undefined) return unknownScan({ kind: 'unreadable-file', file: path, specifier: null, reason: 'could not be read as text; its imports are unknown' });
    if (isOversized(text, maxFileSize)) return unknownScan(oversizedUnknown(path, text, maxFileSize));
    scanned = scanEntryOf(text);
    scans.set(id, scanned);
  }
  const targets: string[] = [];
  const unresolved: [string, string][] = [];
  let isPathSensitive = false;
  for (const [specifier, mode] of scanned[0]) {
    const resolution: Resolution = resolver.resolve(specifier, path, mode);
    const target = moduleTarget(resolution);
    if (target !== undefined) targets.push(target);
    else if (resolution.kind === 'unresolved') unresolved.push([specifier, resolution.reason]);
    isPathSensitive ||= resolution.kind === 'asset' || resolution.kind === 'unresolved';
  }
  return { targets, unresolved, isSuspicious: scanned[1] || unresolved.length > 0, unknown: undefined, isPathSensitive };
}

function scanEntryOf(text: string): ScanEntry {
  const scan = scanImports(text);
  return [[...scan.specifiers], scan.mayHaveComputedImport];
}

/** An unreadable or oversized file: no edges; readable again only with other content. */
function unknownScan(unknown: Unknown): FileScan {
  return { targets: [], unresolved: [], isSuspicious: false, unknown, isPathSensitive: false };
}

/** Every specifier of a file with the syntax that loads it (conditions differ for require). */
function listSpecifiers(facts: ModuleFacts): Map<string, ImportMode> {
  const specifiers = new Map<string, ImportMode>();
  const add = (specifier: string, mode: ImportMode): void => {
    if (!specifiers.has(specifier)) specifiers.set(specifier, mode);
  };
  for (const binding of facts.imports) add(binding.specifier, binding.isRequire ? 'require' : 'import');
  for (const reExport of facts.reExports) add(reExport.specifier, 'import');
  for (const use of facts.moduleUses) add(use.specifier, use.kind === 'require' ? 'require' : 'import');
  return specifiers;
}

function computedImportReason(expression: string): string {
  // Worded without the meta property itself: the bundled CLI must not contain its text (test/bundle.test.ts).
  const glob = moduleGlobKind(expression);
  if (glob === 'vite') return "Vite's glob import loads every module its pattern matches: those modules are not followed";
  if (glob === 'webpack') return 'require.context loads every module of a folder that matches: those modules are not followed';
  return 'import()/require() of a computed path cannot be followed';
}

function addEdge(importers: Map<string, Set<string>>, target: string, importer: string): void {
  let set = importers.get(target);
  if (set === undefined) {
    set = new Set();
    importers.set(target, set);
  }
  set.add(importer);
}

export function compareUnknowns(a: Unknown, b: Unknown): number {
  return compareStrings(a.file, b.file) || compareStrings(a.kind, b.kind) || compareStrings(a.specifier ?? '', b.specifier ?? '');
}

/** Whether a text is over the size limit in UTF-8 bytes (checked without encoding when it cannot be). */
export function isOversized(text: string, maxFileSize: number): boolean {
  if (text.length * 3 <= maxFileSize) return false;
  return Buffer.byteLength(text, 'utf8') > maxFileSize;
}

/** The unknown for a file too big to parse: its imports and exports are not known. */
export function oversizedUnknown(path: string, text: string, maxFileSize: number): Unknown {
  const size = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return { kind: 'oversized', file: path, specifier: null, reason: `${size(Buffer.byteLength(text, 'utf8'))} is over maxFileSize (${size(maxFileSize)}): not parsed, so its exports and imports are unknown` };
}

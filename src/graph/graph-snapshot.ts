import { createHash } from 'node:crypto';
import type { CacheStore } from '../cache/cache-store.js';
import { CachedTable } from '../cache/cached-table.js';
import type { Unknown } from '../shared/types.js';
import type { RepoFiles } from './repo-files.js';
import type { ModuleResolver } from './resolve-module.js';

/** What scanning and resolving every source file of a tree gives, before any full parse. */
export interface ScannedTree {
  /** Target file -> files whose specifiers resolve to it, in discovery order. */
  importers: ReadonlyMap<string, ReadonlySet<string>>;
  /** Files that could not be read. */
  unknowns: Unknown[];
  /** Files whose scan needs confirming by the parser: [path, unresolved [specifier, reason] pairs]. */
  suspicious: [string, [string, string][]][];
  /** Files with a specifier that resolved to an asset or to nothing: answers other paths decide. */
  pathSensitive: string[];
}

export interface StoredTree {
  targets: string[];
  /** Per target, its importers as indexes into the tree's source list. */
  importers: number[][];
  unknowns: Unknown[];
  suspicious: [number, [string, string][]][];
  /** ScannedTree.pathSensitive, as indexes into the source list, ascending. */
  pathSensitive: number[];
}

const prefix = 'graph-';

/** One file's part of the tree, as scanTree computes it (module-graph.ts). */
export interface FileScan {
  /** Files its specifiers resolve to (duplicates allowed). */
  targets: string[];
  unresolved: [string, string][];
  /** A computed `import()`/`require()` or an unresolved specifier: the parser confirms it. */
  isSuspicious: boolean;
  /** Unreadable or oversized: nothing else is known of it. */
  unknown: Unknown | undefined;
  /** A specifier resolved to an asset or to nothing (see ScannedTree.pathSensitive). */
  isPathSensitive: boolean;
}

export interface GraphSnapshot {
  /** What the graph was computed from (see ModuleGraph.key); undefined without a cache. */
  key: string | undefined;
  /**
   * The stored graph of this very tree; else, when a graph of a tree with the same paths,
   * options and configs is stored, that graph with the files whose content changed scanned again
   * (`rescan`), saved as this tree's; else undefined.
   */
  read(rescan: (paths: string[]) => Promise<Map<string, FileScan>>): Promise<ScannedTree | undefined>;
  write(tree: ScannedTree): void;
}

/**
 * The file graph of a whole tree, kept in one cache table: a warm run of the same tree (the
 * pre-push hook run again, CI re-run) reads it instead of looking up every file's scan and
 * every specifier's resolution.
 *
 * The table is named by the tree's shape: every source path with its compiler options, the
 * resolver's shape key (source and config paths, config contents, links, deleted files) and the
 * size limit. That is everything a specifier's resolution to a source file or a package depends
 * on besides the importer's own text, so between two trees of one shape only the edges of the
 * files whose content changed can differ, and, when other paths changed too (a Markdown note
 * added, a stylesheet deleted), the answers of the files that had an asset or a miss. A hook's
 * run on a new commit therefore updates the stored graph from those files instead of
 * rebuilding it from the whole tree, which on 52,500 files cost seconds. Entries: `content` (a
 * hash of every source's blob id and of every path), `ids` (the blob ids, for finding what
 * changed), `paths` (the resolver's tree key), `tree` (the edges). Only the latest shape is kept.
 */
export function openGraphSnapshot(files: RepoFiles, sources: string[], resolver: ModuleResolver, store: CacheStore, maxFileSize: number): GraphSnapshot {
  if (store.dir === null) return { key: undefined, read: () => Promise.resolve(undefined), write: () => undefined };
  const shapeHash = createHash('sha1').update(`${maxFileSize}\0`).update(resolver.shapeKey).update('\0\0');
  for (const path of sources) shapeHash.update(`${path}\0${resolver.optionsKey(path)}\0`);
  const name = `${prefix}${shapeHash.digest('hex').slice(0, 16)}`;
  const ids = sources.map((path) => files.contentId(path) ?? '');
  const content = createHash('sha1').update(resolver.treeKey).update('\0\0').update(ids.join('\0')).digest('hex').slice(0, 16);
  // One table of four entries, each checked (checksum, shape) like every cached entry.
  const table = new CachedTable<SnapshotPart>(store, name, { safeParse: (value) => checked(asSnapshotPart(value, sources.length)) });
  const save = (stored: StoredTree): void => {
    table.set('content', content);
    table.set('ids', ids);
    table.set('paths', resolver.treeKey);
    table.set('tree', stored);
    table.save();
    store.prune(prefix, name);
  };
  return {
    key: `${name}-${content}`,
    read: async (rescan) => {
      const stored = table.get('tree');
      if (stored === undefined || !isStoredTree(stored)) return undefined;
      if (table.get('content') === content) return restore(stored, sources);
      const storedIds = table.get('ids');
      if (!Array.isArray(storedIds) || storedIds.length !== ids.length) return undefined;
      // Other paths changed too: the files whose answers they decide are scanned again as well.
      const rescanned = new Set(table.get('paths') === resolver.treeKey ? [] : stored.pathSensitive);
      const changed = ids.flatMap((id, index) => (storedIds[index] !== id || rescanned.has(index) ? [index] : []));
      // Many changed files: scanning the tree again costs about the same, and is the plain way.
      if (changed.length > Math.max(maxUpdatedFiles, ids.length / 20)) return undefined;
      const scans = await rescan(changed.map((index) => sources[index] as string));
      const updated = applyChanges(stored, changed, scans, sources);
      save(updated);
      return restore(updated, sources);
    },
    write: (tree) => save(toStored(tree, sources)),
  };
}

/** Changed files an update of the stored graph takes on at least (else a twentieth of the tree). */
const maxUpdatedFiles = 200;

type SnapshotPart = string | string[] | StoredTree;

function isStoredTree(part: SnapshotPart): part is StoredTree {
  return typeof part === 'object' && !Array.isArray(part);
}

function asSnapshotPart(value: unknown, sourceCount: number): SnapshotPart | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string') ? value : undefined;
  return asStoredTree(value, sourceCount);
}

/**
 * The stored graph with the edges, unresolved specifiers and unknowns of the `changed` sources
 * (indexes) replaced by their new scans: what scanTree gives for the new tree, up to the order
 * of the targets (importer lists stay in source order, as scanTree makes them).
 */
export function applyChanges(stored: StoredTree, changed: number[], scans: ReadonlyMap<string, FileScan>, sources: string[]): StoredTree {
  const isChanged = new Set(changed);
  const targets = [...stored.targets];
  // Every list is looked at (the changed files' old targets are not stored): `includes` per
  // changed file is several times faster than a set lookup per entry when few files changed.
  const holdsChanged = changed.length <= 16 ? (list: number[]): boolean => changed.some((index) => list.includes(index)) : (list: number[]): boolean => list.some((index) => isChanged.has(index));
  const importers = stored.importers.map((list) => (holdsChanged(list) ? list.filter((index) => !isChanged.has(index)) : list));
  // A few changed files look their targets up directly; building a map of every target costs more.
  let positions: Map<string, number> | undefined;
  const positionOf = (target: string): number | undefined => {
    if (changed.length <= 16) {
      const position = targets.indexOf(target);
      return position < 0 ? undefined : position;
    }
    positions ??= new Map(targets.map((each, position) => [each, position]));
    return positions.get(target);
  };
  const changedPaths = new Set(changed.map((index) => sources[index]));
  const unknowns = stored.unknowns.filter((unknown) => !changedPaths.has(unknown.file));
  const suspicious = stored.suspicious.filter(([index]) => !isChanged.has(index));
  const pathSensitive = stored.pathSensitive.filter((index) => !isChanged.has(index));
  for (const index of changed) {
    const scan = scans.get(sources[index] as string);
    if (scan === undefined) throw new Error(`internal: ${sources[index]} was not scanned again`);
    if (scan.unknown !== undefined) unknowns.push(scan.unknown);
    if (scan.isSuspicious) suspicious.push([index, scan.unresolved]);
    if (scan.isPathSensitive) pathSensitive.push(index);
    for (const target of scan.targets) {
      let position = positionOf(target);
      if (position === undefined) {
        position = targets.length;
        targets.push(target);
        importers.push([]);
        positions?.set(target, position);
      }
      importers[position] = insertSorted(importers[position] as number[], index);
    }
  }
  // A target nobody imports any more is no target (scanTree never lists one).
  const kept = importers.some((list) => list.length === 0) ? targets.map((target, position) => [target, importers[position] as number[]] as const).filter(([, list]) => list.length > 0) : undefined;
  // scanTree lists unknowns and suspicious files in source order.
  const sourceIndex = unknowns.length > 0 ? new Map(sources.map((path, index) => [path, index])) : new Map<string, number>();
  unknowns.sort((a, b) => (sourceIndex.get(a.file) ?? 0) - (sourceIndex.get(b.file) ?? 0));
  suspicious.sort(([a], [b]) => a - b);
  pathSensitive.sort((a, b) => a - b);
  if (kept === undefined) return { targets, importers, unknowns, suspicious, pathSensitive };
  return { targets: kept.map(([target]) => target), importers: kept.map(([, list]) => list), unknowns, suspicious, pathSensitive };
}

/** `list` (ascending) with `index` in its place; the same list when it is there already. */
function insertSorted(list: number[], index: number): number[] {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle] as number) < index) low = middle + 1;
    else high = middle;
  }
  if (list[low] === index) return list;
  return [...list.slice(0, low), index, ...list.slice(low)];
}

function checked<T>(value: T | undefined): { success: true; data: T } | { success: false } {
  return value === undefined ? { success: false } : { success: true, data: value };
}

/** The cache folder is outside our control: an entry of any other shape (or pointing past the tree) is a miss. */
function asStoredTree(value: unknown, sourceCount: number): StoredTree | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<Record<keyof StoredTree, unknown>>;
  const isIndex = (item: unknown): boolean => Number.isInteger(item) && (item as number) >= 0 && (item as number) < sourceCount;
  const isReasons = (list: unknown): boolean => Array.isArray(list) && list.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string');
  const isUnknown = (unknown: unknown): boolean => typeof unknown === 'object' && unknown !== null && typeof (unknown as Unknown).kind === 'string' && typeof (unknown as Unknown).file === 'string' && typeof (unknown as Unknown).reason === 'string';
  const isValid =
    Array.isArray(entry.targets) &&
    entry.targets.every((target) => typeof target === 'string') &&
    Array.isArray(entry.importers) &&
    entry.importers.length === entry.targets.length &&
    entry.importers.every((list) => Array.isArray(list) && list.every(isIndex)) &&
    Array.isArray(entry.unknowns) &&
    entry.unknowns.every(isUnknown) &&
    Array.isArray(entry.suspicious) &&
    entry.suspicious.every((pair) => Array.isArray(pair) && pair.length === 2 && isIndex(pair[0]) && isReasons(pair[1])) &&
    Array.isArray(entry.pathSensitive) &&
    entry.pathSensitive.every(isIndex);
  return isValid ? (value as StoredTree) : undefined;
}

function toStored(tree: ScannedTree, sources: string[]): StoredTree {
  const index = new Map(sources.map((path, position) => [path, position]));
  const at = (path: string): number => {
    const position = index.get(path);
    if (position === undefined) throw new Error(`internal: ${path} is not a source of the tree`);
    return position;
  };
  return {
    targets: [...tree.importers.keys()],
    importers: [...tree.importers.values()].map((set) => [...set].map(at)),
    unknowns: tree.unknowns,
    suspicious: tree.suspicious.map(([path, unresolved]) => [at(path), unresolved]),
    pathSensitive: tree.pathSensitive.map(at),
  };
}

function restore(stored: StoredTree, sources: string[]): ScannedTree | undefined {
  const pathAt = (position: number): string => sources[position] ?? '';
  return {
    importers: new StoredImporters(stored, pathAt),
    unknowns: stored.unknowns,
    suspicious: stored.suspicious.map(([position, unresolved]) => [pathAt(position), unresolved]),
    pathSensitive: stored.pathSensitive.map(pathAt),
  };
}

/**
 * The stored reverse edges, turned into sets only for the targets asked about: a small change
 * asks about a few hundred of a 50,000-file tree's targets. Iterates in the stored order.
 */
class StoredImporters implements ReadonlyMap<string, ReadonlySet<string>> {
  private readonly positions = new Map<string, number>();
  private readonly sets: (ReadonlySet<string> | undefined)[] = [];

  constructor(
    private readonly stored: StoredTree,
    private readonly pathAt: (position: number) => string,
  ) {
    stored.targets.forEach((target, position) => this.positions.set(target, position));
  }

  get size(): number {
    return this.stored.targets.length;
  }

  get(target: string): ReadonlySet<string> | undefined {
    const position = this.positions.get(target);
    return position === undefined ? undefined : this.at(position);
  }

  has(target: string): boolean {
    return this.positions.has(target);
  }

  forEach(callback: (value: ReadonlySet<string>, key: string, map: ReadonlyMap<string, ReadonlySet<string>>) => void, thisArg?: unknown): void {
    for (const [target, set] of this.entries()) callback.call(thisArg, set, target, this);
  }

  *entries(): MapIterator<[string, ReadonlySet<string>]> {
    for (let position = 0; position < this.stored.targets.length; position++) yield [this.stored.targets[position] ?? '', this.at(position)];
  }

  *keys(): MapIterator<string> {
    yield* this.stored.targets;
  }

  *values(): MapIterator<ReadonlySet<string>> {
    for (let position = 0; position < this.stored.targets.length; position++) yield this.at(position);
  }

  [Symbol.iterator](): MapIterator<[string, ReadonlySet<string>]> {
    return this.entries();
  }

  private at(position: number): ReadonlySet<string> {
    let set = this.sets[position];
    if (set === undefined) {
      set = new Set((this.stored.importers[position] ?? []).map(this.pathAt));
      this.sets[position] = set;
    }
    return set;
  }
}

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
}

interface StoredTree {
  targets: string[];
  /** Per target, its importers as indexes into the tree's source list. */
  importers: number[][];
  unknowns: Unknown[];
  suspicious: [number, [string, string][]][];
}

const prefix = 'graph-';

/**
 * The file graph of a whole tree, kept in one cache entry: a warm run of the same tree (the
 * pre-push hook run again, CI re-run) reads it instead of looking up every file's scan and
 * every specifier's resolution. Keyed by every source path with its blob id and compiler
 * options, and by the resolver's tree key (all paths, links, deleted files, configs), which is
 * everything the graph is computed from. Only the latest tree is kept.
 */
export function openGraphSnapshot(files: RepoFiles, sources: string[], resolver: ModuleResolver, store: CacheStore, maxFileSize: number): { key: string | undefined; read(): ScannedTree | undefined; write(tree: ScannedTree): void } {
  if (store.dir === null) return { key: undefined, read: () => undefined, write: () => undefined };
  const hash = createHash('sha1').update(`${maxFileSize}\0`).update(resolver.treeKey).update('\0\0');
  for (const path of sources) hash.update(`${path}\0${files.contentId(path) ?? ''}\0${resolver.optionsKey(path)}\0`);
  const name = `${prefix}${hash.digest('hex').slice(0, 16)}`;
  // A one-entry table: the entry is checked (checksum, shape) like every cached entry.
  const table = new CachedTable<StoredTree>(store, name, { safeParse: (value) => checked(asStoredTree(value, sources.length)) });
  return {
    key: name,
    read: () => {
      const stored = table.get('tree');
      return stored === undefined ? undefined : restore(stored, sources);
    },
    write: (tree) => {
      table.set('tree', toStored(tree, sources));
      table.save();
      store.prune(prefix, name);
    },
  };
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
    entry.suspicious.every((pair) => Array.isArray(pair) && pair.length === 2 && isIndex(pair[0]) && isReasons(pair[1]));
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
  };
}

function restore(stored: StoredTree, sources: string[]): ScannedTree | undefined {
  const pathAt = (position: number): string => sources[position] ?? '';
  return { importers: new StoredImporters(stored, pathAt), unknowns: stored.unknowns, suspicious: stored.suspicious.map(([position, unresolved]) => [pathAt(position), unresolved]) };
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

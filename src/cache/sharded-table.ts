import type { CacheStore } from './cache-store.js';
import { CachedTable, defaultOlderEntriesKept, type EntrySchema } from './cached-table.js';

/** What a run needs of a cache table: both CachedTable and ShardedTable are one. */
export interface Table<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  save(): void;
}

/**
 * A cache table split over `shardCount` files (`<name>.<nn>`), each a CachedTable of its own
 * (checksum, schema, lazy values), picked by a hash of `shardKey(key)`. A lookup reads only
 * the shard its key falls in, and a save rewrites only the shards that learned something: a
 * hook's run on a new commit asks about a few files of a 50,000-file tree, and reading (and
 * rewriting) the whole table for them cost more than everything else it did.
 *
 * `shardKey` decides what lands together: the importer's folder for resolutions (a file's
 * specifiers, and its neighbours', are then one read).
 */
export class ShardedTable<T> implements Table<T> {
  private readonly shards = new Map<number, CachedTable<T>>();

  constructor(
    private readonly store: CacheStore,
    private readonly name: string,
    private readonly schema: EntrySchema<T>,
    private readonly shardKey: (key: string) => string = (key) => key,
    private readonly shardCount = defaultShardCount,
  ) {}

  get(key: string): T | undefined {
    return this.shardOf(key).get(key);
  }

  set(key: string, value: T): void {
    this.shardOf(key).set(key, value);
  }

  /** Writes the shards this run set entries in (CachedTable.save skips the others). */
  save(): void {
    for (const index of [...this.shards.keys()].sort((a, b) => a - b)) this.shards.get(index)?.save();
  }

  private shardOf(key: string): CachedTable<T> {
    const index = hashString(this.shardKey(key)) % this.shardCount;
    let shard = this.shards.get(index);
    if (shard === undefined) {
      shard = new CachedTable<T>(this.store, shardName(this.name, index), this.schema, Math.ceil(defaultOlderEntriesKept / this.shardCount));
      this.shards.set(index, shard);
    }
    return shard;
  }
}

/** The file name of one shard: `<table>.<nn>`; CacheStore.prune keeps a table's shards together. */
export function shardName(table: string, index: number): string {
  return `${table}.${String(index).padStart(2, '0')}`;
}

const defaultShardCount = 32;

/** FNV-1a over UTF-16 code units: fast, stable across runs and platforms, spread enough for shards. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

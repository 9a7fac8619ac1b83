import type { CacheStore } from './cache-store.js';

type Table<T> = Record<string, T>;

/** Entries kept across runs at most; a cache for the current tree plus recent history. */
const maxEntries = 50_000;

/**
 * A content-addressed table in the cache: entries are keyed by blob id (plus the file's
 * extension where parsing depends on it), so a hit is always exact. Read on the first
 * lookup (a run the graph snapshot answers never reads it), written once at the end with the
 * entries of the current tree first.
 */
export class CachedTable<T> {
  private loaded: Table<T> | undefined;
  private readonly fresh = new Map<string, T>();
  private readonly used = new Set<string>();

  constructor(
    private readonly store: CacheStore,
    private readonly name: string,
  ) {}

  private get stored(): Table<T> {
    this.loaded ??= this.store.read<Table<T>>(this.name) ?? {};
    return this.loaded;
  }

  get(key: string): T | undefined {
    const fresh = this.fresh.get(key);
    const stored = this.stored;
    const value = fresh ?? (Object.hasOwn(stored, key) ? stored[key] : undefined);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  set(key: string, value: T): void {
    this.fresh.set(key, value);
    this.used.add(key);
  }

  /** Writes when something new was learned: used entries first, then older ones up to the cap. */
  save(): void {
    if (this.fresh.size === 0) return;
    const table: Table<T> = {};
    let count = 0;
    const add = (key: string, value: T | undefined): void => {
      if (value === undefined || Object.hasOwn(table, key) || count >= maxEntries) return;
      table[key] = value;
      count++;
    };
    for (const key of this.used) add(key, this.get(key));
    for (const [key, value] of Object.entries(this.stored)) add(key, value);
    this.store.write(this.name, table);
  }
}

import { createHash } from 'node:crypto';
import type { CacheStore } from './cache-store.js';

/**
 * What an entry must look like to be used: the table's schema (a zod schema's `safeParse`
 * fits). The cache folder is outside our control, so a value of any other shape is a miss.
 */
export interface EntrySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/** An EntrySchema from a type guard: for tables checked by hand, without loading a schema library. */
export function guardSchema<T>(isValid: (value: unknown) => value is T): EntrySchema<T> {
  return { safeParse: (value) => (isValid(value) ? { success: true, data: value } : { success: false }) };
}

/**
 * An entry as stored: the value and a checksum binding it to its table, its key (the blob id the
 * value was computed from) and the analyzer version (the store's stamp), so an entry that was
 * edited, truncated or moved under another key is a miss, never an answer.
 */
type StoredEntry = [value: unknown, checksum: string];
type Table = Record<string, StoredEntry>;

/** Entries kept across runs at most; a cache for the current tree plus recent history. */
const maxEntries = 50_000;

/**
 * A content-addressed table in the cache: entries are keyed by blob id (plus the file's
 * extension where parsing depends on it), so a hit is always exact. Read on the first
 * lookup (a run the graph snapshot answers never reads it), written once at the end with the
 * entries of the current tree first.
 */
export class CachedTable<T> {
  private loaded: Table | undefined;
  private readonly fresh = new Map<string, T>();
  /** Stored entries already checked: the value, or null for one that failed the check. */
  private readonly checked = new Map<string, T | null>();
  private readonly used = new Set<string>();

  constructor(
    private readonly store: CacheStore,
    private readonly name: string,
    private readonly schema: EntrySchema<T>,
  ) {}

  private get stored(): Table {
    if (this.loaded === undefined) {
      const table = this.store.read(this.name);
      this.loaded = typeof table === 'object' && table !== null && !Array.isArray(table) ? (table as Table) : {};
    }
    return this.loaded;
  }

  get(key: string): T | undefined {
    const value = this.fresh.get(key) ?? this.readStored(key);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  /** The single read boundary: a stored entry counts only with a matching checksum and the table's shape. */
  private readStored(key: string): T | undefined {
    if (!Object.hasOwn(this.stored, key)) return undefined;
    const known = this.checked.get(key);
    if (known !== undefined) return known ?? undefined;
    const entry = this.stored[key];
    let value: T | null = null;
    if (Array.isArray(entry) && entry.length === 2 && typeof entry[1] === 'string' && entry[1] === this.checksum(key, entry[0])) {
      const parsed = this.schema.safeParse(entry[0]);
      if (parsed.success) value = parsed.data;
    }
    this.checked.set(key, value);
    return value ?? undefined;
  }

  private checksum(key: string, value: unknown): string {
    return createHash('sha256').update(`${this.store.stamp}\0${this.name}\0${key}\0`).update(JSON.stringify(value) ?? '').digest('base64url').slice(0, 22);
  }

  set(key: string, value: T): void {
    this.fresh.set(key, value);
    this.used.add(key);
  }

  /** Writes when something new was learned: used entries first, then older ones up to the cap. */
  save(): void {
    if (this.fresh.size === 0) return;
    const table: Table = {};
    let count = 0;
    const add = (key: string, value: T | undefined): void => {
      if (value === undefined || Object.hasOwn(table, key) || count >= maxEntries) return;
      table[key] = [value, this.checksum(key, value)];
      count++;
    };
    for (const key of this.used) add(key, this.get(key));
    for (const key of Object.keys(this.stored)) add(key, this.readStored(key));
    this.store.write(this.name, table);
  }
}

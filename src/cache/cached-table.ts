import { createHash } from 'node:crypto';
import { noCache, type CacheStore } from './cache-store.js';

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

/** What `checked` holds for a stored entry that is not JSON or not of the table's shape. */
const failed = Symbol('failed');

/**
 * Entries of earlier runs kept at most, beside this run's: a cache for the current tree plus
 * recent history. This run's entries are always kept, however many: a cap on them made a tree
 * of more files than the cap (a 52,500-file monorepo) scan and resolve the rest again on every
 * new commit.
 */
export const defaultOlderEntriesKept = 50_000;

/**
 * A content-addressed table in the cache: entries are keyed by blob id (plus the file's
 * extension where parsing depends on it), so a hit is always exact. Read on the first
 * lookup (a run the graph snapshot answers never reads it), written once at the end with the
 * entries of the current tree first.
 *
 * The stored text is a header line, then one line per entry: the key and the value as JSON,
 * separated by a tab (JSON never holds a raw tab or newline). The header holds one checksum
 * over the analyzer version (the store's stamp), the table's name and every byte after the
 * header, so an edited, truncated or moved entry makes the whole table a miss, never an answer;
 * one hash over the bytes costs far less than one per entry. A value is parsed (and checked
 * against the schema) only when it is asked for, and written back as the text it was read as.
 */
export class CachedTable<T> {
  /** Key -> the value's JSON text, from the stored table. */
  private loaded: Map<string, string> | undefined;
  private readonly fresh = new Map<string, T>();
  /** Stored entries already checked: the value, or `failed` (a value may itself be null). */
  private readonly checked = new Map<string, T | typeof failed>();
  /** Keys asked for or set in this run, in that order: written first. */
  private readonly used = new Set<string>();

  constructor(
    private readonly store: CacheStore,
    private readonly name: string,
    private readonly schema: EntrySchema<T>,
    private readonly olderEntriesKept = defaultOlderEntriesKept,
  ) {}

  private get stored(): Map<string, string> {
    this.loaded ??= parseTable(this.store.read(this.name), this.prefix());
    return this.loaded;
  }

  get(key: string): T | undefined {
    const fresh = this.fresh.get(key);
    if (fresh !== undefined) return fresh; // already in `used` (see set)
    const value = this.readStored(key);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  /** The single read boundary: a stored entry counts only if its JSON parses to the table's shape. */
  private readStored(key: string): T | undefined {
    const known = this.checked.get(key);
    if (known !== undefined) return known === failed ? undefined : known;
    const text = this.stored.get(key);
    if (text === undefined) return undefined;
    let value: T | typeof failed = failed;
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      if (parsed.success) value = parsed.data;
    } catch {
      // Not JSON: a miss.
    }
    this.checked.set(key, value);
    return value === failed ? undefined : value;
  }

  set(key: string, value: T): void {
    this.fresh.set(key, value);
    this.used.add(key);
  }

  /** Writes when something new was learned: used entries first, then older ones up to the cap. */
  save(): void {
    // `--no-cache` writes nothing: serializing a big walk's facts for it was a tenth of a second.
    if (this.fresh.size === 0 || this.store === noCache) return;
    const lines: string[] = [];
    const add = (key: string, json: string | undefined): void => {
      if (json !== undefined) lines.push(`${JSON.stringify(key)}\t${json}`);
    };
    for (const key of this.used) {
      const fresh = this.fresh.get(key);
      // A stored entry that was used passed its check; its text is written back as read.
      add(key, fresh === undefined ? this.stored.get(key) : JSON.stringify(fresh));
    }
    for (const [key, json] of this.stored) {
      if (lines.length >= this.used.size + this.olderEntriesKept) break;
      // Entries not asked for are kept unread; one that was asked for and failed its check goes.
      if (!this.used.has(key) && this.checked.get(key) !== failed) add(key, json);
    }
    const body = lines.join('\n');
    const prefix = this.prefix();
    this.store.write(this.name, `${prefix}${checksum(prefix, body)}\n${body}`);
  }

  /** The header's first part: the format, the analyzer version and the table. */
  private prefix(): string {
    return `risk-cache\t${this.store.stamp}\t${JSON.stringify(this.name)}\t`;
  }
}

function checksum(prefix: string, body: string): string {
  return createHash('sha256').update(prefix).update(body).digest('base64url');
}

/** The entries of a stored table, or none when its header or checksum does not match. */
function parseTable(text: string | undefined, prefix: string): Map<string, string> {
  const entries = new Map<string, string>();
  if (text === undefined || !text.startsWith(prefix)) return entries;
  const headerEnd = text.indexOf('\n');
  if (headerEnd < 0) return entries;
  const body = text.slice(headerEnd + 1);
  if (text.slice(prefix.length, headerEnd) !== checksum(prefix, body)) return entries;
  for (let start = 0; start < body.length; ) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    const tab = body.indexOf('\t', start);
    if (tab < 0 || tab > end) return new Map(); // not written by save(): a miss
    const quotedKey = body.slice(start, tab);
    try {
      // Most keys (blob ids) have nothing escaped.
      const key = quotedKey.includes('\\') ? (JSON.parse(quotedKey) as unknown) : quotedKey.slice(1, -1);
      if (typeof key !== 'string') return new Map();
      entries.set(key, body.slice(tab + 1, end));
    } catch {
      return new Map();
    }
    start = end + 1;
  }
  return entries;
}

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the shape of any cached entry changes: older files are then ignored. */
export const cacheFormat = 5;

/**
 * Cached answers are only as good as the code that computed them, so every entry is stamped
 * with a hash of the analyzer's own compiled files: a new version (or a local edit) of risk
 * never reads an older one's answers.
 */
function codeStamp(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha1').update(String(cacheFormat));
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(c?js|ts)$/.test(entry.name)) hash.update(entry.name).update(readFileSync(path));
    }
  };
  visit(root);
  return hash.digest('hex').slice(0, 16);
}

let stamp: string | undefined;

/** A folder of table files (cached-table.ts). Every read may miss; every entry is keyed by what it was computed from. */
export interface CacheStore {
  readonly dir: string | null;
  /** The analyzer version entries are bound to (see codeStamp). */
  readonly stamp: string;
  /** The stored text of a table file, unchecked: CachedTable checks its checksum and each entry it uses. */
  read(name: string): string | undefined;
  write(name: string, text: string): void;
  /** Deletes the entries of `prefix` other than `keep` (superseded resolution tables). */
  prune(prefix: string, keep: string): void;
}

/** A store that remembers nothing, for `--no-cache`. */
export const noCache: CacheStore = { dir: null, stamp: '', read: () => undefined, write: () => undefined, prune: () => undefined };

/** The extension of table files; the `.json` files of format 4 and before are removed on open. */
const extension = '.cache';

const staleTemporaryMs = 60 * 60 * 1000;

/**
 * Writes go to a unique temporary file that is then renamed over the entry, so a reader (or a
 * second concurrent run) sees either the old or the new file whole, and an interrupted run
 * leaves at most a stray temporary file. Unreadable or foreign files are misses, never errors:
 * the cache can always be deleted.
 */
export function openCache(dir: string): CacheStore {
  let isUsable = true;
  try {
    // User-only: cached answers decide verdicts, so no other user may plant them.
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    removeStaleFiles(dir);
  } catch {
    isUsable = false;
  }
  if (!isUsable) return noCache;
  stamp ??= codeStamp();
  const current = stamp;
  return {
    dir,
    stamp: current,
    read: (name) => {
      try {
        return readFileSync(join(dir, `${name}${extension}`), 'utf8');
      } catch {
        return undefined;
      }
    },
    write: (name, text) => {
      const target = join(dir, `${name}${extension}`);
      const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        writeFileSync(temporary, text, { mode: 0o600 });
        renameSync(temporary, target);
      } catch {
        // A cache that cannot be written only costs speed next time.
        rmSync(temporary, { force: true });
      }
    },
    prune: (prefix, keep) => {
      try {
        for (const name of readdirSync(dir)) {
          // `<keep>.cache` and its shards `<keep>.<nn>.cache` (sharded-table.ts) stay.
          if (name.startsWith(prefix) && !name.startsWith(`${keep}.`) && name.endsWith(extension)) rmSync(join(dir, name), { force: true });
        }
      } catch {
        // Pruning is housekeeping only.
      }
    },
  };
}

/**
 * Tables no longer read: the JSON files of formats 4 and before, and the tables that are now
 * sharded (sharded-table.ts) as the one file they were before. Both the name and the way the
 * file begins must match: a `--cache-dir` may be any folder, and a user's own `facts.json` there
 * is not ours to delete.
 */
const formerTables: [name: RegExp, head: string][] = [
  [/^(?:scan|facts|changed-facts|closed-signatures|compatibility|shapes|(?:resolve|misses|graph|walk|tsconfigs)-[0-9a-f]{16})\.json$/, '{"format":"'],
  [/^(?:scan|facts|import-facts|resolve-[0-9a-f]{16})\.cache$/, 'risk-cache\t'],
];

function isFormerTable(path: string, name: string): boolean {
  const head = formerTables.find(([pattern]) => pattern.test(name))?.[1];
  if (head === undefined) return false;
  const bytes = Buffer.alloc(head.length);
  let file: number | undefined;
  try {
    file = openSync(path, 'r');
    return readSync(file, bytes, 0, bytes.length, 0) === bytes.length && bytes.toString('utf8') === head;
  } catch {
    return false; // a folder or an unreadable file of that name: not ours
  } finally {
    if (file !== undefined) closeSync(file);
  }
}

function removeStaleFiles(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (isFormerTable(path, name) || (name.endsWith('.tmp') && now - statSync(path).mtimeMs > staleTemporaryMs)) rmSync(path, { force: true });
  }
}

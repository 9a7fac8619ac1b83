import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Per-commit replay results, one JSON file per commit sha under `<cache>/history/`. Unlike the
 * analysis cache (stamped with a hash of the analyzer's code), entries are stamped with the
 * replay's own format: a replay of hundreds of commits takes minutes and must survive an
 * unrelated upgrade; bump the format whenever what a replay records changes.
 */
export interface HistoryStore {
  read<T>(sha: string): T | undefined;
  write(sha: string, value: unknown): void;
}

export const noHistoryStore: HistoryStore = { read: () => undefined, write: () => undefined };

export function openHistoryStore(cacheDir: string | null, format: string): HistoryStore {
  if (cacheDir === null) return noHistoryStore;
  const dir = join(cacheDir, 'history');
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return noHistoryStore;
  }
  return {
    read: <T>(sha: string): T | undefined => {
      try {
        const envelope = JSON.parse(readFileSync(join(dir, `${sha}.json`), 'utf8')) as { format: string; value: T };
        return envelope.format === format ? envelope.value : undefined;
      } catch {
        return undefined;
      }
    },
    write: (sha, value) => {
      const target = join(dir, `${sha}.json`);
      const temporary = `${target}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, JSON.stringify({ format, value }));
        renameSync(temporary, target);
      } catch {
        rmSync(temporary, { force: true });
      }
    },
  };
}

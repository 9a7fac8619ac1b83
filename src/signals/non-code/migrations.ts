import { isSourceFile } from '../../shared/source-files.js';
import type { ChangedFile } from '../../shared/types.js';
import { findDestructiveCalls } from './destructive-calls.js';
import { type DestructiveOperation, findDestructiveSql } from './destructive-sql.js';
import { baseName } from './non-code-globs.js';
import type { Assessment } from './non-code-types.js';
import { diffPrismaSchema } from './prisma-schema.js';

/** Rollback scripts: golang-migrate/dbmate `*.down.sql`, diesel `down.sql`, Flyway undo `U1__x.sql`. */
function isDownMigration(path: string): boolean {
  const name = baseName(path);
  return /(^|[._-])down\.sql$/i.test(name) || /^U\d[\w.]*__.*\.sql$/.test(name);
}

/**
 * Files in a versioned migration folder, which tools apply once and record. Other SQL under
 * `db/` (schema dumps, seeds) is rewritten routinely, so only its content is checked.
 */
function isVersionedMigration(path: string): boolean {
  return /(^|\/)(migrations?|migrate|drizzle)\//i.test(path) && !/\.(md|txt|rst)$/i.test(path);
}

/**
 * Head lines added by this change; null means every line (a new file, or no way to tell).
 * Without hunk ranges, lines absent from the base text stand in for them.
 */
function addedLines(file: ChangedFile, head: string, base: string | undefined): Set<number> | null {
  if (file.status === 'added') return null;
  if (file.newRanges.length > 0) {
    const lines = new Set<number>();
    for (const range of file.newRanges) for (let line = range.start; line < range.start + range.count; line++) lines.add(line);
    return lines;
  }
  if (base === undefined) return null;
  const baseLines = new Set(base.split('\n').map((line) => line.trim()));
  const lines = new Set<number>();
  head.split('\n').forEach((line, index) => {
    if (!baseLines.has(line.trim())) lines.add(index + 1);
  });
  return lines;
}

function touches(operation: DestructiveOperation, lines: Set<number> | null): boolean {
  if (!lines) return true;
  for (let line = operation.startLine; line <= operation.endLine; line++) if (lines.has(line)) return true;
  return false;
}

/** Why changing an existing migration is risky: tools record applied migrations by name and checksum. */
function describeHistoryChange(file: ChangedFile): string | null {
  if (file.status === 'deleted') return 'rewrites migration history: a deleted migration may already be applied';
  if (file.status === 'renamed') return 'rewrites migration history: migrations are tracked by name';
  if (file.status === 'modified') return 'rewrites migration history: edits to an applied migration never run';
  return null;
}

/**
 * Assesses one migration-class file: a Prisma schema is diffed model by model; a rollback
 * script is noted; any other migration is destructive when existing history is rewritten or
 * when its added lines drop, truncate or wholesale delete. `base`/`head` are '' where the
 * file does not exist and undefined where its text was not loaded.
 */
export function assessMigration(file: ChangedFile, base: string | undefined, head: string | undefined): Assessment {
  if (file.path.endsWith('.prisma')) {
    if (base === undefined || head === undefined) return { isDestructive: false, details: ['schema text not available; removed models not checked'] };
    return diffPrismaSchema(base, head);
  }
  if (isDownMigration(file.path)) return { isDestructive: false, details: ['down migration: runs only on rollback'] };
  const details: string[] = [];
  const history = isVersionedMigration(file.path) || isVersionedMigration(file.oldPath) ? describeHistoryChange(file) : null;
  if (history) details.push(history);
  if (head !== undefined && file.status !== 'deleted' && !/\.(md|txt|rst)$/i.test(file.path)) {
    const operations = isSourceFile(file.path) ? findDestructiveCalls(head) : findDestructiveSql(head);
    const lines = addedLines(file, head, base);
    for (const operation of operations) if (touches(operation, lines)) details.push(`line ${operation.startLine}: ${operation.description}`);
  }
  return { isDestructive: details.length > 0, details };
}

import { lineLocator, maskSqlComments } from './source-text.js';
import { parsePostgresStatements } from './sql-ast.js';

/** A statement or call that destroys data, with the lines it spans (1-based, inclusive). */
export interface DestructiveOperation {
  startLine: number;
  endLine: number;
  description: string;
}

/** A possibly schema-qualified, possibly quoted SQL name: `users`, `"public"."users"`, `[dbo].[users]`. */
const name = String.raw`(?:[\w$]+|"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\])(?:\.(?:[\w$]+|"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\]))*`;

function unquote(sqlName: string): string {
  return sqlName.replace(/["`[\]]/g, '');
}

/** Names in a comma-separated list (`DROP TABLE a, b CASCADE`). */
function nameList(list: string): string[] {
  return list
    .split(',')
    .map((item) => new RegExp(`^\\s*(${name})`).exec(item)?.[1])
    .filter((item): item is string => item !== undefined)
    .map(unquote);
}

/** Splits at commas outside parentheses: the actions of one ALTER TABLE. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index).trim());
      start = index + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

const constraintKinds = /^DROP (CONSTRAINT|INDEX|KEY|FOREIGN KEY|PRIMARY KEY|CHECK|PARTITION)\b(?: IF EXISTS)?(?: (\S+))?/i;

function describeAlterAction(table: string, action: string): string | null {
  const column = new RegExp(`^DROP (?:COLUMN )?(?:IF EXISTS )?(${name})`, 'i').exec(action);
  const constraint = constraintKinds.exec(action);
  if (constraint?.[1]) {
    const what = constraint[1].toLowerCase();
    const target = constraint[2] ? ` ${unquote(constraint[2])}` : '';
    return `drops ${what}${target} of ${table} (ALTER TABLE ... DROP ${constraint[1].toUpperCase()})`;
  }
  // `ALTER COLUMN x DROP DEFAULT / NOT NULL` relaxes a rule and loses no data, so only DROP [COLUMN] counts.
  if (column?.[1]) return `drops column ${table}.${unquote(column[1])} (ALTER TABLE ... DROP COLUMN)`;
  return null;
}

/**
 * What one statement destroys, in words, by pattern: the fallback for statements the SQL
 * parser does not understand (other dialects: MySQL backticks, SQL Server brackets).
 */
export function describeStatement(statement: string): string[] {
  const sql = statement.replace(/\s+/g, ' ').trim();
  let match = /^DROP TABLE (?:IF EXISTS )?(.*)$/i.exec(sql);
  if (match?.[1] !== undefined) return nameList(match[1]).map((table) => `drops table ${table} (DROP TABLE)`);
  match = new RegExp(`^DROP (SCHEMA|DATABASE) (?:IF EXISTS )?(${name})`, 'i').exec(sql);
  if (match?.[1] && match[2]) return [`drops ${match[1].toLowerCase()} ${unquote(match[2])} (DROP ${match[1].toUpperCase()})`];
  match = /^TRUNCATE (?:TABLE )?(?:ONLY )?(.*)$/i.exec(sql);
  if (match?.[1] !== undefined) return nameList(match[1]).map((table) => `truncates table ${table} (TRUNCATE)`);
  match = new RegExp(`^DELETE FROM (${name})`, 'i').exec(sql);
  if (match?.[1] && !/\bWHERE\b/i.test(sql)) return [`deletes every row of ${unquote(match[1])} (DELETE without WHERE)`];
  match = new RegExp(`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(${name}) (.*)$`, 'i').exec(sql);
  if (match?.[1] && match[2]) {
    const table = unquote(match[1]);
    return topLevelParts(match[2]).flatMap((action) => describeAlterAction(table, action) ?? []);
  }
  return [];
}

/**
 * Down sections of single-file migrations (goose `-- +goose Down`, dbmate `-- migrate:down`)
 * run only on rollback, so their DROPs are expected; blank them before scanning.
 */
function maskDownSections(text: string): string {
  const marker = /^[ \t]*--[ \t]*(?:\+goose[ \t]+(up|down)|migrate:(up|down))\b.*$/gim;
  let result = '';
  let copiedUpTo = 0;
  let downStart: number | null = null;
  for (const found of text.matchAll(marker)) {
    const isDown = (found[1] ?? found[2] ?? '').toLowerCase() === 'down';
    if (isDown && downStart === null) downStart = found.index;
    else if (!isDown && downStart !== null) {
      result += text.slice(copiedUpTo, downStart) + text.slice(downStart, found.index).replace(/[^\n]/g, ' ');
      copiedUpTo = found.index;
      downStart = null;
    }
  }
  if (downStart !== null) return result + text.slice(copiedUpTo, downStart) + text.slice(downStart).replace(/[^\n]/g, ' ');
  return result + text.slice(copiedUpTo);
}

/** Statements that can change or destroy existing data or names; a CREATE, INSERT or SELECT cannot. */
const canDestroy = /^(ALTER|DROP|TRUNCATE|DELETE|RENAME|UPDATE|REPLACE|MERGE|CREATE\s+OR\s+REPLACE)\b/i;

/**
 * Destructive statements in a SQL text; comments and down sections are ignored. The whole text
 * is read with a PostgreSQL parser when it can be; otherwise statement by statement, each with
 * the parser, then by pattern. A statement that could destroy something (ALTER, DROP, ...) and
 * that neither understands is reported as unknown, never passed as safe.
 */
export function findDestructiveSql(text: string): DestructiveOperation[] {
  const masked = maskSqlComments(maskDownSections(text));
  const lineAt = lineLocator(masked);
  const whole = parsePostgresStatements(masked);
  if (whole) {
    return whole.flatMap((statement) => statement.descriptions.map((description) => ({ startLine: lineAt(statement.start), endLine: lineAt(statement.end), description })));
  }
  const operations: DestructiveOperation[] = [];
  let start = 0;
  for (const statement of masked.split(';')) {
    const leading = statement.length - statement.trimStart().length;
    const startLine = lineAt(start + leading);
    const endLine = lineAt(start + statement.trimEnd().length);
    for (const description of describeOne(statement)) operations.push({ startLine, endLine, description });
    start += statement.length + 1;
  }
  return operations;
}

function describeOne(statement: string): string[] {
  const parsed = parsePostgresStatements(statement);
  if (parsed) return parsed.flatMap((entry) => entry.descriptions);
  const byPattern = describeStatement(statement);
  if (byPattern.length > 0) return byPattern;
  const sql = statement.replace(/\s+/g, ' ').trim();
  if (!canDestroy.test(sql)) return [];
  const words = sql.split(' ').slice(0, 4).join(' ');
  return [`${unknownStatementMarker} statement not understood by the SQL parser (${words} ...), so not checked: review it by hand`];
}

/** Starts the description of a statement neither the parser nor the patterns understood. */
export const unknownStatementMarker = 'unknown:';

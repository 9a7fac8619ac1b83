import { type DestructiveOperation, findDestructiveSql } from './destructive-sql.js';
import { blank, blankStrings, closingBracket, lexScript, lineLocator } from './source-text.js';

/** Schema-builder methods of knex, TypeORM, Sequelize and MongoDB drivers that destroy data. */
const destructiveMethods: Record<string, string> = {
  dropTable: 'drops table',
  dropTableIfExists: 'drops table',
  removeTable: 'drops table',
  dropAllTables: 'drops every table',
  dropColumn: 'drops column',
  dropColumns: 'drops columns',
  removeColumn: 'drops column',
  dropSchema: 'drops schema',
  dropSchemaIfExists: 'drops schema',
  dropDatabase: 'drops database',
  truncate: 'truncates table',
  clearTable: 'truncates table',
  dropCollection: 'drops collection',
};

/** `down` as a method, function, property or export: `async down(qr)`, `exports.down = function (knex)`, `down: (qi) =>`. */
const downStart = /\bdown\s*(?:[:=]\s*(?:async\s+)?(?:function\b[\s\w]*)?)?\(|\bdown\s*[:=]\s*(?:async\s+)?[A-Za-z_$][\w$]*\s*=>/g;

/** The body that follows a `down` signature: a braced block, or an arrow's expression. */
function bodyRange(structure: string, signatureEnd: number): [number, number] | null {
  const head = /^\s*(?::[^{=;]*)?(=>)?\s*/.exec(structure.slice(signatureEnd, signatureEnd + 500));
  const at = signatureEnd + (head?.[0].length ?? 0);
  if (structure[at] === '{') return [at, closingBracket(structure, at)];
  if (!head?.[1]) return null;
  let depth = 0;
  let index = at;
  for (; index < structure.length; index++) {
    const char = structure[index] ?? '';
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) {
      if (depth === 0) break;
      depth--;
    } else if ((char === ',' || char === ';') && depth === 0) break;
  }
  return [at, index];
}

/** Rollback code runs only on `migrate down`; its drops are the expected inverse of `up`. Sorted, merged. */
function downBodies(structure: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const found of structure.matchAll(downStart)) {
    const end = found.index + found[0].length;
    const last = ranges.at(-1);
    if (last && end <= last[1]) continue;
    const signatureEnd = found[0].endsWith('(') ? closingBracket(structure, end - 1) : end;
    const range = bodyRange(structure, signatureEnd);
    if (range) ranges.push(range);
  }
  return ranges;
}

/** Index of the first item whose `start` is at least `offset` (items sorted by start). */
function firstAtOrAfter(items: readonly { start: number }[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((items[middle]?.start ?? 0) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function blankRanges(text: string, ranges: [number, number][]): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  for (const [start, end] of ranges) {
    if (start < copiedUpTo) continue;
    parts.push(text.slice(copiedUpTo, start), blank(text.slice(start, end)));
    copiedUpTo = end;
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/**
 * Destructive operations in TS/JS migration code: schema-builder calls (`dropTable('users')`)
 * and SQL in string literals (`queryRunner.query('DROP TABLE users')`). Code inside `down`
 * functions and comments is ignored.
 */
export function findDestructiveCalls(text: string): DestructiveOperation[] {
  const lexed = lexScript(text);
  const withoutStrings = blankStrings(lexed);
  const skipped = downBodies(withoutStrings);
  const structure = blankRanges(withoutStrings, skipped);
  const skippedStarts = skipped.map(([start, end]) => ({ start, end }));
  const isSkipped = (offset: number): boolean => {
    const range = skippedStarts[firstAtOrAfter(skippedStarts, offset + 1) - 1];
    return range !== undefined && offset < range.end;
  };
  const lineAt = lineLocator(text);
  const operations: DestructiveOperation[] = [];
  for (const found of structure.matchAll(/\.\s*([A-Za-z]+)\s*\(/g)) {
    const method = found[1] ?? '';
    const verb = destructiveMethods[method];
    if (!verb) continue;
    const open = found.index + found[0].length - 1;
    const close = closingBracket(structure, open);
    const args: string[] = [];
    for (let index = firstAtOrAfter(lexed.strings, open); (lexed.strings[index]?.end ?? Infinity) <= close; index++) args.push(lexed.strings[index]?.value ?? '');
    const target = args.length === 0 ? '' : ` ${args.join(method === 'dropColumns' ? ', ' : '.')}`;
    operations.push({ startLine: lineAt(found.index), endLine: lineAt(close - 1), description: `${verb}${target} (${method})` });
  }
  for (const literal of lexed.strings) {
    if (isSkipped(literal.start) || !/\b(?:DROP|TRUNCATE|DELETE|ALTER)\b/i.test(literal.value)) continue;
    const offset = lineAt(literal.start) - 1;
    for (const operation of findDestructiveSql(literal.value)) {
      operations.push({ startLine: operation.startLine + offset, endLine: operation.endLine + offset, description: operation.description });
    }
  }
  return operations.sort((a, b) => a.startLine - b.startLine);
}

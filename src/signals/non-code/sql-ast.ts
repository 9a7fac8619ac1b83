import type * as PgsqlAst from 'pgsql-ast-parser';
import type { AlterTableStatement, QName, Statement } from 'pgsql-ast-parser';
import { lazyRequire } from '../../shared/lazy-require.js';

const pgsql = lazyRequire<typeof PgsqlAst>('pgsql-ast-parser');

/**
 * Migration statements read with a PostgreSQL parser (pgsql-ast-parser). What each parsed
 * statement destroys or breaks, in words, with its offset in the text for the line number.
 */

/** A parsed statement's findings and where it starts in the (comment-masked) text. */
export interface ParsedStatement {
  start: number;
  end: number;
  descriptions: string[];
}

function qualified(name: QName): string {
  return name.schema ? `${name.schema}.${name.name}` : name.name;
}

function describeAlterTable(statement: AlterTableStatement): string[] {
  const table = qualified(statement.table);
  return statement.changes.flatMap((change): string[] => {
    switch (change.type) {
      case 'drop column':
        return [`drops column ${table}.${change.column.name} (ALTER TABLE ... DROP COLUMN)`];
      case 'drop constraint':
        return [`drops constraint ${change.constraint.name} of ${table} (ALTER TABLE ... DROP CONSTRAINT)`];
      case 'rename column':
        // No data is lost, but every query, view and deployed version using the old name breaks.
        return [`renames column ${table}.${change.column.name} to ${change.to.name} (ALTER TABLE ... RENAME COLUMN): code using the old name breaks`];
      case 'rename':
        return [`renames table ${table} to ${change.to.name} (ALTER TABLE ... RENAME TO): code using the old name breaks`];
      case 'alter column':
        // SET TYPE rewrites every value and may truncate or fail; DROP NOT NULL / DEFAULT lose nothing.
        return change.alter.type === 'set type' ? [`changes the type of ${table}.${change.column.name} (ALTER COLUMN ... TYPE): values are rewritten and may be cut`] : [];
      default:
        return [];
    }
  });
}

function describeParsed(statement: Statement): string[] {
  switch (statement.type) {
    case 'drop table':
      return statement.names.map((name) => `drops table ${qualified(name)} (DROP TABLE)`);
    case 'truncate table':
      return statement.tables.map((name) => `truncates table ${qualified(name)} (TRUNCATE)`);
    case 'delete':
      return statement.where ? [] : [`deletes every row of ${qualified(statement.from)} (DELETE without WHERE)`];
    case 'alter table':
      return describeAlterTable(statement);
    default:
      return [];
  }
}

/** Every statement of `text` with its findings; undefined when the parser does not understand all of it. */
export function parsePostgresStatements(text: string): ParsedStatement[] | undefined {
  let statements: Statement[];
  try {
    statements = pgsql().parse(text, { locationTracking: true });
  } catch {
    return undefined;
  }
  return statements.map((statement) => ({ start: statement._location?.start ?? 0, end: statement._location?.end ?? 0, descriptions: describeParsed(statement) }));
}

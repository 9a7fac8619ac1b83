import { createHash } from 'node:crypto';

/**
 * A cache table's text taken apart (see src/cache/cached-table.ts): the header's prefix
 * (format, analyzer stamp, table name), its checksum, and the entries as [key, value JSON].
 * Tests edit entries and write them back with the old checksum (a tampered file) or with a
 * recomputed one (a well-signed file whose entries must still pass the table's schema).
 */
export interface TableText {
  prefix: string;
  checksum: string;
  entries: [key: string, json: string][];
}

export function parseTableText(text: string): TableText {
  const headerEnd = text.indexOf('\n');
  const header = text.slice(0, headerEnd);
  const cut = header.lastIndexOf('\t') + 1;
  const entries = text
    .slice(headerEnd + 1)
    .split('\n')
    .map((line): [string, string] => {
      const tab = line.indexOf('\t');
      return [JSON.parse(line.slice(0, tab)) as string, line.slice(tab + 1)];
    });
  return { prefix: header.slice(0, cut), checksum: header.slice(cut), entries };
}

/** The text of a table; `resign` recomputes the checksum over the (edited) entries. */
export function formatTableText(table: TableText, resign: boolean): string {
  const body = table.entries.map(([key, json]) => `${JSON.stringify(key)}\t${json}`).join('\n');
  const checksum = resign ? createHash('sha256').update(table.prefix).update(body).digest('base64url') : table.checksum;
  return `${table.prefix}${checksum}\n${body}`;
}

import { guardSchema, type EntrySchema } from '../cache/cached-table.js';
import type { ImportFacts } from '../symbols/module-facts.js';
import { isRecord, isStringArray } from '../shared/value-guards.js';
import { isStoredFacts, type StoredFacts } from '../symbols/stored-facts.js';

/*
 * The shape of each cached table's entries. The cache folder is outside our control: an entry
 * of any other shape is a miss (cached-table.ts), never an answer or a crash.
 */

type ScanEntry = [[string, 'import' | 'require'][], boolean];

/** `scan` table: the specifiers of a file and whether it has a computed import. */
export const scanEntrySchema: EntrySchema<ScanEntry> = guardSchema(
  (value): value is ScanEntry =>
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[1] === 'boolean' &&
    Array.isArray(value[0]) &&
    (value[0] as unknown[]).every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && (pair[1] === 'import' || pair[1] === 'require')),
);

/** `facts` table: see symbols/stored-facts.ts (the symbol stage stores facts of changed files too). */
export { storedFactsSchema } from '../symbols/stored-facts.js';

/** `import-only` table: a file's import-only facts (import-only-facts.ts), or false when it needs full facts. */
export const importOnlySchema: EntrySchema<StoredFacts | false> = guardSchema((value): value is StoredFacts | false => value === false || isStoredFacts(value));

/** `import-facts` table: the imports of a file that was confirmed but not walked (module-graph.ts). */
export const importFactsSchema: EntrySchema<ImportFacts> = guardSchema(
  (value): value is ImportFacts => isRecord(value) && isStringArray(value.specifiers) && isStringArray(value.dynamicSpecifiers) && isStringArray(value.parseErrors),
);

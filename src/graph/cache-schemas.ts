import { z } from 'zod';

/*
 * The shape of each cached table's entries. The cache folder is outside our control: an entry
 * of any other shape is a miss (cached-table.ts), never an answer or a crash. Objects are loose:
 * a field added later passes through unchanged (z.object would strip it silently).
 */

const importMode = z.enum(['import', 'require']);

/** `scan` table: the specifiers of a file and whether it has a computed import. */
export const scanEntrySchema: z.ZodType<[[string, 'import' | 'require'][], boolean]> = z.tuple([z.array(z.tuple([z.string(), importMode])), z.boolean()]);

/** `facts` table: see symbols/stored-facts.ts (the symbol stage stores facts of changed files too). */
export { storedFactsSchema } from '../symbols/stored-facts.js';

import { z } from 'zod';
import type { SymbolKind } from '../shared/types.js';
import type { StoredFacts } from './stored-facts.js';

/*
 * The shape of each cached table's entries. The cache folder is outside our control: an entry
 * of any other shape is a miss (cached-table.ts), never an answer or a crash. Objects are loose:
 * a field added later passes through unchanged (z.object would strip it silently).
 */

const importMode = z.enum(['import', 'require']);

/** `scan` table: the specifiers of a file and whether it has a computed import. */
export const scanEntrySchema: z.ZodType<[[string, 'import' | 'require'][], boolean]> = z.tuple([z.array(z.tuple([z.string(), importMode])), z.boolean()]);

const symbolKind: z.ZodType<SymbolKind> = z.enum(['function', 'class', 'interface', 'type', 'enum', 'variable', 'namespace', 'default', 'export-equals', 're-export', 'module', 'unknown']);

const reference = z.looseObject({ name: z.string(), members: z.array(z.string()), isTypePosition: z.boolean() });

/** `facts` table: a file's module facts as stored (maps as entry lists). */
export const storedFactsSchema: z.ZodType<StoredFacts> = z.looseObject({
  path: z.string(),
  imports: z.array(z.looseObject({ local: z.string(), imported: z.string(), specifier: z.string(), isTypeOnly: z.boolean(), isRequire: z.boolean() })),
  reExports: z.array(z.looseObject({ specifier: z.string(), imported: z.string(), exported: z.string(), isTypeOnly: z.boolean() })),
  moduleUses: z.array(
    z.looseObject({
      specifier: z.string(),
      owner: z.string(),
      kind: z.enum(['side-effect', 'dynamic-import', 'require', 'import-type']),
      member: z.string().nullable(),
      isTypeOnly: z.boolean(),
    }),
  ),
  exports: z.array(z.tuple([z.string(), z.string()])),
  locals: z.array(z.looseObject({ name: z.string(), kind: symbolKind, isTypeOnly: z.boolean(), references: z.array(reference), fingerprint: z.string(), line: z.number() })),
  dynamicSpecifiers: z.array(z.looseObject({ expression: z.string(), owner: z.string() })),
  parseErrors: z.array(z.string()),
});

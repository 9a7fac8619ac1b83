import { z } from 'zod';
import type { SymbolKind } from '../shared/types.js';
import type { LocalDeclaration, ModuleFacts } from './module-facts-types.js';

/** ModuleFacts with its Maps as arrays, as stored in the cache. */
export interface StoredFacts extends Omit<ModuleFacts, 'exports' | 'locals'> {
  exports: [string, string][];
  locals: LocalDeclaration[];
}

export function storeFacts(facts: ModuleFacts): StoredFacts {
  return { ...facts, exports: [...facts.exports], locals: [...facts.locals.values()] };
}

export function restoreFacts(stored: StoredFacts): ModuleFacts {
  return { ...stored, exports: new Map(stored.exports), locals: new Map(stored.locals.map((local) => [local.name, local])) };
}

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
  specifierLines: z.array(z.tuple([z.string(), z.number()])),
});

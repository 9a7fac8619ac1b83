import { guardSchema, type EntrySchema } from '../cache/cached-table.js';
import type { SymbolKind } from '../shared/types.js';
import { isBoolean, isNumber, isRecord, isString, isStringOrNull } from '../shared/value-guards.js';
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

const symbolKinds = new Set<SymbolKind>(['function', 'class', 'interface', 'type', 'enum', 'variable', 'namespace', 'default', 'export-equals', 're-export', 'module', 'unknown']);
const useKinds = new Set(['side-effect', 'dynamic-import', 'require', 'import-type']);

const listOf = (value: unknown, isItem: (item: unknown) => boolean): boolean => Array.isArray(value) && value.every(isItem);
const pairOf = (value: unknown, isSecond: (item: unknown) => boolean): boolean => Array.isArray(value) && value.length === 2 && isString(value[0]) && isSecond(value[1]);
const isReference = (value: unknown): boolean => isRecord(value) && isString(value.name) && listOf(value.members, isString) && isBoolean(value.isTypePosition);

/**
 * `facts` table: a file's module facts as stored (maps as entry lists). Checked by hand, field
 * by field (extra fields pass, as a field added later would): the cache folder is outside our
 * control, and a warm run should not load a schema library to read a few entries.
 */
export function isStoredFacts(value: unknown): value is StoredFacts {
  return (
    isRecord(value) &&
    isString(value.path) &&
    listOf(value.imports, (item) => isRecord(item) && isString(item.local) && isString(item.imported) && isString(item.specifier) && isBoolean(item.isTypeOnly) && isBoolean(item.isRequire)) &&
    listOf(value.reExports, (item) => isRecord(item) && isString(item.specifier) && isString(item.imported) && isString(item.exported) && isBoolean(item.isTypeOnly)) &&
    listOf(value.moduleUses, (item) => isRecord(item) && isString(item.specifier) && isString(item.owner) && useKinds.has(item.kind as string) && isStringOrNull(item.member) && isBoolean(item.isTypeOnly)) &&
    listOf(value.exports, (item) => pairOf(item, isString)) &&
    listOf(value.locals, (item) => isRecord(item) && isString(item.name) && symbolKinds.has(item.kind as SymbolKind) && isBoolean(item.isTypeOnly) && listOf(item.references, isReference) && isString(item.fingerprint) && isNumber(item.line)) &&
    listOf(value.dynamicSpecifiers, (item) => isRecord(item) && isString(item.expression) && isString(item.owner)) &&
    listOf(value.parseErrors, isString) &&
    listOf(value.specifierLines, (item) => pairOf(item, isNumber)) &&
    listOf(value.augmentations, (item) => pairOf(item, isString))
  );
}

export const storedFactsSchema: EntrySchema<StoredFacts> = guardSchema(isStoredFacts);

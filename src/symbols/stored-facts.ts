import { guardSchema, type EntrySchema } from '../cache/cached-table.js';
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

const symbolKinds = new Set<SymbolKind>(['function', 'class', 'interface', 'type', 'enum', 'variable', 'namespace', 'default', 'export-equals', 're-export', 'module', 'unknown']);
const useKinds = new Set(['side-effect', 'dynamic-import', 'require', 'import-type']);

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const listOf = (value: unknown, isItem: (item: unknown) => boolean): boolean => Array.isArray(value) && value.every(isItem);
const pairOf = (value: unknown, isSecond: (item: unknown) => boolean): boolean => Array.isArray(value) && value.length === 2 && isString(value[0]) && isSecond(value[1]);
const isReference = (value: unknown): boolean => isFields(value) && isString(value.name) && listOf(value.members, isString) && isBoolean(value.isTypePosition);

/**
 * `facts` table: a file's module facts as stored (maps as entry lists). Checked by hand, field
 * by field (extra fields pass, as a field added later would): the cache folder is outside our
 * control, and a warm run should not load a schema library to read a few entries.
 */
export function isStoredFacts(value: unknown): value is StoredFacts {
  return (
    isFields(value) &&
    isString(value.path) &&
    listOf(value.imports, (item) => isFields(item) && isString(item.local) && isString(item.imported) && isString(item.specifier) && isBoolean(item.isTypeOnly) && isBoolean(item.isRequire)) &&
    listOf(value.reExports, (item) => isFields(item) && isString(item.specifier) && isString(item.imported) && isString(item.exported) && isBoolean(item.isTypeOnly)) &&
    listOf(value.moduleUses, (item) => isFields(item) && isString(item.specifier) && isString(item.owner) && useKinds.has(item.kind as string) && (item.member === null || isString(item.member)) && isBoolean(item.isTypeOnly)) &&
    listOf(value.exports, (item) => pairOf(item, isString)) &&
    listOf(value.locals, (item) => isFields(item) && isString(item.name) && symbolKinds.has(item.kind as SymbolKind) && isBoolean(item.isTypeOnly) && listOf(item.references, isReference) && isString(item.fingerprint) && isNumber(item.line)) &&
    listOf(value.dynamicSpecifiers, (item) => isFields(item) && isString(item.expression) && isString(item.owner)) &&
    listOf(value.parseErrors, isString) &&
    listOf(value.specifierLines, (item) => pairOf(item, isNumber)) &&
    listOf(value.augmentations, (item) => pairOf(item, isString))
  );
}

export const storedFactsSchema: EntrySchema<StoredFacts> = guardSchema(isStoredFacts);

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

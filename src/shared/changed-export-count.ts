import type { ChangedSymbol } from './types.js';

/**
 * Changed exports as a reviewer counts them, for thresholds and headlines: the properties of a
 * `module.exports = {...}` object (ChangedSymbol.memberOf) count as that one object. A config
 * file converted from `export default {...}` is one changed export, not one per key (an Nx
 * migration turned ten jest configs into 78 "changed exports" and a FAIL).
 */
export function countChangedExports(symbols: readonly ChangedSymbol[]): number {
  return new Set(symbols.map((symbol) => `${symbol.file}#${symbol.memberOf ?? symbol.name}`)).size;
}

/** The symbols an overview lists: a member whose object is listed too is left to the object. */
export function withoutListedMembers<T extends ChangedSymbol>(symbols: readonly T[]): T[] {
  const listed = new Set(symbols.map((symbol) => `${symbol.file}#${symbol.name}`));
  return symbols.filter((symbol) => symbol.memberOf === undefined || !listed.has(`${symbol.file}#${symbol.memberOf}`));
}

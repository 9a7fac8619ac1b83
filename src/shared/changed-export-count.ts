import type { ChangedSymbol } from './types.js';

/**
 * Changed exports as a reviewer counts them, for thresholds and headlines: the properties of a
 * `module.exports = {...}` object (ChangedSymbol.memberOf) count as that one object, except a
 * removed one (see withoutListedMembers). A config file converted from `export default {...}`
 * is one changed export, not one per key (an Nx migration turned ten jest configs into 78
 * "changed exports" and a FAIL).
 */
export function countChangedExports(symbols: readonly ChangedSymbol[]): number {
  return withoutListedMembers(symbols).length;
}

/**
 * The symbols an overview lists: a member whose object is listed too is left to the object,
 * unless it was removed (`require('x').a` is then undefined: a reader must see that).
 */
export function withoutListedMembers<T extends ChangedSymbol>(symbols: readonly T[]): T[] {
  const listed = new Set(symbols.map((symbol) => `${symbol.file}#${symbol.name}`));
  return symbols.filter((symbol) => !isFoldedMember(symbol, listed));
}

function isFoldedMember(symbol: ChangedSymbol, listed: ReadonlySet<string>): boolean {
  return symbol.memberOf !== undefined && symbol.change !== 'removed' && listed.has(`${symbol.file}#${symbol.memberOf}`);
}

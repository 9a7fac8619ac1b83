import { createHash } from 'node:crypto';
import type { CacheStore } from '../cache/cache-store.js';
import { CachedTable, guardSchema } from '../cache/cached-table.js';
import { isRecord, isString, isStringOrNull } from '../shared/value-guards.js';
import type { AffectedFile, ChainNode, ChangedSymbol, Unknown } from '../shared/types.js';
import type { SymbolChanges } from '../symbols/changed-exports.js';
import type { ExportFlow } from './importers.js';

/** What the graph stage concludes from a graph and the changed symbols. */
export interface WalkResult {
  changedSymbols: ChangedSymbol[];
  affectedFiles: AffectedFile[];
  chains: ChainNode[];
  exportFlows: ExportFlow[];
  unknowns: Unknown[];
}

const prefix = 'walk-';

/**
 * The importer walk of one change, remembered: the same commit analysed again (the pre-push hook
 * run twice, CI re-run) skips the walk, which on a change reaching thousands of files is most of
 * a warm run. Keyed by the graph's own key (every source with its content and options, the
 * resolver's tree key) and by the symbol stage's answer, which is everything the walk reads;
 * the code that walked is in every entry's checksum (cache-store's stamp). Only the latest is kept.
 */
export function openWalkCache(store: CacheStore, graphKey: string | undefined, symbols: SymbolChanges): { read(): WalkResult | undefined; write(result: WalkResult): void } {
  if (store.dir === null || graphKey === undefined) return { read: () => undefined, write: () => undefined };
  const inputs = JSON.stringify([symbols.changedSymbols, symbols.starEdits, [...symbols.additive].sort()]);
  const name = `${prefix}${createHash('sha1').update(`${graphKey}\0`).update(inputs).digest('hex').slice(0, 16)}`;
  const table = new CachedTable<WalkResult>(store, name, guardSchema(isWalkResult));
  return {
    read: () => table.get('walk'),
    write: (result) => {
      table.set('walk', result);
      table.save();
      store.prune(prefix, name);
    },
  };
}

const isLineOrNull = (value: unknown): boolean => value === null || Number.isInteger(value);
const changeKinds = new Set(['added', 'removed', 'signature', 'body']);

/** The cache folder is outside our control: an entry of any other shape (or with links pointing nowhere) is a miss. */
function isWalkResult(value: unknown): value is WalkResult {
  if (!isRecord(value)) return false;
  const { changedSymbols, affectedFiles, chains, exportFlows, unknowns } = value;
  if (!Array.isArray(changedSymbols) || !Array.isArray(affectedFiles) || !Array.isArray(chains) || !Array.isArray(exportFlows) || !Array.isArray(unknowns)) return false;
  const isChainIndex = (index: unknown): boolean => Number.isInteger(index) && (index as number) >= 0 && (index as number) < chains.length;
  return (
    changedSymbols.every((symbol) => isRecord(symbol) && isString(symbol.file) && isString(symbol.name) && isString(symbol.kind) && changeKinds.has(symbol.change as string) && isString(symbol.reason) && isLineOrNull(symbol.line) && Number.isInteger(symbol.reaches)) &&
    chains.every((link, index) => isRecord(link) && isString(link.file) && isStringOrNull(link.symbol) && (link.parent === null || (isChainIndex(link.parent) && (link.parent as number) < index))) &&
    affectedFiles.every(
      (file) =>
        isRecord(file) &&
        isString(file.file) &&
        Number.isInteger(file.depth) &&
        isChainIndex(file.via) &&
        (file.impact === 'contract' || file.impact === 'behaviour') &&
        isLineOrNull(file.importLine) &&
        typeof file.typeOnly === 'boolean' &&
        Array.isArray(file.exports) &&
        file.exports.every(isString) &&
        typeof file.isBroken === 'boolean',
    ) &&
    exportFlows.every(
      (flow) =>
        isRecord(flow) &&
        isString(flow.file) &&
        isString(flow.name) &&
        changeKinds.has(flow.change as string) &&
        isStringOrNull(flow.member) &&
        isRecord(flow.origin) &&
        isString(flow.origin.file) &&
        isStringOrNull(flow.origin.symbol) &&
        typeof flow.isAdditive === 'boolean',
    ) &&
    unknowns.every((unknown) => isRecord(unknown) && isString(unknown.kind) && isString(unknown.file) && isStringOrNull(unknown.specifier) && isString(unknown.reason))
  );
}

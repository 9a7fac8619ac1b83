import { compareStrings } from '../shared/compare.js';
import type { AffectedFile, ChainLink, ChangedSymbol, SymbolChange } from '../shared/types.js';
import { computeFileImpact } from './file-taint.js';
import type { ModuleGraph } from './module-graph.js';

interface QueueEntry {
  file: string;
  symbol: string;
  /** Only this member of the namespace-valued `symbol` changed (see IncomingChange). */
  member: string | null;
  isTypeOnly: boolean;
  isRemoved: boolean;
  depth: number;
  chain: ChainLink[];
  /** The kind of the change at the start of the chain. */
  change: SymbolChange;
  /** Only whether the symbol is a value changed (`export type *`): type positions see nothing. */
  isValueOnly: boolean;
  /** The signature change at the start of the chain is additive. */
  isAdditive: boolean;
}

/**
 * An export that carries a change, with the most serious kind of change that reaches it:
 * what the public-API signal classifies at package entry points.
 */
export interface ExportFlow {
  file: string;
  name: string;
  change: SymbolChange;
  /**
   * For a namespace-valued export, the member path the change reached it through (`util.toZod`
   * of `core`), `*` when several members; null when the export itself is reached.
   */
  member: string | null;
  /** The changed symbol the most serious change started from. */
  origin: ChainLink;
  /** A signature change that every old consumer still compiles against (see findAdditiveChanges). */
  isAdditive: boolean;
}

export interface BlastRadius {
  affectedFiles: AffectedFile[];
  /** Every (file, export) reached, sorted by file then name. */
  exportFlows: ExportFlow[];
}

/** Seriousness of a change kind for an export it reaches; a more serious one is walked again. */
const changeRank: Record<SymbolChange, number> = { body: 0, added: 1, signature: 2, removed: 3 };

/** Interfaces and type aliases never exist at runtime: changes to them travel as types only. */
const typeOnlyKinds = new Set(['interface', 'type']);

/**
 * Stage 3: the blast radius. Breadth-first from each changed symbol over reverse import
 * edges, symbol by symbol: a file is affected only when it uses a changed export, and it
 * passes the change on only through its own exports that use it. BFS order makes each
 * file's recorded chain a shortest one.
 */
export async function findImporters(graph: ModuleGraph, changedSymbols: ChangedSymbol[], valueOnly: ReadonlySet<string> = new Set(), additive: ReadonlySet<string> = new Set()): Promise<BlastRadius> {
  const affected = new Map<string, AffectedFile>();
  const visited = new Map<string, boolean>(); // `file#symbol` -> reached as value (false) or type only (true)
  const flows = new Map<string, ExportFlow>();
  const queue: QueueEntry[] = [];

  for (const symbol of [...changedSymbols].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.name, b.name))) {
    const isTypeOnly = typeOnlyKinds.has(symbol.kind);
    const isAdditive = symbol.change === 'signature' && additive.has(`${symbol.file}#${symbol.name}`);
    const isMoreSerious = recordFlow(flows, symbol.file, symbol.name, symbol.change, null, { file: symbol.file, symbol: symbol.name }, isAdditive);
    if (!markVisited(visited, symbol.file, symbol.name, null, isTypeOnly) && !isMoreSerious) continue;
    queue.push({
      change: symbol.change,
      isValueOnly: valueOnly.has(`${symbol.file}#${symbol.name}`),
      isAdditive,
      file: symbol.file,
      symbol: symbol.name,
      member: null,
      isTypeOnly,
      isRemoved: symbol.change === 'removed',
      depth: 0,
      chain: [{ file: symbol.file, symbol: symbol.name }],
    });
  }

  let index = 0;
  while (index < queue.length) {
    // Load the facts of everything the queued entries lead to in one batch, then walk them;
    // entries added meanwhile form the next batch, so the order stays breadth-first.
    const batchEnd = queue.length;
    await graph.prepare(queue.slice(index, batchEnd).flatMap((entry) => [...(graph.importers.get(entry.file) ?? [])]));
    for (; index < batchEnd; index++) visitImporters(queue[index] as QueueEntry, graph, { affected, visited, flows }, queue);
  }

  for (const record of affected.values()) record.exports.sort(compareStrings);
  return {
    affectedFiles: [...affected.values()].sort((a, b) => a.depth - b.depth || compareStrings(a.file, b.file)),
    exportFlows: [...flows.values()].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.name, b.name)),
  };
}

interface WalkState {
  affected: Map<string, AffectedFile>;
  visited: Map<string, boolean>;
  flows: Map<string, ExportFlow>;
}

/** Records that `change` reaches `file#name`; true when it is more serious than what reached it before. */
function recordFlow(flows: Map<string, ExportFlow>, file: string, name: string, change: SymbolChange, member: string | null, origin: ChainLink, isAdditive: boolean): boolean {
  const key = `${file}#${name}`;
  const current = flows.get(key);
  // Reached through several members (or whole and through a member): `*`, or null when whole.
  if (current !== undefined && current.member !== member) current.member = current.member === null || member === null ? null : '*';
  // Two signature changes: additive only if both are; a breaking one becomes the origin.
  if (current !== undefined && current.change === change && current.isAdditive && !isAdditive) {
    current.isAdditive = false;
    current.origin = origin;
  }
  if (current !== undefined && changeRank[current.change] >= changeRank[change]) return false;
  flows.set(key, { file, name, change, member: current === undefined ? member : current.member, origin, isAdditive });
  return current !== undefined;
}

/** Every importer of one changed (file, symbol) that uses it: record it and queue its exports that carry it on. */
function visitImporters(entry: QueueEntry, graph: ModuleGraph, state: WalkState, queue: QueueEntry[]): void {
  const { affected, visited, flows } = state;
  const importers = [...(graph.importers.get(entry.file) ?? [])].sort(compareStrings);
  for (const importer of importers) {
    const node = graph.nodeOf(importer);
    if (node === undefined) continue;
    const impact = computeFileImpact(node.facts, node.targets, {
      target: entry.file,
      symbol: entry.symbol,
      member: entry.member,
      isTypeOnly: entry.isTypeOnly,
      isRemoved: entry.isRemoved,
      isBodyOnly: entry.change === 'body' || entry.isValueOnly,
    });
    if (!impact.isUsed) continue;
    const depth = entry.depth + 1;
    const firstExport = [...impact.exports.keys()].sort(compareStrings)[0] ?? null;
    const record = recordAffected(affected, importer, depth, [...entry.chain, { file: importer, symbol: firstExport }], impact.isTypeOnly, impact.isBroken);
    const origin = entry.chain[0] as ChainLink;
    for (const [exported, state] of [...impact.exports].sort(([a], [b]) => compareStrings(a, b))) {
      if (!record.exports.includes(exported)) record.exports.push(exported);
      // A change passes on as it is through re-exports. An export that merely uses a removed
      // symbol is not removed itself: it is broken, which its users see as a changed signature.
      const change = entry.change === 'removed' && !state.isRemoved ? 'signature' : entry.change;
      const isAdditive = change === 'signature' && entry.isAdditive;
      const isMoreSerious = recordFlow(flows, importer, exported, change, state.member, origin, isAdditive);
      if (!markVisited(visited, importer, exported, state.member, state.isTypeOnly) && !isMoreSerious) continue;
      queue.push({
        change,
        isValueOnly: entry.isValueOnly,
        isAdditive,
        file: importer,
        symbol: exported,
        member: state.member,
        isTypeOnly: state.isTypeOnly,
        isRemoved: state.isRemoved,
        depth,
        chain: [...entry.chain, { file: importer, symbol: state.member === null ? exported : `${exported}.${state.member}` }],
      });
    }
  }
}

/**
 * Returns true when this (file, symbol, member) is new, or is now reached at runtime where
 * before only through types. A symbol reached whole covers every member of it.
 */
function markVisited(visited: Map<string, boolean>, file: string, symbol: string, member: string | null, isTypeOnly: boolean): boolean {
  const whole = visited.get(`${file}#${symbol}`);
  if (whole !== undefined && (!whole || isTypeOnly)) return false;
  const key = member === null ? `${file}#${symbol}` : `${file}#${symbol}.${member}`;
  const previous = visited.get(key);
  if (previous === undefined || (previous && !isTypeOnly)) {
    visited.set(key, isTypeOnly);
    return true;
  }
  return false;
}

function recordAffected(affected: Map<string, AffectedFile>, file: string, depth: number, chain: ChainLink[], isTypeOnly: boolean, isBroken: boolean): AffectedFile {
  const existing = affected.get(file);
  if (existing) {
    existing.typeOnly &&= isTypeOnly;
    existing.isBroken ||= isBroken;
    return existing;
  }
  const record: AffectedFile = {
    file,
    depth,
    via: chain,
    typeOnly: isTypeOnly,
    exports: [],
    isBroken,
  };
  affected.set(file, record);
  return record;
}

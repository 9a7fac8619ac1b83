import { compareStrings } from '../shared/compare.js';
import type { AffectedFile, ChainLink, ChainNode, ChangedSymbol, SymbolChange } from '../shared/types.js';
import { computeFileImpact, type ExportImpact, type IncomingChange } from './file-taint.js';
import type { ModuleGraph } from './module-graph.js';
import { ReachCounter } from './reach-counts.js';

interface QueueEntry {
  file: string;
  symbol: string;
  /** Only this member of the namespace-valued `symbol` changed (see IncomingChange). */
  member: string | null;
  isTypeOnly: boolean;
  isRemoved: boolean;
  depth: number;
  /** The last link of the chain that led here (links share their beginnings). */
  link: LinkNode;
  /** The kind of the change at the start of the chain. */
  change: SymbolChange;
  /** Only whether the symbol is a value changed (`export type *`): type positions see nothing. */
  isValueOnly: boolean;
  /** The signature change at the start of the chain is additive. */
  isAdditive: boolean;
}

/** A chain link in memory: chains are walked back through `parent`, never copied. */
interface LinkNode extends ChainLink {
  parent: LinkNode | null;
}

/** An affected file while walking: the report entry (without its chain index) and its last link. */
interface AffectedRecord {
  entry: Omit<AffectedFile, 'via'>;
  link: LinkNode;
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
  /** The links of the affected files' chains, shared; `AffectedFile.via` indexes into it. */
  chains: ChainNode[];
  /** Every (file, export) reached, sorted by file then name. */
  exportFlows: ExportFlow[];
  /** `file#name` of each changed symbol -> the affected files it reaches, by any path. */
  reaches: Map<string, number>;
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
  const affected = new Map<string, AffectedRecord>();
  const visited = new Map<string, boolean>(); // `file#symbol` -> reached as value (false) or type only (true)
  const flows = new Map<string, ExportFlow>();
  const queue: QueueEntry[] = [];
  const reachCounter = new ReachCounter();
  const sortedSymbols = [...changedSymbols].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.name, b.name));
  for (const symbol of sortedSymbols) reachCounter.addRoot(walkKey(symbol.file, symbol.name, null));

  for (const symbol of sortedSymbols) {
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
      link: { file: symbol.file, symbol: symbol.name, parent: null },
    });
  }

  // A file reached through many symbols (a barrel) is visited once per symbol: sort its importers once.
  const sortedImporters = new Map<string, ImporterOf[]>();
  const importersOf = (file: string): ImporterOf[] => {
    let sorted = sortedImporters.get(file);
    if (sorted === undefined) {
      const own = [...(graph.importers.get(file) ?? [])].map((importer): ImporterOf => [importer, file]);
      // A platform file (`Drawer.native.tsx`) is what React Native's bundler loads for the
      // specifier that TypeScript resolves to its base (`./Drawer` -> `Drawer.tsx`).
      const siblings = platformSiblingsOf(file, (path) => graph.importers.has(path));
      const throughSiblings = siblings.flatMap((sibling) => [...(graph.importers.get(sibling) ?? [])].filter((importer) => importer !== file).map((importer): ImporterOf => [importer, sibling]));
      sorted = [...own, ...throughSiblings].sort(([a, aTarget], [b, bTarget]) => compareStrings(a, b) || compareStrings(aTarget, bTarget));
      sortedImporters.set(file, sorted);
    }
    return sorted;
  };
  let index = 0;
  while (index < queue.length) {
    // Load the facts of everything the queued entries lead to in one batch, then walk them;
    // entries added meanwhile form the next batch, so the order stays breadth-first.
    const batchEnd = queue.length;
    const uses = new Map<string, Set<string>>();
    // Importers that may need what their declarations refer to, not only their imports (see computeFileImpact).
    const needsReferences = new Set<string>();
    for (let position = index; position < batchEnd; position++) {
      const entry = queue[position] as QueueEntry;
      const change = incomingChange(entry);
      for (const [importer] of importersOf(entry.file)) {
        const names = uses.get(importer);
        if (names === undefined) uses.set(importer, new Set([entry.symbol]));
        else names.add(entry.symbol);
        if (change.isBodyOnly || change.member !== null) needsReferences.add(importer);
      }
    }
    await graph.prepareUses(uses, needsReferences);
    for (; index < batchEnd; index++) visitImporters(queue[index] as QueueEntry, graph, { affected, visited, flows, importersOf, reachCounter }, queue);
  }

  for (const record of affected.values()) record.entry.exports.sort(compareStrings);
  const records = [...affected.values()].sort((a, b) => a.entry.depth - b.entry.depth || compareStrings(a.entry.file, b.entry.file));
  const chains: ChainNode[] = [];
  const indexes = new Map<LinkNode, number>();
  return {
    affectedFiles: records.map((record) => ({ ...record.entry, via: indexLink(record.link, indexes, chains) })),
    chains,
    exportFlows: [...flows.values()].sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.name, b.name)),
    reaches: new Map(reachCounter.counts().map((count, position) => [`${sortedSymbols[position]?.file}#${sortedSymbols[position]?.name}`, count])),
  };
}

/** An importer, and the file its import resolves to: the queued file, or its platform base. */
type ImporterOf = [importer: string, target: string];

/** Platform suffixes of React Native's bundler (Metro) and its out-of-tree platforms. */
const platforms = ['native', 'ios', 'android', 'web', 'windows', 'macos'];
const platformFile = new RegExp(`^(.+)\\.(?:${platforms.join('|')})(\\.[cm]?[jt]sx?)$`);
const moduleExtensions = ['.tsx', '.ts', '.jsx', '.js', '.d.ts'];

/**
 * The files an import that Metro resolves to a platform file (`Drawer.native.tsx`) may resolve
 * to in TypeScript, when some file imports them: the base (`Drawer.tsx`, `.ts`, `.jsx`, `.js`,
 * or a hand-written `Drawer.d.ts`), or, with `moduleSuffixes`, another platform's file
 * (`Drawer.ios.ts`). Empty for a file without a platform suffix.
 */
export function platformSiblingsOf(file: string, isImported: (path: string) => boolean): string[] {
  const match = platformFile.exec(file);
  if (match === null) return [];
  const stem = match[1] as string;
  const extensions = [match[2] as string, ...moduleExtensions.filter((extension) => extension !== match[2])];
  const candidates = [...extensions.map((extension) => `${stem}${extension}`), ...platforms.flatMap((platform) => extensions.map((extension) => `${stem}.${platform}${extension}`))];
  return [...new Set(candidates)].filter((path) => path !== file && isImported(path));
}

/** The key a (file, export, member) is walked under: the one markVisited records. */
function walkKey(file: string, symbol: string, member: string | null): string {
  return member === null ? `${file}#${symbol}` : `${file}#${symbol}.${member}`;
}

/** The index of `link` in `chains`, adding it and any of its ancestors not there yet (parents first). */
function indexLink(link: LinkNode, indexes: Map<LinkNode, number>, chains: ChainNode[]): number {
  const missing: LinkNode[] = [];
  for (let current: LinkNode | null = link; current !== null && !indexes.has(current); current = current.parent) missing.push(current);
  for (const node of missing.reverse()) {
    indexes.set(node, chains.length);
    chains.push({ file: node.file, symbol: node.symbol, parent: node.parent === null ? null : (indexes.get(node.parent) ?? null) });
  }
  return indexes.get(link) ?? -1;
}

interface WalkState {
  importersOf: (file: string) => ImporterOf[];
  affected: Map<string, AffectedRecord>;
  visited: Map<string, boolean>;
  flows: Map<string, ExportFlow>;
  reachCounter: ReachCounter;
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
  const { affected, visited, flows, reachCounter } = state;
  const from = walkKey(entry.file, entry.symbol, entry.member);
  const incoming = incomingChange(entry);
  for (const [importer, target] of state.importersOf(entry.file)) {
    // A file that cannot use the export (its text does not name it, nor import the module whole) was left unparsed.
    if (!graph.mayUse(importer, entry.symbol)) continue;
    const node = graph.nodeOf(importer);
    if (node === undefined) continue;
    const impact = computeFileImpact(node.facts, node.targets, target === entry.file ? incoming : { ...incoming, target }, !node.isImportOnly);
    if (!impact.isUsed) continue;
    reachCounter.addFile(from, importer);
    const depth = entry.depth + 1;
    const firstExport = [...impact.exports.keys()].sort(compareStrings)[0] ?? null;
    const importLine = findImportLine(node.facts.specifierLines, node.targets, target);
    const recordLink: LinkNode = { file: importer, symbol: firstExport, parent: entry.link };
    const record = recordAffected(affected, importer, depth, recordLink, { isTypeOnly: impact.isTypeOnly, isBroken: impact.isBroken, isContract: entry.change !== 'body', importLine });
    const origin = firstLink(entry.link);
    for (const [exported, state] of [...impact.exports].sort(([a], [b]) => compareStrings(a, b))) {
      if (!record.exports.includes(exported)) record.exports.push(exported);
      const change = passedOnChange(entry.change, state);
      const isAdditive = change === 'signature' && entry.isAdditive;
      const isMoreSerious = recordFlow(flows, importer, exported, change, state.member, origin, isAdditive);
      // Walked already (as the whole export, or this member): the changed symbols that reach
      // `entry` reach everything that walk reached too.
      const whole = visited.get(walkKey(importer, exported, null));
      reachCounter.addExport(from, whole !== undefined && (!whole || state.isTypeOnly) ? walkKey(importer, exported, null) : walkKey(importer, exported, state.member));
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
        // The same link as the file's own when it names the same export: chains share it.
        link: state.member === null && exported === firstExport ? recordLink : { file: importer, symbol: state.member === null ? exported : `${exported}.${state.member}`, parent: entry.link },
      });
    }
  }
}

/** What a queued change is to each importer of its file. */
function incomingChange(entry: QueueEntry): IncomingChange {
  return {
    target: entry.file,
    symbol: entry.symbol,
    member: entry.member,
    isTypeOnly: entry.isTypeOnly,
    isRemoved: entry.isRemoved,
    isBodyOnly: entry.change === 'body' || entry.isValueOnly,
  };
}

/**
 * The change an export of an importing file carries on. Through re-exports a change passes on
 * as it is. An export that merely uses a removed symbol is not removed itself: it is broken,
 * which its users see as a changed signature. A declaration that uses a new export changed
 * only its implementation: had its type changed too, its own text would have, and the diff
 * lists it as a changed symbol of its own.
 */
function passedOnChange(change: SymbolChange, state: ExportImpact): SymbolChange {
  if (change === 'removed' && !state.isRemoved) return 'signature';
  if (change === 'added' && !state.isForward) return 'body';
  return change;
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

/** The line of the first statement that imports `target` (through any specifier resolving to it). */
function findImportLine(lines: [string, number][], targets: Map<string, string>, target: string): number | null {
  let best: number | null = null;
  for (const [specifier, line] of lines) if (targets.get(specifier) === target && (best === null || line < best)) best = line;
  return best;
}

function firstLink(link: LinkNode): ChainLink {
  let current = link;
  while (current.parent !== null) current = current.parent;
  return { file: current.file, symbol: current.symbol };
}

interface Reach {
  isTypeOnly: boolean;
  isBroken: boolean;
  /** Reached by a removed export or a changed signature, not only by body changes. */
  isContract: boolean;
  importLine: number | null;
}

function recordAffected(affected: Map<string, AffectedRecord>, file: string, depth: number, link: LinkNode, reach: Reach): AffectedFile | Omit<AffectedFile, 'via'> {
  const existing = affected.get(file);
  if (existing) {
    const { entry } = existing;
    entry.typeOnly &&= reach.isTypeOnly;
    // The broken import is the one to point at.
    if (reach.isBroken && !entry.isBroken) entry.importLine = reach.importLine ?? entry.importLine;
    entry.isBroken ||= reach.isBroken;
    if (reach.isContract) entry.impact = 'contract';
    return entry;
  }
  const entry: Omit<AffectedFile, 'via'> = {
    file,
    depth,
    impact: reach.isContract ? 'contract' : 'behaviour',
    importLine: reach.importLine,
    typeOnly: reach.isTypeOnly,
    exports: [],
    isBroken: reach.isBroken,
  };
  affected.set(file, { entry, link });
  return entry;
}

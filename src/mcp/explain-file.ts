import type { ChainLink, RiskReport, SymbolChange, SymbolKind } from '../shared/types.js';
import { chainOf } from '../report/chains.js';

/** Why one file is in the blast radius (or that it is not), symbol by symbol. */
export interface FileExplanation {
  file: string;
  status: 'changed' | 'affected' | 'not-affected';
  /** Hops from the change (0 for a changed file, null when not affected). */
  depth: number | null;
  typeOnly: boolean;
  isBroken: boolean;
  /** The shortest chain from a changed export to this file; its first link is the changed export. */
  chain: ChainLink[];
  /** The chain in words, one step per hop. */
  steps: string[];
  /** The changed export the chain starts from (or the file's own changed exports), with why it counts as changed. */
  origins: { file: string; name: string; kind: SymbolKind; change: SymbolChange; reason: string }[];
  /** Exports of this file that carry the change on to its own importers. */
  carriesOn: string[];
}

/** Explains `file` (repo-relative) from the report: its chain from the change, or why it is not reached. */
export function explainFile(report: RiskReport, file: string): FileExplanation {
  const ownChanges = report.changedSymbols.filter((symbol) => symbol.file === file);
  const changedFile = report.changedFiles.find((changed) => changed.path === file || changed.oldPath === file);
  const affected = report.affectedFiles.find((candidate) => candidate.file === file);
  const pick = ({ file: origin, name, kind, change, reason }: (typeof ownChanges)[number]): FileExplanation['origins'][number] => ({ file: origin, name, kind, change, reason });
  if (affected !== undefined) {
    const chain = chainOf(report.chains, affected.via);
    const [first] = chain;
    const origins = report.changedSymbols.filter((symbol) => symbol.file === first?.file && symbol.name === first.symbol).map(pick);
    return {
      file,
      status: 'affected',
      depth: affected.depth,
      typeOnly: affected.typeOnly,
      isBroken: affected.isBroken,
      chain,
      steps: describeSteps(chain, affected.isBroken, affected.typeOnly),
      origins,
      carriesOn: affected.exports,
    };
  }
  if (changedFile !== undefined) {
    const steps = ownChanges.length === 0 ? [`${file} is ${changedFile.status}, but no export of it changed`] : ownChanges.map((symbol) => `${file}#${symbol.name} (${symbol.kind}) changed: ${symbol.change}, ${symbol.reason}`);
    return { file, status: 'changed', depth: 0, typeOnly: false, isBroken: false, chain: [], steps, origins: ownChanges.map(pick), carriesOn: [] };
  }
  return {
    file,
    status: 'not-affected',
    depth: null,
    typeOnly: false,
    isBroken: false,
    chain: [],
    steps: [`${file} does not use any changed export, directly or through other files (or it is not a source file of this repository)`],
    origins: [],
    carriesOn: [],
  };
}

function describeSteps(chain: ChainLink[], isBroken: boolean, typeOnly: boolean): string[] {
  const steps: string[] = [];
  for (let index = 1; index < chain.length; index++) {
    const from = chain[index - 1]!;
    const to = chain[index]!;
    const used = from.symbol === null ? from.file : `${from.file}#${from.symbol}`;
    steps.push(to.symbol === null ? `${to.file} imports ${used}` : `${to.file} uses ${used} in its export ${to.symbol}`);
  }
  if (isBroken) steps.push('the last file still imports something the change removed: it is broken');
  if (typeOnly) steps.push('every way it is reached is type-only: its runtime behaviour is unchanged, its types may not compile');
  return steps;
}

import { formatChain } from '../../src/report/format-chain.js';
import { chainOf } from '../../src/report/chains.js';
import type { AffectedFile, ChainLink, RiskReport } from '../../src/shared/types.js';

/** `kind file specifier` per unknown, sorted: compact to assert on (reasons are prose). */
export function unknownSummary(report: RiskReport): string[] {
  return report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier ?? '-'}`).sort();
}

/** The affected entry for one file; throws when the file is not affected. */
export function affectedEntry(report: RiskReport, file: string): AffectedFile {
  const entry = report.affectedFiles.find((candidate) => candidate.file === file);
  if (entry === undefined) throw new Error(`${file} is not affected; affected: ${report.affectedFiles.map((candidate) => candidate.file).join(', ')}`);
  return entry;
}

/** `file depth chain` per affected file, sorted by file. */
export function chainSummary(report: RiskReport): string[] {
  return report.affectedFiles.map((file) => `${file.file} ${file.depth} ${formatChain(chainOf(report.chains, file.via))}`).sort();
}

/** `file#name kind` per changed symbol, in report order. */
export function symbolKinds(report: RiskReport): string[] {
  return report.changedSymbols.map((symbol) => `${symbol.file}#${symbol.name} ${symbol.kind}`);
}

/** The shortest chain recorded for an affected file (empty when the file is not affected). */
export function chainTo(report: RiskReport, file: string): ChainLink[] {
  const entry = report.affectedFiles.find((candidate) => candidate.file === file);
  return entry === undefined ? [] : chainOf(report.chains, entry.via);
}

import { Chalk, type ChalkInstance } from 'chalk';
import type { AffectedFile, ChangedSymbol, RiskReport, Verdict } from '../shared/types.js';
import { compareStrings } from '../shared/compare.js';
import { formatChain } from './format-chain.js';
import { printable } from './printable.js';
import { describePolicySource } from './policy-source.js';
import { policyLines } from './text-policy.js';

export interface TextOptions {
  color: boolean;
}

const changeMarks: Record<ChangedSymbol['change'], string> = { added: '+', removed: '-', signature: '~', body: '.' };

/** The terminal report: what changed, who is affected and how, what is unknown, and the verdict. */
export function formatText(report: RiskReport, options: TextOptions = { color: false }): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  const range = printable(report.mode === 'range' ? `${report.base.ref} (merge-base ${report.base.sha.slice(0, 10)})..${report.head.ref}` : `${report.base.ref}..${report.head.ref}`);
  lines.push(paint.bold(`risk: blast radius of ${range}`));
  lines.push(
    `${report.summary.changedFiles} changed file(s), ${report.summary.changedSymbols} changed export(s), ` +
      `${report.summary.affectedFiles} affected file(s), max depth ${report.summary.maxDepth}, ${report.summary.unknowns} unknown(s)` +
      (report.summary.unknownsElsewhere > 0 ? ` (+${report.summary.unknownsElsewhere} elsewhere, not counted)` : ''),
  );
  lines.push('');
  lines.push(...changedSymbolLines(report.changedSymbols, paint));
  lines.push(...affectedLines(report.affectedFiles, paint));
  lines.push(...unknownLines(report, paint));
  lines.push(...elsewhereLines(report, paint));
  lines.push(...ignoredLines(report, paint));
  if (report.skipped.length > 0) {
    lines.push(paint.bold(`Not analysed (${report.skipped.length}): git submodules`), ...report.skipped.map((path) => `  ${printable(path)}`), '');
  }
  if (report.affectedTests.length > 0) {
    lines.push(paint.bold(`Affected tests (${report.affectedTests.length})`), ...report.affectedTests.map((path) => `  ${printable(path)}`), '');
  }
  lines.push(...policyLines(report, paint));
  lines.push(...verdictLines(report, paint));
  return `${lines.join('\n')}\n`;
}

function changedSymbolLines(symbols: ChangedSymbol[], paint: ChalkInstance): string[] {
  if (symbols.length === 0) return ['No exported symbol changed.', ''];
  const lines = [paint.bold(`Changed exports (${symbols.length})`)];
  let currentFile = '';
  for (const symbol of symbols) {
    if (symbol.file !== currentFile) {
      currentFile = symbol.file;
      lines.push(`  ${paint.cyan(printable(symbol.file))}`);
    }
    lines.push(`    ${changeMarks[symbol.change]} ${printable(symbol.name)}  ${paint.dim(`${symbol.kind}, ${symbol.change}: ${printable(symbol.reason)}`)}`);
  }
  lines.push(paint.dim('  (+ added, - removed, ~ signature changed, . body only)'), '');
  return lines;
}

function affectedLines(files: AffectedFile[], paint: ChalkInstance): string[] {
  if (files.length === 0) return ['No other file is affected.', ''];
  const lines = [paint.bold(`Affected files (${files.length})`)];
  let depth = 0;
  for (const file of files) {
    if (file.depth !== depth) {
      depth = file.depth;
      lines.push(`  depth ${depth}`);
    }
    const notes = [file.isBroken ? paint.red('BROKEN: uses a removed export') : '', file.typeOnly ? 'types only' : ''].filter(Boolean);
    lines.push(`    ${printable(file.file)}${notes.length > 0 ? `  (${notes.join(', ')})` : ''}`);
    lines.push(`      ${paint.dim(printable(formatChain(file.via)))}`);
  }
  lines.push('');
  return lines;
}

function unknownLines(report: RiskReport, paint: ChalkInstance): string[] {
  if (report.unknowns.length === 0) return [];
  const lines = [paint.bold(paint.yellow(`Unknown (${report.unknowns.length}): the analysis could not see through these`))];
  for (const unknown of report.unknowns) {
    const specifier = unknown.specifier === null ? '' : ` ${JSON.stringify(unknown.specifier)}`;
    lines.push(`  ${printable(unknown.file)}${specifier}: ${unknown.kind}, ${printable(unknown.reason)}`);
  }
  lines.push('');
  return lines;
}

/** How many unknowns elsewhere the text report spells out; JSON lists them all. */
const elsewhereShown = 10;

function elsewhereLines(report: RiskReport, paint: ChalkInstance): string[] {
  const elsewhere = report.unknownsElsewhere;
  if (elsewhere.length === 0) return [];
  const byKind = new Map<string, number>();
  for (const unknown of elsewhere) byKind.set(unknown.kind, (byKind.get(unknown.kind) ?? 0) + 1);
  const kinds = [...byKind].sort(([a], [b]) => compareStrings(a, b)).map(([kind, count]) => `${count} ${kind}`).join(', ');
  const lines = [paint.bold(`Elsewhere in the repository (${elsewhere.length}): unknowns that cannot hide part of this change, not counted (${kinds})`)];
  for (const unknown of elsewhere.slice(0, elsewhereShown)) {
    const specifier = unknown.specifier === null ? '' : ` ${JSON.stringify(unknown.specifier)}`;
    lines.push(paint.dim(`  ${printable(unknown.file)}${specifier}: ${unknown.kind}`));
  }
  if (elsewhere.length > elsewhereShown) lines.push(paint.dim(`  ... and ${elsewhere.length - elsewhereShown} more (--format json lists them all)`));
  lines.push('');
  return lines;
}

function ignoredLines(report: RiskReport, paint: ChalkInstance): string[] {
  if (report.ignoredChanges.length === 0) return [];
  const lines = [paint.bold(paint.yellow(`Ignored changes (${report.ignoredChanges.length}): they match \`ignore\` in the config and were not analysed`))];
  for (const file of report.ignoredChanges) lines.push(`  ${printable(file)}`);
  lines.push('');
  return lines;
}

function verdictLines(report: RiskReport, paint: ChalkInstance): string[] {
  const colors: Record<Verdict, (text: string) => string> = { pass: paint.green, warn: paint.yellow, fail: paint.red };
  const lines = [colors[report.verdict](paint.bold(`Verdict: ${report.verdict.toUpperCase()}`)) + ` (${report.decidedBy})`];
  for (const violation of report.violations) {
    lines.push(`  ${violation.severity === 'fail' ? paint.red('fail') : paint.yellow('warn')}  ${violation.rule}: ${violation.message}`);
  }
  const tsconfigs = report.tsconfigs.length <= 3 ? report.tsconfigs.join(', ') : `${report.tsconfigs.length} files, the owning one per file`;
  lines.push(paint.dim(printable(`${describePolicySource(report)}; tsconfig: ${tsconfigs || 'none'}`)));
  return lines;
}

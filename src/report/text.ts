import { Chalk, type ChalkInstance } from 'chalk';
import type { ChangedSymbol, RiskReport } from '../shared/types.js';
import { compareStrings } from '../shared/compare.js';
import { countChangedExports } from '../shared/changed-export-count.js';
import { formatChain } from './format-chain.js';
import { printable } from './printable.js';
import { describePolicySource } from './policy-source.js';
import { policyLines } from './text-policy.js';
import { overviewLines } from './text-overview.js';

export interface TextOptions {
  color: boolean;
  /** Print every list in full after the overview (changed exports, affected files, unknowns, policy details). */
  verbose?: boolean;
}

const changeMarks: Record<ChangedSymbol['change'], string> = { added: '+', removed: '-', signature: '~', body: '.' };

/**
 * The terminal report. It opens with the bounded overview (verdict, deciding reasons, counts,
 * the few files to look at first), which is all of it by default: about 60 lines whatever the
 * change. With `verbose`, every list follows in full, each affected file once with the link
 * it is reached through, so the output grows with the number of files, not the depth.
 */
export function formatText(report: RiskReport, options: TextOptions = { color: false }): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const lines = overviewLines(report, paint);
  if (options.verbose === true) {
    lines.push(paint.bold('Full report'), '');
    lines.push(...changedSymbolLines(report.changedSymbols, paint));
    lines.push(...affectedLines(report, paint));
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
    lines.push(...violationLines(report, paint));
  }
  lines.push(footerLine(report, paint));
  return `${lines.join('\n')}\n`;
}

function changedSymbolLines(symbols: ChangedSymbol[], paint: ChalkInstance): string[] {
  if (symbols.length === 0) return ['No exported symbol changed.', ''];
  const lines = [paint.bold(`Changed exports (${countChangedExports(symbols)})`)];
  let currentFile = '';
  for (const symbol of symbols) {
    if (symbol.file !== currentFile) {
      currentFile = symbol.file;
      lines.push(`  ${paint.cyan(printable(symbol.file))}`);
    }
    const member = symbol.memberOf === undefined ? '' : `, member of ${printable(symbol.memberOf)}`;
    lines.push(`    ${changeMarks[symbol.change]} ${printable(symbol.name)}  ${paint.dim(`${symbol.kind}${member}, ${symbol.change}: ${printable(symbol.reason)}`)}`);
  }
  lines.push(paint.dim('  (+ added, - removed, ~ signature changed, . body only)'), '');
  return lines;
}

function affectedLines(report: RiskReport, paint: ChalkInstance): string[] {
  const files = report.affectedFiles;
  if (files.length === 0) return ['No other file is affected.', ''];
  const lines = [paint.bold(`Affected files (${files.length}), each with the link it is reached through`)];
  let depth = 0;
  for (const file of files) {
    if (file.depth !== depth) {
      depth = file.depth;
      lines.push(`  depth ${depth}`);
    }
    const notes = [file.isBroken ? paint.red('BROKEN: uses a removed export') : '', file.impact, file.typeOnly ? 'types only' : ''].filter(Boolean);
    const link = report.chains[file.via];
    const from = link?.parent === null || link?.parent === undefined ? undefined : report.chains[link.parent];
    const where = file.importLine === null ? file.file : `${file.file}:${file.importLine}`;
    lines.push(`    ${printable(where)}  (${notes.join(', ')})  ${paint.dim(printable(`<- ${from === undefined ? '?' : formatChain([from])}`))}`);
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
  const lines = [paint.bold(paint.yellow(`Ignored changes (${report.ignoredChanges.length}): they match \`ignore\` in the config or are vendored (node_modules) and were not analysed`))];
  for (const file of report.ignoredChanges) lines.push(`  ${printable(file)}`);
  lines.push('');
  return lines;
}

function violationLines(report: RiskReport, paint: ChalkInstance): string[] {
  if (report.violations.length === 0) return [];
  const lines = [paint.bold(`Violations (${report.violations.length})`)];
  for (const violation of report.violations) {
    lines.push(`  ${violation.severity === 'fail' ? paint.red('fail') : paint.yellow('warn')}  ${printable(`${violation.rule}: ${violation.message}`)}`);
  }
  lines.push('');
  return lines;
}

function footerLine(report: RiskReport, paint: ChalkInstance): string {
  const tsconfigs = report.tsconfigs.length <= 3 ? report.tsconfigs.join(', ') : `${report.tsconfigs.length} files, the owning one per file`;
  return paint.dim(printable(`${describePolicySource(report)}; tsconfig: ${tsconfigs || 'none'}`));
}

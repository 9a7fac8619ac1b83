import type { ChalkInstance } from 'chalk';
import type { ChainLink, RiskReport, SymbolChange, Verdict } from '../shared/types.js';
import { formatChain } from './format-chain.js';
import { printable } from './printable.js';
import { describeOmitted, summarizeReport, type Bounded, type ReportOverview, type TopFile } from './summary.js';

/** Text-report limits: with them the overview stays under about 60 lines whatever the change. */
export const textLimits = { reasons: 5, exportsPerKind: 2, packages: 4, entryPointsPerPackage: 3, topFiles: 8, tests: 5, owners: 4, unknowns: 3 };

const changeMarks: Record<SymbolChange, string> = { added: '+', removed: '-', signature: '~', body: '.' };

/**
 * The summary that opens the terminal report (and is all of it without --verbose): verdict
 * and deciding reasons, counts, changed exports by kind, packages, the files to look at first,
 * tests and owners. Every list is bounded and says what it left out.
 */
export function overviewLines(report: RiskReport, paint: ChalkInstance): string[] {
  const overview = summarizeReport(report, textLimits);
  const lines: string[] = [];
  const colors: Record<Verdict, (text: string) => string> = { pass: paint.green, warn: paint.yellow, fail: paint.red };
  lines.push(`${colors[report.verdict](paint.bold(`risk: ${report.verdict.toUpperCase()}`))}  ${printable(describeRange(report))}`);
  for (const reason of overview.reasons.items) {
    lines.push(`  ${reason.severity === 'fail' ? paint.red('fail') : paint.yellow('warn')}  ${printable(`${reason.rule}: ${reason.message}`)}`);
  }
  pushOmitted(lines, overview.reasons);
  if (overview.reasons.total === 0) lines.push(`  ${printable(report.decidedBy)}`);
  lines.push(countsLine(overview), '');
  lines.push(...changedExportLines(overview, paint));
  lines.push(...packageLines(overview, paint));
  lines.push(...topFileLines(overview, paint));
  if (overview.tests.total > 0) {
    lines.push(paint.bold(`Affected tests (${overview.tests.total})`), ...overview.tests.items.map((test) => `  ${printable(test)}`));
    pushOmitted(lines, overview.tests);
    lines.push('');
  }
  if (overview.owners.total > 0) {
    const owners = overview.owners.items.map((owner) => `${owner.owner} (${owner.files})`).join(', ');
    lines.push(`${paint.bold('Ask:')} ${printable(owners)}${overview.owners.omitted > 0 ? ` and ${overview.owners.omitted} more` : ''}`, '');
  }
  const also = alsoNotes(report);
  if (also !== '') lines.push(paint.dim(`Also: ${also} (--verbose)`), '');
  if (overview.unknowns.total > 0) {
    lines.push(paint.bold(paint.yellow(`Unknown (${overview.unknowns.total}): the analysis could not see through these`)));
    for (const unknown of overview.unknowns.items) lines.push(`  ${printable(`${unknown.file}${unknown.specifier === null ? '' : ` ${JSON.stringify(unknown.specifier)}`}: ${unknown.kind}`)}`);
    pushOmitted(lines, overview.unknowns);
    lines.push('');
  }
  return lines;
}

/** The policy details the overview leaves out, counted on one line: `3 untested file(s), provenance ai-assisted`. */
function alsoNotes(report: RiskReport): string {
  const notes = [
    report.publicApi.length > 0 ? `${report.publicApi.length} public API change(s)` : '',
    report.critical.length > 0 ? `${report.critical.length} critical-path file(s)` : '',
    report.nonCode.length > 0 ? `${report.nonCode.length} non-code change(s)` : '',
    report.untested.length > 0 ? `${report.untested.length} untested file(s)` : '',
    report.provenance.state === 'ai-assisted' ? 'provenance ai-assisted' : '',
    report.owners.skipped.length > 0 ? `${report.owners.skipped.length} CODEOWNERS line(s) skipped` : '',
    report.ignoredChanges.length > 0 ? `${report.ignoredChanges.length} ignored change(s) (they match \`ignore\` in the config or are vendored (node_modules) and were not analysed)` : '',
  ];
  return notes.filter(Boolean).join(', ');
}

export function describeRange(report: RiskReport): string {
  return report.mode === 'range' ? `${report.base.ref} (merge-base ${report.base.sha.slice(0, 10)})..${report.head.ref}` : `${report.base.ref}..${report.head.ref}`;
}

function countsLine(overview: ReportOverview): string {
  const { counts } = overview;
  const split = counts.affectedFiles === 0 ? '' : ` (${counts.contractAffectedFiles} contract, ${counts.behaviourAffectedFiles} behaviour only)`;
  return (
    `${counts.changedFiles} changed file(s), ${counts.changedExports} changed export(s), ${counts.affectedFiles} affected file(s)${split}, ` +
    `max depth ${counts.maxDepth}, ${counts.unknowns} unknown(s)${counts.unknownsElsewhere > 0 ? ` (+${counts.unknownsElsewhere} elsewhere, not counted)` : ''}, ${counts.affectedTests} affected test(s)`
  );
}

function changedExportLines(overview: ReportOverview, paint: ChalkInstance): string[] {
  if (overview.counts.changedExports === 0) return ['No exported symbol changed.', ''];
  const lines = [paint.bold(`Changed exports (${overview.counts.changedExports})`)];
  for (const [change, list] of Object.entries(overview.changedExports) as [SymbolChange, Bounded<{ file: string; name: string; reaches: number }>][]) {
    for (const item of list.items) lines.push(`  ${changeMarks[change]} ${change.padEnd(9)} ${printable(`${item.file}#${item.name}`)}  ${paint.dim(`reaches ${item.reaches} file(s)`)}`);
    if (list.omitted > 0) lines.push(`  ${paint.dim(`... and ${list.omitted} more ${change} export(s)`)}`);
  }
  lines.push('');
  return lines;
}

function packageLines(overview: ReportOverview, paint: ChalkInstance): string[] {
  if (overview.packages.total <= 1 && overview.packages.items.every((row) => row.entryPoints.total === 0)) return [];
  const lines = [paint.bold(`Packages (${overview.packages.total})`)];
  for (const row of overview.packages.items) {
    const entries = row.entryPoints.total === 0 ? '' : `; public API: ${row.entryPoints.items.join(', ')}${row.entryPoints.omitted > 0 ? ` and ${row.entryPoints.omitted} more` : ''}`;
    lines.push(`  ${printable(row.name)}: ${row.changedFiles} changed, ${row.affectedFiles} affected (${row.contractAffectedFiles} contract)${printable(entries)}`);
  }
  pushOmitted(lines, overview.packages);
  lines.push('');
  return lines;
}

function topFileLines(overview: ReportOverview, paint: ChalkInstance): string[] {
  if (overview.topFiles.total === 0) return ['No other file is affected.', ''];
  const lines = [paint.bold(`Look at first (${overview.topFiles.items.length} of ${overview.topFiles.total} affected)`)];
  for (const file of overview.topFiles.items) lines.push(`  ${printable(describeTopFile(file))}`);
  pushOmitted(lines, overview.topFiles);
  lines.push('');
  return lines;
}

/** `src/app.ts:3  broken, contract, depth 1  via src/lib/util.ts#old -> #main` */
export function describeTopFile(file: TopFile): string {
  const notes = [file.reason === 'broken' ? 'BROKEN' : file.reason === 'critical-path' ? `critical path (${file.tier ?? ''})` : file.reason === 'entry-point' ? 'public entry point' : '', file.impact, `depth ${file.depth}`].filter(Boolean);
  const where = file.importLine === null ? file.file : `${file.file}:${file.importLine}`;
  return `${where}  ${notes.join(', ')}  via ${describeChain(file.chain, file.hiddenLinks, file.file)}`;
}

/**
 * A shortened chain: the hidden middle links are counted, not listed. With `subject` (the file
 * the line is about, already named at its start), that file's own last link shows only the
 * export it passes the change on to (`-> #main`), so a line stays within a terminal's width.
 */
export function describeChain(chain: ChainLink[], hiddenLinks: number, subject?: string): string {
  const last = chain[chain.length - 1];
  const ownLink = subject !== undefined && chain.length > 1 && last?.file === subject ? last : undefined;
  const shown = ownLink === undefined ? chain : chain.slice(0, -1);
  const own = ownLink === undefined || ownLink.symbol === null ? '' : ` -> #${ownLink.symbol}`;
  if (hiddenLinks === 0) return `${formatChain(shown)}${own}`;
  const [first, ...rest] = shown;
  return `${formatChain(first === undefined ? [] : [first])} -> (${hiddenLinks} more)${rest.length > 0 ? ` -> ${formatChain(rest)}` : ''}${own}`;
}

function pushOmitted(lines: string[], list: Bounded<unknown>): void {
  const note = describeOmitted(list);
  if (note !== '') lines.push(`  ${note}`);
}

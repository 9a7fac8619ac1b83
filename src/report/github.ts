import { printable } from './printable.js';
import { chainOf } from './chains.js';
import type { ChangedSymbol, RiskReport } from '../shared/types.js';
import { describeChain } from './text-overview.js';
import { countReaches, moreHint, rankAffectedFiles, shortenChain, summarizeReport } from './summary.js';

type CommandName = 'error' | 'warning' | 'notice';

interface CommandProperties {
  file?: string;
  line?: number | null;
  title: string;
}

/** Most annotations of each kind (broken imports, changed exports, unknowns, policy errors, policy warnings). */
export const maxAnnotationsPerKind = 10;

/**
 * GitHub Actions workflow commands, one per line, which the runner turns into annotations:
 * `::error` on the import line of each broken importer and for failing policy rules,
 * `::warning` on the changed lines of changed exports, on unknowns in changed files and for
 * warning policy rules; at most `maxAnnotationsPerKind` of each kind, so unrelated files are not
 * flooded. A closing `::notice` gives the verdict, the deciding reasons and what was left out.
 * Data is escaped per the workflow-command rules, so a file name cannot end a command early or
 * start another one.
 */
export function formatGithub(report: RiskReport): string {
  const overview = summarizeReport(report);
  const reaches = countReaches(report);
  const changedPaths = new Set(report.changedFiles.map((file) => file.path));
  const kinds: { label: string; lines: string[] }[] = [];
  const add = (label: string, lines: string[]): void => {
    kinds.push({ label, lines });
  };
  add(
    'broken import(s)',
    rankAffectedFiles(report)
      .filter((file) => file.isBroken)
      .map((file) => {
        const { chain, hiddenLinks } = shortenChain(chainOf(report.chains, file.via));
        return command('error', { file: file.file, line: file.importLine, title: 'risk: broken import' }, `uses an export or file that no longer exists: ${describeChain(chain, hiddenLinks)}`);
      }),
  );
  add(
    'failing rule(s)',
    overview.reasons.items.filter((reason) => reason.severity === 'fail').map((reason) => command('error', { title: `risk policy: ${reason.rule}` }, reason.message)),
  );
  add(
    'changed export(s)',
    [...report.changedSymbols]
      .sort((a, b) => (reaches.get(`${b.file}#${b.name}`) ?? 0) - (reaches.get(`${a.file}#${a.name}`) ?? 0))
      .flatMap((symbol) => {
        // A removed symbol's line is in the base version: point at the file only.
        const line = symbol.change === 'removed' ? null : changedLineOf(report, symbol);
        if (symbol.change !== 'removed' && line === null) return [];
        const message = `${symbol.name} (${symbol.kind}) ${symbol.change}: ${symbol.reason}; reaches ${reaches.get(`${symbol.file}#${symbol.name}`) ?? 0} affected file(s)`;
        return [command('warning', { file: symbol.file, line, title: `risk: changed export ${symbol.name}` }, message)];
      }),
  );
  add(
    'unknown(s) in changed files',
    report.unknowns
      .filter((unknown) => changedPaths.has(unknown.file))
      .map((unknown) => {
        const specifier = unknown.specifier === null ? '' : ` ${JSON.stringify(unknown.specifier)}`;
        return command('warning', { file: unknown.file, title: `risk: unknown (${unknown.kind})` }, `could not analyse${specifier}: ${unknown.reason}`);
      }),
  );
  add(
    'warning rule(s)',
    report.violations.filter((violation) => violation.severity === 'warn').map((violation) => command('warning', { title: `risk policy: ${violation.rule}` }, violation.message)),
  );
  const lines = kinds.flatMap((kind) => kind.lines.slice(0, maxAnnotationsPerKind));
  const left = kinds.filter((kind) => kind.lines.length > maxAnnotationsPerKind).map((kind) => `${kind.lines.length - maxAnnotationsPerKind} more ${kind.label}`);
  const { counts } = overview;
  const summaryText =
    `${report.decidedBy}. ${counts.changedExports} changed export(s) in ${counts.changedFiles} file(s), ${counts.affectedFiles} affected file(s) ` +
    `(${counts.contractAffectedFiles} contract, ${counts.behaviourAffectedFiles} behaviour only), max depth ${counts.maxDepth}, ${counts.unknowns} unknown(s)` +
    (left.length > 0 ? `; not annotated: ${left.join(', ')} ${moreHint}` : '');
  lines.push(command('notice', { title: `risk: ${report.verdict.toUpperCase()}` }, summaryText));
  return `${lines.join('\n')}\n`;
}

/**
 * Where to annotate a changed export: its declaration line when that line changed, else the
 * first changed line after it (before the next changed declaration of the file); null when no
 * changed line belongs to it (an annotation off the diff would land on unrelated code).
 */
function changedLineOf(report: RiskReport, symbol: ChangedSymbol): number | null {
  if (symbol.line === null) return null;
  const declaration = symbol.line;
  const file = report.changedFiles.find((candidate) => candidate.path === symbol.file);
  if (file === undefined) return null;
  const next = report.changedSymbols.filter((other) => other.file === symbol.file && other.line !== null && other.line > declaration).reduce((min, other) => Math.min(min, other.line ?? min), Number.POSITIVE_INFINITY);
  for (const range of file.newRanges) {
    const end = range.start + Math.max(range.count, 1) - 1;
    if (range.count > 0 && declaration >= range.start && declaration <= end) return declaration;
    if (range.count > 0 && range.start > declaration && range.start < next) return range.start;
  }
  return null;
}

function command(name: CommandName, properties: CommandProperties, message: string): string {
  const pairs: string[] = [];
  if (properties.file !== undefined) pairs.push(`file=${escapeProperty(properties.file)}`);
  if (properties.line !== undefined && properties.line !== null) pairs.push(`line=${properties.line}`);
  pairs.push(`title=${escapeProperty(properties.title)}`);
  return `::${name} ${pairs.join(',')}::${escapeData(message)}`;
}

/** Workflow-command message escaping: `%`, CR and LF. */
export function escapeData(text: string): string {
  const escaped = text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  // Other control characters would reach the log viewer raw.
  return printable(escaped);
}

/** Workflow-command property escaping: the message rules plus `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

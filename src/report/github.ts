import { printable } from './printable.js';
import type { RiskReport } from '../shared/types.js';
import { formatChain } from './format-chain.js';

type CommandName = 'error' | 'warning' | 'notice';

interface CommandProperties {
  file?: string;
  line?: number | null;
  title: string;
}

/**
 * GitHub Actions workflow commands, one per line, which the runner turns into annotations:
 * `::error` for broken imports and failing policy rules, `::warning` for changed exports (at
 * their declaration line), unknowns and warning policy rules, and a closing `::notice` with the
 * summary. Data is escaped per the workflow-command rules, so a file name cannot end a command
 * early or start another one.
 */
export function formatGithub(report: RiskReport): string {
  const lines: string[] = [];
  for (const file of report.affectedFiles.filter((candidate) => candidate.isBroken)) {
    lines.push(command('error', { file: file.file, title: 'risk: broken import' }, `uses an export or file that no longer exists: ${formatChain(file.via)}`));
  }
  for (const violation of report.violations.filter((candidate) => candidate.severity === 'fail')) {
    lines.push(command('error', { title: `risk policy: ${violation.rule}` }, violation.message));
  }
  for (const symbol of report.changedSymbols) {
    const reached = report.affectedFiles.filter((file) => file.via[0]?.file === symbol.file && file.via[0]?.symbol === symbol.name).length;
    // A removed symbol's line is in the base version, so it would point at the wrong code.
    const line = symbol.change === 'removed' ? null : symbol.line;
    const message = `${symbol.name} (${symbol.kind}) ${symbol.change}: ${symbol.reason}; reaches ${reached} affected file(s)`;
    lines.push(command('warning', { file: symbol.file, line, title: `risk: changed export ${symbol.name}` }, message));
  }
  for (const unknown of report.unknowns) {
    const specifier = unknown.specifier === null ? '' : ` ${JSON.stringify(unknown.specifier)}`;
    lines.push(command('warning', { file: unknown.file, title: `risk: unknown (${unknown.kind})` }, `could not analyse${specifier}: ${unknown.reason}`));
  }
  for (const violation of report.violations.filter((candidate) => candidate.severity === 'warn')) {
    lines.push(command('warning', { title: `risk policy: ${violation.rule}` }, violation.message));
  }
  const { summary } = report;
  const summaryText =
    `${summary.changedSymbols} changed export(s) in ${summary.changedFiles} file(s), ${summary.affectedFiles} affected file(s), ` +
    `max depth ${summary.maxDepth}, ${summary.unknowns} unknown(s); ${report.decidedBy}`;
  lines.push(command('notice', { title: `risk: ${report.verdict.toUpperCase()}` }, summaryText));
  return `${lines.join('\n')}\n`;
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

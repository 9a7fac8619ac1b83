import type { RiskReport } from '../shared/types.js';
import { formatGithub } from './github.js';
import { formatJson, toJsonReport } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export interface FormatOptions {
  /** Colour output; only the text format uses it. */
  color: boolean;
  /** The text format prints every list in full after the overview. */
  verbose?: boolean;
}

/** Every output format, by the name `--format` takes. */
export const formatters = {
  text: (report: RiskReport, options: FormatOptions) => formatText(report, options),
  json: (report: RiskReport) => formatJson(report),
  markdown: (report: RiskReport) => formatMarkdown(report),
  sarif: (report: RiskReport) => formatSarif(report),
  github: (report: RiskReport) => formatGithub(report),
} satisfies Record<string, (report: RiskReport, options: FormatOptions) => string>;

export type FormatName = keyof typeof formatters;

export const formatNames = Object.keys(formatters) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}

/**
 * Several reports (one per pushed ref) in one output: a JSON array, one SARIF log with a
 * run per report, or the documents one after another for the human formats.
 */
export function formatReports(format: FormatName, reports: RiskReport[], options: FormatOptions): string {
  const [only] = reports;
  if (reports.length === 1 && only !== undefined) return formatters[format](only, options);
  if (format === 'json') return `${JSON.stringify(reports.map(toJsonReport), null, 2)}\n`;
  if (format === 'sarif') {
    const logs = reports.map((report) => JSON.parse(formatSarif(report)) as { runs: unknown[] });
    const [first] = logs;
    if (first === undefined) return '';
    return `${JSON.stringify({ ...first, runs: logs.flatMap((log) => log.runs) }, null, 2)}\n`;
  }
  return reports.map((report) => formatters[format](report, options)).join('\n');
}

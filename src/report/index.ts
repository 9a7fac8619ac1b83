import type { RiskReport } from '../types.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export interface FormatOptions {
  /** Colour output; only the text format uses it. */
  color: boolean;
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

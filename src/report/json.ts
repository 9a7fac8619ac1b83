import type { RiskReport } from '../shared/types.js';
import { summarizeReport, type ReportOverview } from './summary.js';

/** The JSON document: the report with its bounded overview right after `version`. */
export type JsonReport = { version: RiskReport['version']; overview: ReportOverview } & Omit<RiskReport, 'version'>;

/**
 * The machine format. Shape: `RiskReport` in src/shared/types.ts plus `overview` (see
 * src/report/summary.ts), versioned by its `version` field; keys come out in a fixed order and
 * arrays are sorted, so equal input gives equal bytes. Chains are shared through `chains`, so
 * the size grows with the number of files, not with the depth of the graph.
 */
export function formatJson(report: RiskReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}

export function toJsonReport(report: RiskReport): JsonReport {
  const { version, ...rest } = report;
  return { version, overview: summarizeReport(report), ...rest };
}

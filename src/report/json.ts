import type { RiskReport } from '../shared/types.js';

/**
 * The machine format. Shape: `RiskReport` in src/types.ts, versioned by its `version` field;
 * keys come out in a fixed order and arrays are sorted, so equal input gives equal bytes.
 */
export function formatJson(report: RiskReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

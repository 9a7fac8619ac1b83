import type { RiskReport } from '../shared/types.js';

/** Where the policy came from, for the last line of the report. */
export function describePolicySource(report: RiskReport): string {
  const file = report.config ?? 'built-in defaults';
  const origin = { 'base-commit': `from the base commit ${report.policy.commit?.slice(0, 10) ?? ''}`, 'working-tree': 'from the working tree', override: 'local --config override', defaults: 'no config file' }[report.policy.origin];
  const baseline = report.baseline.file === null ? '' : `; baseline ${report.baseline.file} (${report.baseline.suppressed} finding(s) accepted)`;
  return `policy: ${file} (${origin})${baseline}`;
}

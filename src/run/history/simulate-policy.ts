import type { RiskConfig } from '../../config/schema.js';
import { signalNames, tiers } from '../../config/signal-names.js';
import { decideVerdict, findViolations } from '../../policy/evaluate.js';
import type { SignalValues } from '../../signals/compute-signals.js';
import type { Verdict } from '../../shared/types.js';

/** How often one rule (or threshold) fired over the replayed commits, as shares (0-1). */
export interface RuleShare {
  rule: string;
  warn: number;
  fail: number;
}

export interface PolicySimulation {
  commits: number;
  rules: RuleShare[];
  verdicts: Record<Verdict, number>;
}

/**
 * Applies a policy to the replayed commits' signals, as a run at each commit would have (without
 * sign-offs and baselines, which history does not record): how often each rule fired and each
 * verdict came out.
 */
export function simulatePolicy(rows: Record<string, number>[], config: RiskConfig): PolicySimulation {
  const fired = new Map<string, { warn: number; fail: number }>();
  const verdicts: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0 };
  for (const row of rows) {
    const violations = findViolations(toSignalValues(row), config);
    for (const violation of violations) {
      const counts = fired.get(violation.rule) ?? { warn: 0, fail: 0 };
      counts[violation.severity]++;
      fired.set(violation.rule, counts);
    }
    verdicts[decideVerdict(violations, { approvedBy: [], approvals: [], headSha: null, approvers: [] }).verdict]++;
  }
  const total = Math.max(rows.length, 1);
  const rules = [...fired].map(([rule, counts]) => ({ rule, warn: counts.warn / total, fail: counts.fail / total })).sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return { commits: rows.length, rules, verdicts: { pass: verdicts.pass / total, warn: verdicts.warn / total, fail: verdicts.fail / total } };
}

/** Back from the stored numbers to the signals' own types (provenance is known only as AI-assisted or not). */
function toSignalValues(row: Record<string, number>): SignalValues {
  const values: Record<string, number | string | boolean> = {};
  for (const name of signalNames) {
    if (name === 'provenance') values[name] = row.aiAssisted === 1 ? 'ai-assisted' : 'unknown';
    else if (name === 'criticalTier') values[name] = tiers[(row.criticalTier ?? 0) - 1] ?? 'none';
    else if (name === 'policyChanged') values[name] = row.policyChanged === 1;
    else values[name] = row[name] ?? 0;
  }
  return values as SignalValues;
}

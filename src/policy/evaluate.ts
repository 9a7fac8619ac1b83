import type { RiskConfig, ThresholdLevels } from '../config/schema.js';
import type { Verdict, Violation } from '../types.js';

/** The measured facts the policy judges. */
export interface PolicyInput {
  affectedFiles: number;
  changedSymbols: number;
  maxDepth: number;
  unknowns: number;
  brokenImporters: number;
}

export interface PolicyResult {
  verdict: Verdict;
  decidedBy: string;
  violations: Violation[];
}

const thresholdLabels = {
  maxAffectedFiles: ['affected files', (input: PolicyInput) => input.affectedFiles],
  maxChangedSymbols: ['changed exported symbols', (input: PolicyInput) => input.changedSymbols],
  maxDepth: ['import chain depth', (input: PolicyInput) => input.maxDepth],
} as const;

/**
 * Stage 4: the verdict. Each threshold can warn or fail; unknowns are never ignored (they
 * at least warn), so the tool cannot say "pass" about something it could not analyse.
 */
export function evaluatePolicy(input: PolicyInput, config: RiskConfig): PolicyResult {
  const violations: Violation[] = [];
  for (const key of Object.keys(thresholdLabels) as (keyof typeof thresholdLabels)[]) {
    const [label, measure] = thresholdLabels[key];
    const violation = checkThreshold(`thresholds.${key}`, label, measure(input), config.thresholds[key]);
    if (violation) violations.push(violation);
  }
  if (input.brokenImporters > 0) {
    violations.push({
      rule: 'onBrokenImport',
      severity: config.onBrokenImport,
      message: `${input.brokenImporters} file(s) still import a removed export or deleted file`,
      actual: input.brokenImporters,
      limit: 0,
    });
  }
  if (input.unknowns > 0) {
    violations.push({
      rule: 'onUnknown',
      severity: config.onUnknown,
      message: `${input.unknowns} thing(s) could not be analysed; the blast radius may be larger than shown`,
      actual: input.unknowns,
      limit: 0,
    });
  }
  const failing = violations.find((violation) => violation.severity === 'fail');
  if (failing) return { verdict: 'fail', decidedBy: `${failing.rule}: ${failing.message}`, violations };
  const warning = violations.find((violation) => violation.severity === 'warn');
  if (warning) return { verdict: 'warn', decidedBy: `${warning.rule}: ${warning.message}`, violations };
  return { verdict: 'pass', decidedBy: 'every threshold holds and nothing is unknown', violations };
}

function checkThreshold(rule: string, label: string, actual: number, levels: ThresholdLevels): Violation | undefined {
  if (levels.fail !== undefined && actual > levels.fail) {
    return { rule, severity: 'fail', message: `${actual} ${label}, limit ${levels.fail} (over by ${actual - levels.fail})`, actual, limit: levels.fail };
  }
  if (levels.warn !== undefined && actual > levels.warn) {
    return { rule, severity: 'warn', message: `${actual} ${label}, warning above ${levels.warn} (over by ${actual - levels.warn})`, actual, limit: levels.warn };
  }
  return undefined;
}

import type { RiskConfig, ThresholdLevels } from '../config/schema.js';
import type { SignalValues } from '../signals/compute-signals.js';
import type { ApprovalCheck, Verdict, Violation } from '../shared/types.js';
import { sortViolations } from '../shared/violation-order.js';
import { evaluateCondition } from './rules.js';

export interface PolicyResult {
  verdict: Verdict;
  decidedBy: string;
  violations: Violation[];
}

const thresholdLabels = {
  maxAffectedFiles: ['affected files', 'affectedFiles'],
  maxContractAffectedFiles: ['files reached by a removed export or changed signature', 'contractAffectedFiles'],
  maxChangedSymbols: ['changed exported symbols', 'changedSymbols'],
  maxDepth: ['import chain depth', 'maxDepth'],
} as const;

/**
 * Stage 4: what the policy says of the measured signals. Thresholds, the configured rules, and
 * two rules that are always on: unknowns are never ignored (they at least warn), so the tool
 * cannot say "pass" about something it could not analyse; and a change to the policy itself
 * needs sign-off, so a change cannot relax the rules that judge it.
 */
export function findViolations(values: SignalValues, config: RiskConfig): Violation[] {
  const violations: Violation[] = [];
  for (const key of Object.keys(thresholdLabels) as (keyof typeof thresholdLabels)[]) {
    const [label, signal] = thresholdLabels[key];
    const violation = checkThreshold(`thresholds.${key}`, label, values[signal] as number, config.thresholds[key]);
    if (violation) violations.push(violation);
  }
  const broken = values.brokenImports as number;
  if (broken > 0) {
    violations.push({ rule: 'onBrokenImport', severity: config.onBrokenImport, message: `${broken} file(s) still import a removed export or deleted file`, actual: broken, limit: 0, needsSignOff: false });
  }
  const unknowns = values.unknowns as number;
  if (unknowns > 0) {
    violations.push({
      rule: 'onUnknown',
      severity: config.onUnknown,
      message: `${unknowns} thing(s) could not be analysed; the blast radius may be larger than shown`,
      actual: unknowns,
      limit: 0,
      needsSignOff: false,
    });
  }
  for (const rule of config.rules) {
    const result = evaluateCondition(rule.when, values);
    if (!result.holds) continue;
    const why = result.because.join('; ');
    violations.push({ rule: `rules.${rule.id}`, severity: rule.severity, message: rule.description ? `${rule.description} (${why})` : why, actual: 1, limit: null, needsSignOff: rule.requireSignOff });
  }
  if (values.policyChanged === true) {
    // Without approvers nobody can sign off yet (e.g. the change that adopts risk): a reviewer must read it.
    const canSignOff = config.approvers.length > 0;
    violations.push({
      rule: 'policy-change',
      severity: canSignOff ? 'fail' : 'warn',
      message: canSignOff ? 'the change edits the policy that judges it' : 'the change edits the policy, and the policy in force lists no approvers who could sign it off: review it by hand',
      actual: 1,
      limit: null,
      needsSignOff: canSignOff,
    });
  }
  return violations;
}

/**
 * Applies sign-off, and orders the violations most severe first (broken imports, rules and
 * sign-off, thresholds, the rest), so the first failing one is what decided the verdict:
 * a broken import, the one certain failure, leads. Applies sign-off: a rule that asks for it is satisfied (kept, as a warning that names the
 * approvers) by a valid signed approval of the head commit; otherwise its message says what
 * is missing and why the approvals found do not count.
 */
export function decideVerdict(violations: Violation[], signOff: { approvedBy: string[]; approvals: ApprovalCheck[]; headSha: string | null; approvers: string[] }): PolicyResult {
  const judged = sortViolations(
    violations.map((violation): Violation => {
      if (!violation.needsSignOff) return violation;
      if (signOff.approvedBy.length > 0) return { ...violation, severity: 'warn', message: `${violation.message}; signed off by ${signOff.approvedBy.join(', ')}` };
      return { ...violation, message: `${violation.message}; ${describeMissingSignOff(signOff)}` };
    }),
  );
  const failing = judged.find((violation) => violation.severity === 'fail');
  if (failing) return { verdict: 'fail', decidedBy: `${failing.rule}: ${failing.message}`, violations: judged };
  const warning = judged.find((violation) => violation.severity === 'warn');
  if (warning) return { verdict: 'warn', decidedBy: `${warning.rule}: ${warning.message}`, violations: judged };
  return { verdict: 'pass', decidedBy: 'every threshold and rule holds and nothing is unknown', violations: judged };
}

function describeMissingSignOff(signOff: { approvals: ApprovalCheck[]; headSha: string | null; approvers: string[] }): string {
  // An uncommitted change (often an agent's, checked by a pre-commit or agent hook): telling it to commit would invite bypassing the check.
  if (signOff.headSha === null) {
    const who = signOff.approvers.length > 0 ? ` by one of ${signOff.approvers.join(', ')}` : '';
    return `needs a senior's sign-off${who}: have it reviewed before it is committed; the signed approval (\`risk approve\`) is of a commit and is checked on push and in CI`;
  }
  const found = signOff.approvals.map((check) => `${check.tag}: ${check.reason}`);
  const commit = signOff.headSha.slice(0, 12);
  // No approver configured: no approval can count, so say how to name one, not "by one of ".
  if (signOff.approvers.length === 0) return `needs a signed approval of ${commit}, and the policy names no approver: list the seniors who sign off (name and SSH key or GPG fingerprint) under \`approvers\` in the config, then \`risk approve ${commit}\``;
  const ask = `needs a signed approval of ${commit} by one of ${signOff.approvers.join(', ')} (\`risk approve ${commit}\`, then push the tag)`;
  return found.length === 0 ? `${ask}; none found` : `${ask}; found only: ${found.join('; ')}`;
}

function checkThreshold(rule: string, label: string, actual: number, levels: ThresholdLevels): Violation | undefined {
  if (levels.fail !== undefined && actual > levels.fail) {
    return { rule, severity: 'fail', message: `${actual} ${label}, limit ${levels.fail} (over by ${actual - levels.fail})`, actual, limit: levels.fail, needsSignOff: false };
  }
  if (levels.warn !== undefined && actual > levels.warn) {
    return { rule, severity: 'warn', message: `${actual} ${label}, warning above ${levels.warn} (over by ${actual - levels.warn})`, actual, limit: levels.warn, needsSignOff: false };
  }
  return undefined;
}

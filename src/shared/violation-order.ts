import type { Violation } from './types.js';

/** Why a violation sorts where it does, most severe first. */
export type ReasonClass = 'broken-import' | 'rule' | 'sign-off' | 'threshold' | 'other';

const reasonOrder: Record<ReasonClass, number> = { 'broken-import': 0, rule: 1, 'sign-off': 1, threshold: 2, other: 3 };

/** What kind of reason a violation is: broken imports, then rules and sign-off, then thresholds. */
export function classifyViolation(violation: Violation): ReasonClass {
  if (violation.rule === 'onBrokenImport') return 'broken-import';
  if (violation.needsSignOff) return 'sign-off';
  if (violation.rule.startsWith('rules.') || violation.rule === 'policy-change') return 'rule';
  if (violation.rule.startsWith('thresholds.')) return 'threshold';
  return 'other';
}

/**
 * Sort key of a violation, smallest first: failures before warnings; within each, broken
 * imports (the one certain failure), then rules and missing sign-off, then thresholds, then
 * the rest (unknowns).
 */
export function rankViolation(violation: Violation): number {
  return (violation.severity === 'fail' ? 0 : 10) + reasonOrder[classifyViolation(violation)];
}

/** The violations most severe first (stable: equal ranks keep their order). */
export function sortViolations(violations: Violation[]): Violation[] {
  return violations
    .map((violation, index) => ({ violation, index }))
    .sort((a, b) => rankViolation(a.violation) - rankViolation(b.violation) || a.index - b.index)
    .map(({ violation }) => violation);
}

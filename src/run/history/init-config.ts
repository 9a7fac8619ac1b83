import { defaultRules, defaultThresholds } from '../../config/defaults.js';
import type { RiskConfigInput } from '../../config/schema.js';
import type { ScoreModel } from '../../signals/score/model.js';
import { installedConfigSchemaPath } from '../../shared/package-info.js';
import { percentile, type Distribution } from './distributions.js';

/** Threshold key of the config -> the signal it limits. */
export const thresholdSignals = {
  maxAffectedFiles: 'affectedFiles',
  maxContractAffectedFiles: 'contractAffectedFiles',
  maxChangedSymbols: 'changedSymbols',
  maxDepth: 'maxDepth',
} as const;

type ThresholdKey = keyof typeof thresholdSignals;

export interface InitChoices {
  distributions: Distribution[];
  /** Warn above the first percentile, fail above the second (e.g. 90, 99). */
  percentiles: [number, number];
  testGlobs: string[];
  model: ScoreModel | null;
}

/**
 * The config `risk init` writes: each threshold at the chosen percentiles of the repository's
 * own history (never below 1, so an ordinary one-symbol change is not flagged), the default
 * rules spelt out, and with a fitted model, rules that gate the riskiest share of changes by
 * `riskPercentile`. A threshold whose signal no replayed commit reported keeps its default
 * (written out, so the file says what applies).
 */
export function buildInitConfig(choices: InitChoices): RiskConfigInput {
  const [warnAt, failAt] = choices.percentiles;
  const valuesOf = (signal: string): number[] => choices.distributions.find((distribution) => distribution.signal === signal)?.values ?? [];
  const levels = (signal: string): { warn: number; fail: number } => {
    const values = valuesOf(signal);
    return { warn: Math.max(1, Math.ceil(percentile(values, warnAt))), fail: Math.max(1, Math.ceil(percentile(values, failAt))) };
  };
  const rules: NonNullable<RiskConfigInput['rules']> = defaultRules.map((rule) => ({ id: rule.id, description: rule.description, when: rule.when, severity: rule.severity }));
  if (choices.model !== null) {
    rules.push(
      { id: 'risk-score-warn', description: `Riskier than ${warnAt}% of recent commits by the model fitted on this repository's history.`, when: { signal: 'riskPercentile', gt: warnAt }, severity: 'warn' },
      { id: 'risk-score-fail', description: `Riskier than ${failAt}% of recent commits by the model fitted on this repository's history.`, when: { signal: 'riskPercentile', gt: failAt }, severity: 'fail' },
    );
  }
  return {
    $schema: installedConfigSchemaPath,
    thresholds: Object.fromEntries(
      (Object.entries(thresholdSignals) as [ThresholdKey, string][]).map(([key, signal]) => [key, valuesOf(signal).length > 0 ? levels(signal) : defaultThresholds[key]]),
    ),
    tests: choices.testGlobs,
    approvers: [],
    rules,
    ...(choices.model === null ? {} : { score: choices.model }),
  };
}

import { defaultRules } from '../../config/defaults.js';
import type { RiskConfigInput } from '../../config/schema.js';
import { signalNames } from '../../config/signal-names.js';
import type { ScoreModel } from '../../signals/score/model.js';
import { installedConfigSchemaPath } from '../../shared/package-info.js';
import { percentile, type Distribution } from './distributions.js';

/** Threshold key of the config -> the signal it limits. */
export const thresholdSignals = { maxAffectedFiles: 'affectedFiles', maxChangedSymbols: 'changedSymbols', maxDepth: 'maxDepth' } as const;

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
 * rules spelt out, rules on the contract-affected files when the analyzer reports them, and
 * with a fitted model, rules that gate the riskiest share of changes by `riskPercentile`.
 */
export function buildInitConfig(choices: InitChoices): RiskConfigInput {
  const [warnAt, failAt] = choices.percentiles;
  const valuesOf = (signal: string): number[] => choices.distributions.find((distribution) => distribution.signal === signal)?.values ?? [];
  const levels = (signal: string): { warn: number; fail: number } => {
    const values = valuesOf(signal);
    return { warn: Math.max(1, Math.ceil(percentile(values, warnAt))), fail: Math.max(1, Math.ceil(percentile(values, failAt))) };
  };
  const rules: NonNullable<RiskConfigInput['rules']> = defaultRules.map((rule) => ({ id: rule.id, description: rule.description, when: rule.when, severity: rule.severity }));
  if ((signalNames as string[]).includes('contractAffectedFiles') && valuesOf('contractAffectedFiles').length > 0) {
    const contract = levels('contractAffectedFiles');
    rules.push(
      { id: 'contract-radius-warn', description: `Reaches more files through a changed contract than ${warnAt}% of recent commits.`, when: { signal: 'contractAffectedFiles' as never, gt: contract.warn }, severity: 'warn' },
      { id: 'contract-radius-fail', description: `Reaches more files through a changed contract than ${failAt}% of recent commits.`, when: { signal: 'contractAffectedFiles' as never, gt: contract.fail }, severity: 'fail' },
    );
  }
  if (choices.model !== null) {
    rules.push(
      { id: 'risk-score-warn', description: `Riskier than ${warnAt}% of recent commits by the model fitted on this repository's history.`, when: { signal: 'riskPercentile', gt: warnAt }, severity: 'warn' },
      { id: 'risk-score-fail', description: `Riskier than ${failAt}% of recent commits by the model fitted on this repository's history.`, when: { signal: 'riskPercentile', gt: failAt }, severity: 'fail' },
    );
  }
  return {
    $schema: installedConfigSchemaPath,
    thresholds: {
      maxAffectedFiles: levels(thresholdSignals.maxAffectedFiles),
      maxChangedSymbols: levels(thresholdSignals.maxChangedSymbols),
      maxDepth: levels(thresholdSignals.maxDepth),
    },
    tests: choices.testGlobs,
    approvers: [],
    rules,
    ...(choices.model === null ? {} : { score: choices.model }),
  };
}

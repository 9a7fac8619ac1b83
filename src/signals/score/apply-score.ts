import type { ChangedFile, NonCodeChange, Signal } from '../../shared/types.js';
import type { SignalValues } from '../compute-signals.js';
import type { HistoryFeatures } from './file-history.js';
import { signalRow } from './feature-row.js';
import { contributions, modelFeatures, percentileOf, scoreRow, type ScoreModel } from './model.js';
import { sizeOfChange } from './size.js';

export interface ScoreInput {
  signals: Signal[];
  values: SignalValues;
  changedFiles: ChangedFile[];
  nonCode: NonCodeChange[];
  history: HistoryFeatures;
}

/**
 * Fills in riskScore and riskPercentile from the fitted model, so rules can test them like any
 * signal; the explanation names the three features that push the score up most.
 */
export function applyScore(model: ScoreModel, input: ScoreInput): { values: SignalValues; signals: Signal[] } {
  const row = { ...signalRow(input.signals, input.nonCode), ...sizeOfChange(input.changedFiles), ...input.history };
  const score = Number(scoreRow(model, row).toFixed(4));
  const percentile = percentileOf(model, score);
  const explanation = explainScore(model, row);
  const values = { ...input.values, riskScore: score, riskPercentile: percentile };
  const signals = input.signals.map((signal): Signal => {
    if (signal.name === 'riskScore') return { ...signal, value: score, explanation };
    if (signal.name === 'riskPercentile') return { ...signal, value: percentile, explanation: `scores at or above ${percentile}% of the commits the model was fitted on` };
    return signal;
  });
  return { values, signals };
}

/** "+0.90 earlier fixes to these files in the last year (4); +0.61 ..." */
export function explainScore(model: ScoreModel, row: Record<string, number>): string {
  const top = contributions(model, row).filter((contribution) => contribution.amount > 0.005).slice(0, 3);
  if (top.length === 0) return 'nothing raises it above an average change';
  const format = (value: number): string => String(Number(value.toFixed(2)));
  return top.map((contribution) => `+${contribution.amount.toFixed(2)} ${modelFeatures[contribution.feature]} (${format(contribution.value)})`).join('; ');
}

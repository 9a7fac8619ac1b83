import type { NonCodeChange, Signal } from '../../shared/types.js';

const tierRank: Record<string, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };

/**
 * The numbers a model reads from the signals, read generically so signals added later are
 * picked up: every numeric or boolean signal (booleans as 0/1), provenance as aiAssisted (0/1),
 * the critical tier as its rank, and the number of kinds of non-code change.
 */
export function signalRow(signals: Signal[], nonCode: NonCodeChange[]): Record<string, number> {
  const values: Record<string, number> = {};
  for (const signal of signals) {
    if (typeof signal.value === 'number') values[signal.name] = signal.value;
    else if (typeof signal.value === 'boolean') values[signal.name] = signal.value ? 1 : 0;
    else if (signal.name === 'provenance') values.aiAssisted = signal.value === 'ai-assisted' ? 1 : 0;
    else if (signal.name === 'criticalTier') values.criticalTier = tierRank[signal.value] ?? 0;
  }
  values.nonCodeClasses = new Set(nonCode.map((change) => change.class)).size;
  return values;
}

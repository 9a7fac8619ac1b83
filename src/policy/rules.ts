import type { ConditionInput } from '../config/policy-schema.js';
import type { Tier } from '../config/signal-names.js';
import type { SignalValues } from '../signals/compute-signals.js';
import { tierRank } from '../signals/critical-paths.js';

/** Whether a condition holds, and the signal tests that made it so (for the report). */
export interface ConditionResult {
  holds: boolean;
  because: string[];
}

/** Evaluates a rule's condition against the measured signals. */
export function evaluateCondition(condition: ConditionInput, values: SignalValues): ConditionResult {
  if (condition.all !== undefined) {
    const results = condition.all.map((part) => evaluateCondition(part, values));
    return { holds: results.every((result) => result.holds), because: results.flatMap((result) => result.because) };
  }
  if (condition.any !== undefined) {
    const held = condition.any.map((part) => evaluateCondition(part, values)).filter((result) => result.holds);
    return { holds: held.length > 0, because: held.flatMap((result) => result.because) };
  }
  if (condition.not !== undefined) {
    const inner = evaluateCondition(condition.not, values);
    return { holds: !inner.holds, because: inner.holds ? [] : [`not (${describeCondition(condition.not)})`] };
  }
  const name = condition.signal as keyof SignalValues;
  const value = values[name];
  const holds = testValue(condition, value);
  return { holds, because: holds ? [`${name} = ${String(value)} (${describeCondition(condition)})`] : [] };
}

function testValue(condition: ConditionInput, value: number | string | boolean): boolean {
  if (condition.atLeast !== undefined) return typeof value === 'string' && tierRank(value as Tier | 'none') >= tierRank(condition.atLeast);
  if (condition.in !== undefined) return typeof value === 'string' && condition.in.includes(value);
  if (condition.eq !== undefined && value !== condition.eq) return false;
  if (typeof value !== 'number') return condition.eq !== undefined;
  if (condition.gt !== undefined && !(value > condition.gt)) return false;
  if (condition.gte !== undefined && !(value >= condition.gte)) return false;
  if (condition.lt !== undefined && !(value < condition.lt)) return false;
  if (condition.lte !== undefined && !(value <= condition.lte)) return false;
  return true;
}

/** The condition in words, close to how it is written in the config. */
export function describeCondition(condition: ConditionInput): string {
  if (condition.all !== undefined) return condition.all.map(describeCondition).join(' and ');
  if (condition.any !== undefined) return `(${condition.any.map(describeCondition).join(' or ')})`;
  if (condition.not !== undefined) return `not ${describeCondition(condition.not)}`;
  const parts: string[] = [];
  if (condition.gt !== undefined) parts.push(`> ${condition.gt}`);
  if (condition.gte !== undefined) parts.push(`>= ${condition.gte}`);
  if (condition.lt !== undefined) parts.push(`< ${condition.lt}`);
  if (condition.lte !== undefined) parts.push(`<= ${condition.lte}`);
  if (condition.eq !== undefined) parts.push(`= ${String(condition.eq)}`);
  if (condition.in !== undefined) parts.push(`in [${condition.in.join(', ')}]`);
  if (condition.atLeast !== undefined) parts.push(`at least ${condition.atLeast}`);
  return `${condition.signal ?? '?'} ${parts.join(' and ')}`;
}

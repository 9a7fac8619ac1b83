import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse-config.js';
import { parsePercentiles } from '../src/cli/commands/init.js';
import { distributionsOf, formatHistogram, percentile, shareAbove } from '../src/run/history/distributions.js';
import type { ReplayedCommit } from '../src/run/history/replay.js';
import { isFixCommit } from '../src/signals/score/fix-commits.js';
import { areaUnderCurve, captureAt, fitModel, percentileOf, scoreRow } from '../src/signals/score/model.js';
import { explainScore } from '../src/signals/score/apply-score.js';
import { ConfigError, UsageError } from '../src/shared/errors.js';

describe('--percentiles', () => {
  it('takes two increasing percentiles in 1-100', () => {
    expect(parsePercentiles('90,99')).toEqual([90, 99]);
    expect(parsePercentiles('80, 95')).toEqual([80, 95]);
  });

  it.each(['0,50', '50,101', '95,80', '90,90', '90', '90,95,99', 'a,b', ',99'])('refuses %s with a hint', (text) => {
    expect(() => parsePercentiles(text)).toThrow(UsageError);
    try {
      parsePercentiles(text);
    } catch (error) {
      expect((error as UsageError).hint).toMatch(/--percentiles 90,99/);
    }
  });
});

describe('distributions', () => {
  it('uses nearest-rank percentiles, so at most (100 - p)% of the commits lie above the p-th', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 90)).toBe(90);
    expect(percentile(values, 99)).toBe(99);
    expect(shareAbove(values, percentile(values, 90))).toBe(0.1);
    expect(percentile([0, 0, 0, 7], 50)).toBe(0);
  });

  it('reads signals generically (a signal some future stage adds shows up) and prints doubling buckets', () => {
    const commit = (values: Record<string, number>): ReplayedCommit => ({ sha: 'x', parent: 'y', time: 0, authorEmail: 'a', subject: 's', values, error: null });
    const distributions = distributionsOf([commit({ affectedFiles: 0, contractAffectedFiles: 2, linesAdded: 3, linesDeleted: 1 }), commit({ affectedFiles: 9, contractAffectedFiles: 0 }), { ...commit({}), error: 'damaged' }]);
    expect(distributions.map((distribution) => distribution.signal)).toEqual(['affectedFiles', 'contractAffectedFiles', 'linesChanged']);
    const affected = distributions[0];
    expect(affected?.values).toEqual([0, 9]);
    expect(formatHistogram(affected!)).toEqual([
      '          0 | ##############################  1',
      '          1 |                                0',
      '        2-3 |                                0',
      '        4-7 |                                0',
      '       8-15 | ##############################  1',
    ].map((line) => line.replace('##############################  1', '############################## 1')));
  });
});

describe('fix commits', () => {
  it.each([
    ['fix(runtime-core): handle null props', true],
    ['fix!: drop the old flag', true],
    ['Fix crash when the list is empty', true],
    ['docs: fix typo in README', false],
    ['Fix typo', false],
    ['feat: add a prefix option', false],
    ['Revert "fix: handle null props"', false],
  ])('%s -> %s', (subject, expected) => {
    expect(isFixCommit(subject)).toBe(expected);
  });
});

describe('the model', () => {
  const rows = Array.from({ length: 80 }, (_, index) => ({ linesAdded: index % 10 === 0 ? 500 + index : index % 7, priorFixes: index % 3, isFix: index % 2 }));
  const labels = rows.map((_, index) => (index % 10 === 0 || index % 17 === 0 ? 1 : 0));

  it('is deterministic and learns a feature that separates the labels', () => {
    const first = fitModel(rows, labels, 1);
    expect(JSON.stringify(fitModel(rows, labels, 1))).toBe(JSON.stringify(first));
    expect(first.weights.linesAdded?.weight).toBeGreaterThan(0.5);
    expect(first.quantiles).toHaveLength(101);
    const big = scoreRow(first, { linesAdded: 900, priorFixes: 1, isFix: 0 });
    const small = scoreRow(first, { linesAdded: 2, priorFixes: 1, isFix: 0 });
    expect(big).toBeGreaterThan(small);
    expect(percentileOf(first, big)).toBeGreaterThan(percentileOf(first, small));
    expect(explainScore(first, { linesAdded: 900, priorFixes: 1, isFix: 0 })).toMatch(/^\+\d\.\d\d lines added \(900\)/);
  });

  it('computes AUC with ties counted half, and the capture of the riskiest share', () => {
    expect(areaUnderCurve([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(areaUnderCurve([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(areaUnderCurve([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    expect(areaUnderCurve([1, 2], [1, 1])).toBeNull();
    const scores = Array.from({ length: 20 }, (_, index) => index);
    const troubled = scores.map((score) => (score === 19 || score === 0 ? 1 : 0));
    expect(captureAt(scores, troubled, 0.1)).toBe(0.5);
  });
});

describe('score in the config', () => {
  const model = { version: 1, intercept: -2, weights: { linesAdded: { weight: 0.8, mean: 2, scale: 1.5 } }, quantiles: Array.from({ length: 101 }, (_, index) => index / 100) };

  it('accepts a fitted model', () => {
    expect(parseConfig({ score: model }, '.riskrc.json').score?.weights.linesAdded?.weight).toBe(0.8);
  });

  it('names the key of an unknown feature, of an incompatible version, and of a rule on the score without a model', () => {
    expect(() => parseConfig({ score: { ...model, weights: { ...model.weights, bogus: { weight: 1, mean: 0, scale: 1 } } } }, '.riskrc.json')).toThrow(/score\.weights\.bogus: unknown feature "bogus"/);
    expect(() => parseConfig({ score: { ...model, version: 2 } }, '.riskrc.json')).toThrow(/score\.version: model version 2 was fitted by an incompatible version/);
    expect(() => parseConfig({ rules: [{ id: 'gate', when: { signal: 'riskPercentile', gt: 90 }, severity: 'fail' }] }, '.riskrc.json')).toThrow(ConfigError);
    expect(() => parseConfig({ rules: [{ id: 'gate', when: { signal: 'riskPercentile', gt: 90 }, severity: 'fail' }] }, '.riskrc.json')).toThrow(/rules\.0\.when: signal "riskPercentile" needs a fitted model/);
  });
});

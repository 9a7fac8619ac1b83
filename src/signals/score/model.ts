/**
 * The risk model: an L2-regularised logistic regression on log1p-transformed, standardised
 * features, fitted by Newton's method (no randomness: the same rows give the same weights,
 * byte for byte). Small enough to read in the config and to explain per change.
 */

import { featureNames, modelVersion, type FeatureName } from '../../config/score-features.js';

export { featureNames, modelFeatures, modelVersion, type FeatureName } from '../../config/score-features.js';

export interface FeatureWeight {
  weight: number;
  /** Mean and scale of log1p(value) over the rows the model was fitted on. */
  mean: number;
  scale: number;
}

/** What the config stores as `score`. */
export interface ScoreModel {
  version: number;
  intercept: number;
  weights: Partial<Record<FeatureName, FeatureWeight>>;
  /** The fitted rows' scores at percentiles 0, 1, ..., 100: the repository's own distribution. */
  quantiles: number[];
}

export type FeatureRow = Partial<Record<string, number>>;

const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** Fits the model on rows (features) and labels (1 = trouble later). */
export function fitModel(rows: FeatureRow[], labels: number[], lambda: number): ScoreModel {
  const stats = featureNames.map((name) => {
    const values = rows.map((row) => Math.log1p(Math.max(0, row[name] ?? 0)));
    const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(values.length, 1);
    return { name, mean, scale: Math.sqrt(variance) };
  });
  const used = stats.filter((stat) => stat.scale > 1e-9);
  const matrix = rows.map((row) => [1, ...used.map((stat) => (Math.log1p(Math.max(0, row[stat.name] ?? 0)) - stat.mean) / stat.scale)]);
  const beta = newtonLogistic(matrix, labels, lambda);
  const weights: Partial<Record<FeatureName, FeatureWeight>> = {};
  used.forEach((stat, index) => {
    weights[stat.name] = { weight: round(beta[index + 1] ?? 0), mean: round(stat.mean), scale: round(stat.scale) };
  });
  const model: ScoreModel = { version: modelVersion, intercept: round(beta[0] ?? 0), weights, quantiles: [] };
  const scores = rows.map((row) => scoreRow(model, row)).sort((a, b) => a - b);
  model.quantiles = Array.from({ length: 101 }, (_, p) => round(scores[Math.min(scores.length - 1, Math.floor((p / 100) * (scores.length - 1)))] ?? 0));
  return model;
}

/** Probability of trouble (0-1) of one change. */
export function scoreRow(model: ScoreModel, row: FeatureRow): number {
  let logit = model.intercept;
  for (const contribution of contributions(model, row)) logit += contribution.amount;
  return 1 / (1 + Math.exp(-logit));
}

export interface Contribution {
  feature: FeatureName;
  value: number;
  /** In log-odds: how much this feature moves the score from an average change. */
  amount: number;
}

/** Each feature's part of the score, largest push towards risk first. */
export function contributions(model: ScoreModel, row: FeatureRow): Contribution[] {
  return (Object.entries(model.weights) as [FeatureName, FeatureWeight][])
    .map(([feature, weight]) => {
      const value = row[feature] ?? 0;
      return { feature, value, amount: (weight.weight * (Math.log1p(Math.max(0, value)) - weight.mean)) / weight.scale };
    })
    .sort((a, b) => b.amount - a.amount || (a.feature < b.feature ? -1 : 1));
}

/** Share (0-100) of the fitted changes scoring at or below this score. */
export function percentileOf(model: ScoreModel, score: number): number {
  let index = 0;
  while (index < model.quantiles.length && (model.quantiles[index] ?? Infinity) <= score + 1e-12) index++;
  return Math.max(0, Math.min(100, index - 1));
}

/** Ridge-penalised logistic regression by Newton-Raphson; the intercept (column 0) is not penalised. */
function newtonLogistic(matrix: number[][], labels: number[], lambda: number): number[] {
  const width = matrix[0]?.length ?? 1;
  let beta = new Array<number>(width).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(width).fill(0);
    const hessian = Array.from({ length: width }, () => new Array<number>(width).fill(0));
    matrix.forEach((x, row) => {
      const p = 1 / (1 + Math.exp(-x.reduce((sum, value, index) => sum + value * (beta[index] ?? 0), 0)));
      const weight = p * (1 - p);
      for (let i = 0; i < width; i++) {
        gradient[i] = (gradient[i] ?? 0) + ((labels[row] ?? 0) - p) * (x[i] ?? 0);
        for (let j = 0; j < width; j++) (hessian[i] as number[])[j] = ((hessian[i] as number[])[j] ?? 0) + weight * (x[i] ?? 0) * (x[j] ?? 0);
      }
    });
    for (let i = 1; i < width; i++) {
      gradient[i] = (gradient[i] ?? 0) - lambda * (beta[i] ?? 0);
      (hessian[i] as number[])[i] = ((hessian[i] as number[])[i] ?? 0) + lambda;
    }
    (hessian[0] as number[])[0] = ((hessian[0] as number[])[0] ?? 0) + 1e-6;
    const step = solve(hessian, gradient);
    beta = beta.map((value, index) => value + (step[index] ?? 0));
    if (step.every((value) => Math.abs(value) < 1e-8)) break;
  }
  return beta;
}

/** Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, index) => [...row, vector[index] ?? 0]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) if (Math.abs(a[row]?.[column] ?? 0) > Math.abs(a[pivot]?.[column] ?? 0)) pivot = row;
    [a[column], a[pivot]] = [a[pivot] as number[], a[column] as number[]];
    const lead = a[column]?.[column] ?? 0;
    if (Math.abs(lead) < 1e-12) continue;
    for (let row = 0; row < n; row++) {
      if (row === column) continue;
      const factor = (a[row]?.[column] ?? 0) / lead;
      for (let k = column; k <= n; k++) (a[row] as number[])[k] = (a[row]?.[k] ?? 0) - factor * (a[column]?.[k] ?? 0);
    }
  }
  return a.map((row, index) => (Math.abs(row[index] ?? 0) < 1e-12 ? 0 : (row[n] ?? 0) / (row[index] ?? 1)));
}

/** Area under the ROC curve (Mann-Whitney, ties counted half); null without both classes. */
export function areaUnderCurve(scores: number[], labels: number[]): number | null {
  const order = scores.map((score, index) => ({ score, label: labels[index] ?? 0 })).sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let index = 0;
  while (index < order.length) {
    let end = index;
    while (end + 1 < order.length && order[end + 1]?.score === order[index]?.score) end++;
    const rank = (index + end) / 2 + 1;
    for (let k = index; k <= end; k++) if (order[k]?.label === 1) rankSum += rank;
    index = end + 1;
  }
  const positives = labels.filter((label) => label === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Share of the positives among the riskiest `share` of changes (by score; ties broken by
 * position, newest last, so the figure is deterministic).
 */
export function captureAt(scores: number[], labels: number[], share: number): number | null {
  const positives = labels.filter((label) => label === 1).length;
  if (positives === 0) return null;
  const take = Math.max(1, Math.round(scores.length * share));
  const ranked = scores.map((score, index) => ({ score, index })).sort((a, b) => b.score - a.score || a.index - b.index);
  const caught = ranked.slice(0, take).filter((entry) => labels[entry.index] === 1).length;
  return caught / positives;
}

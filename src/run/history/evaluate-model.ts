import { UsageError } from '../../shared/errors.js';
import { FileHistory } from '../../signals/score/file-history.js';
import { areaUnderCurve, captureAt, fitModel, scoreRow, type FeatureRow, type ScoreModel } from '../../signals/score/model.js';
import type { CommitLabel } from './labels.js';
import type { Replay } from './replay.js';

/** Fewest analysed commits to fit and test a model on. */
export const minimumCommits = 60;
/** Fewest troubled (bug-introducing or reverted) commits in the fit period, and in the test period. */
export const minimumPositives = { fit: 5, test: 2 };
/** Share of the (oldest) commits the model is fitted on; the newer rest is the test period. */
export const fitShare = 0.7;
/** Regularisation strengths tried, each judged on the newest 30% of the fit period only. */
const lambdas = [0.3, 1, 3, 10, 30, 100];

export interface LabelledRow {
  sha: string;
  time: number;
  features: FeatureRow;
  isBugIntroducing: boolean;
  isReverted: boolean;
}

/** The model's held-out figures, in the shape `risk calibrate --model --json` prints. */
export interface ModelEvaluation {
  commits: number;
  labelled: number;
  split: { fit: number; test: number; testFrom: string };
  model: { auc: number | null; lambda: number };
  baselines: { lines: { auc: number | null }; affectedFiles: { auc: number | null } };
  topDecileCapture: number | null;
  topQuintileCapture: number | null;
  reverted: { test: number; topDecileCapture: number | null; topQuintileCapture: number | null };
  weights: ScoreModel;
}

/** Joins the replayed signals, the history features and the labels, oldest first; failed commits are left out. */
export function buildRows(replay: Replay, labels: Map<string, CommitLabel>): LabelledRow[] {
  const files = new FileHistory(replay.history);
  const bySha = new Map(replay.history.map((commit) => [commit.sha, commit]));
  return replay.commits
    .filter((commit) => commit.error === null)
    .map((commit) => {
      const source = bySha.get(commit.sha);
      const paths = source?.files.map((file) => file.path) ?? [];
      const history = files.featuresOf({ paths, authorEmail: commit.authorEmail, time: commit.time, subjects: [commit.subject] });
      const label = labels.get(commit.sha);
      return { sha: commit.sha, time: commit.time, features: { ...commit.values, ...history }, isBugIntroducing: label?.isBugIntroducing ?? false, isReverted: label?.isReverted ?? false };
    });
}

const isPositive = (row: LabelledRow): number => (row.isBugIntroducing || row.isReverted ? 1 : 0);

/**
 * Time split: fit on the oldest 70%, report on the newest 30%. The regularisation is chosen
 * inside the fit period (older 70% of it vs newer 30% of it); the test period is looked at once.
 */
export function evaluateModel(rows: LabelledRow[]): ModelEvaluation {
  return evaluateWithPredictions(rows).evaluation;
}

/** One held-out commit's score and baselines, for pooling figures across repositories. */
export interface HeldOutPrediction {
  sha: string;
  score: number;
  lines: number;
  affectedFiles: number;
  isBugIntroducing: boolean;
  isReverted: boolean;
}

export function evaluateWithPredictions(rows: LabelledRow[]): { evaluation: ModelEvaluation; predictions: HeldOutPrediction[] } {
  const positives = rows.filter((row) => isPositive(row) === 1).length;
  if (rows.length < minimumCommits) throw new UsageError(`only ${rows.length} analysed commit(s): a model needs at least ${minimumCommits}`, 'replay more history: --commits 300 (or more, when the repository has it)');
  if (positives === 0) throw new UsageError('no commit in the replayed history was later reverted or blamed by a fix', 'the labels come from fix and revert commits; with none there is nothing to learn from. Use percentile thresholds (risk init without --model)');
  const cut = Math.floor(rows.length * fitShare);
  const fit = rows.slice(0, cut);
  const test = rows.slice(cut);
  const fitPositives = fit.filter((row) => isPositive(row) === 1).length;
  const testPositives = test.filter((row) => isPositive(row) === 1).length;
  if (fitPositives < minimumPositives.fit || testPositives < minimumPositives.test) {
    throw new UsageError(
      `too few troubled commits to fit and test a model: ${fitPositives} in the fit period, ${testPositives} in the test period (need ${minimumPositives.fit} and ${minimumPositives.test})`,
      'replay more history (--commits), or use percentile thresholds (risk init without --model)',
    );
  }
  const lambda = chooseLambda(fit);
  const model = fitModel(fit.map((row) => row.features), fit.map(isPositive), lambda);
  const labels = test.map(isPositive);
  const scores = test.map((row) => scoreRow(model, row.features));
  const lines = test.map((row) => (row.features.linesAdded ?? 0) + (row.features.linesDeleted ?? 0));
  const affected = test.map((row) => row.features.affectedFiles ?? 0);
  const reverted = test.map((row) => (row.isReverted ? 1 : 0));
  const round = (value: number | null): number | null => (value === null ? null : Number(value.toFixed(3)));
  const predictions = test.map((row, index) => ({ sha: row.sha, score: scores[index] ?? 0, lines: lines[index] ?? 0, affectedFiles: affected[index] ?? 0, isBugIntroducing: row.isBugIntroducing, isReverted: row.isReverted }));
  const evaluation: ModelEvaluation = {
    commits: rows.length,
    labelled: positives,
    split: { fit: fit.length, test: test.length, testFrom: test[0]?.sha ?? '' },
    model: { auc: round(areaUnderCurve(scores, labels)), lambda },
    baselines: { lines: { auc: round(areaUnderCurve(lines, labels)) }, affectedFiles: { auc: round(areaUnderCurve(affected, labels)) } },
    topDecileCapture: round(captureAt(scores, labels, 0.1)),
    topQuintileCapture: round(captureAt(scores, labels, 0.2)),
    reverted: { test: reverted.filter((label) => label === 1).length, topDecileCapture: round(captureAt(scores, reverted, 0.1)), topQuintileCapture: round(captureAt(scores, reverted, 0.2)) },
    weights: model,
  };
  return { evaluation, predictions };
}

function chooseLambda(fit: LabelledRow[]): number {
  const cut = Math.floor(fit.length * fitShare);
  const inner = fit.slice(0, cut);
  const check = fit.slice(cut);
  const checkLabels = check.map(isPositive);
  let best = { lambda: 10, auc: -1 };
  for (const lambda of lambdas) {
    const innerLabels = inner.map(isPositive);
    if (!innerLabels.includes(1)) break;
    const model = fitModel(inner.map((row) => row.features), innerLabels, lambda);
    const auc = areaUnderCurve(check.map((row) => scoreRow(model, row.features)), checkLabels) ?? -1;
    if (auc > best.auc + 1e-9) best = { lambda, auc };
  }
  return best.lambda;
}

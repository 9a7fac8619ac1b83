import type { ReplayedCommit } from './replay.js';

/** The signals `risk init` and `risk calibrate` describe, in print order; a signal no commit reported is left out. */
export const describedSignals = [
  'affectedFiles',
  'contractAffectedFiles',
  'changedSymbols',
  'radius',
  'maxDepth',
  'affectedPackages',
  'publicApiBreaking',
  'untestedFiles',
  'nonCodeClasses',
  'destructiveChanges',
  'linesChanged',
] as const;

export interface Distribution {
  signal: string;
  /** Sorted values, one per analysed commit. */
  values: number[];
  percentiles: { p50: number; p90: number; p99: number; max: number };
}

/** Values of each described signal over the analysed commits (failed ones left out). */
export function distributionsOf(commits: ReplayedCommit[]): Distribution[] {
  const analysed = commits.filter((commit) => commit.error === null);
  const valueOf = (commit: ReplayedCommit, signal: string): number | undefined =>
    signal === 'linesChanged' ? (commit.values.linesAdded ?? 0) + (commit.values.linesDeleted ?? 0) : commit.values[signal];
  return describedSignals
    .filter((signal) => analysed.some((commit) => valueOf(commit, signal) !== undefined))
    .map((signal) => {
      const values = analysed.map((commit) => valueOf(commit, signal) ?? 0).sort((a, b) => a - b);
      return { signal, values, percentiles: { p50: percentile(values, 50), p90: percentile(values, 90), p99: percentile(values, 99), max: values[values.length - 1] ?? 0 } };
    });
}

/** Nearest-rank percentile of sorted values: at most (100 - p)% of the values are above it. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

/** Share (0-1) of the values strictly above a limit: what a "fail above" threshold would have caught. */
export function shareAbove(sorted: number[], limit: number): number {
  if (sorted.length === 0) return 0;
  return sorted.filter((value) => value > limit).length / sorted.length;
}

const bucketEdges = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
const barWidth = 30;

/**
 * A small histogram for the terminal: doubling buckets (0, 1, 2-3, 4-7, ...) so one huge
 * change does not squash the rest, a bar per bucket scaled to the fullest one, and the count.
 */
export function formatHistogram(distribution: Distribution): string[] {
  const buckets = bucketEdges.map((low, index) => {
    const high = bucketEdges[index + 1];
    const count = distribution.values.filter((value) => value >= low && (high === undefined || value < high)).length;
    const label = high === undefined ? `${low}+` : high - low === 1 ? `${low}` : `${low}-${high - 1}`;
    return { label, count };
  });
  const last = Math.max(0, ...buckets.map((bucket, index) => (bucket.count > 0 ? index : 0)));
  const shown = buckets.slice(0, last + 1);
  const fullest = Math.max(1, ...shown.map((bucket) => bucket.count));
  return shown.map((bucket) => `  ${bucket.label.padStart(9)} | ${'#'.repeat(Math.ceil((bucket.count / fullest) * barWidth * (bucket.count > 0 ? 1 : 0))).padEnd(barWidth)} ${bucket.count}`);
}

/** The block `risk init` and `risk calibrate` print per signal. */
export function formatDistribution(distribution: Distribution): string {
  const { p50, p90, p99, max } = distribution.percentiles;
  const format = (value: number): string => String(Number(value.toFixed(2)));
  return [`${distribution.signal}: p50 ${format(p50)}, p90 ${format(p90)}, p99 ${format(p99)}, max ${format(max)} (${distribution.values.length} commits)`, ...formatHistogram(distribution)].join('\n');
}

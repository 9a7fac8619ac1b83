import type { Command } from 'commander';
import { resolve } from 'node:path';
import { formatDistribution } from '../../run/history/distributions.js';
import type { ModelEvaluation } from '../../run/history/evaluate-model.js';
import type { HistoryStudy, StudyOptions } from '../../run/history/history-study.js';
import type { PolicySimulation } from '../../run/history/simulate-policy.js';
import { UsageError } from '../../shared/errors.js';
import type { Io } from '../io.js';

/** Flags of the commands that replay history (`init`, `calibrate`). */
export interface HistoryFlags {
  commits: string;
  config?: string;
  cache: boolean;
  cacheDir?: string;
  progress: boolean;
  cwd: string;
  debug?: boolean;
}

export function withHistoryOptions(command: Command): Command {
  return command
    .option('-n, --commits <count>', 'how many first-parent commits to replay (fewer when the history is shorter)', '200')
    .option('-C, --cwd <dir>', 'repository', process.cwd())
    .option('--cache-dir <dir>', 'cache folder (per-commit results go to its history/ folder, so an interrupted replay resumes)')
    .option('--no-cache', 'neither read nor write the cache (every commit is analysed again)')
    .option('--no-progress', 'no progress line on stderr')
    .option('--debug', 'print stack traces for errors');
}

export function studyOptions(flags: HistoryFlags, io: Io): StudyOptions {
  const commits = Number(flags.commits);
  if (!Number.isInteger(commits) || commits < 1) throw new UsageError(`--commits "${flags.commits}" is not a positive whole number`, 'e.g. --commits 200');
  return {
    cwd: resolve(flags.cwd),
    commits,
    cacheDir: !flags.cache ? null : flags.cacheDir === undefined ? undefined : resolve(flags.cwd, flags.cacheDir),
    configPath: flags.config === undefined ? undefined : resolve(flags.cwd, flags.config),
    onProgress: flags.progress && io.isInteractive() ? (phase) => io.progress(phase) : undefined,
  };
}

export function formatStudy(study: HistoryStudy): string {
  const analysed = study.replay.commits.length - study.failed.count;
  const lines = [`risk: ${analysed} of the last ${study.replay.commits.length} first-parent commits analysed, each against its first parent`];
  if (study.failed.count > 0) lines.push(`  ${study.failed.count} could not be analysed and are left out (e.g. ${study.failed.example ?? ''})`);
  lines.push('');
  for (const distribution of study.distributions) lines.push(formatDistribution(distribution), '');
  return `${lines.join('\n')}\n`;
}

const percent = (share: number | null): string => (share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`);

export function formatSimulation(simulation: PolicySimulation): string {
  const lines = [`Over these ${simulation.commits} commits, this policy would have:`];
  for (const rule of simulation.rules) lines.push(`  ${rule.rule}: warned on ${percent(rule.warn)}, failed ${percent(rule.fail)}`);
  if (simulation.rules.length === 0) lines.push('  fired no rule or threshold');
  lines.push(`  verdicts: ${percent(simulation.verdicts.pass)} pass, ${percent(simulation.verdicts.warn)} warn, ${percent(simulation.verdicts.fail)} fail (sign-offs and baselines not replayed)`);
  return `${lines.join('\n')}\n`;
}

export function formatEvaluation(evaluation: ModelEvaluation): string {
  const auc = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(3));
  return [
    `Risk model: fitted on the older ${evaluation.split.fit} commits, tested on the newer ${evaluation.split.test} (${evaluation.labelled} of ${evaluation.commits} later fixed or reverted)`,
    `  AUC on the test period: model ${auc(evaluation.model.auc)}, lines changed ${auc(evaluation.baselines.lines.auc)}, affected files ${auc(evaluation.baselines.affectedFiles.auc)}`,
    `  the riskiest 10% of test commits hold ${percent(evaluation.topDecileCapture)} of the troubled ones, the riskiest 20% ${percent(evaluation.topQuintileCapture)}`,
    '',
  ].join('\n');
}

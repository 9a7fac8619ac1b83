import { openHistoryStore } from '../../cache/history-store.js';
import { createGit } from '../../git/git.js';
import { readFirstParentHistory, type HistoryCommit } from '../../git/history-log.js';
import { findRepositoryRootOrThrow, resolveCommitOrThrow } from '../../git/refs.js';
import { defaultCacheDir } from '../../cache/cache-location.js';
import { run } from '../pipeline.js';
import { GitError, UsageError } from '../../shared/errors.js';
import type { RiskReport } from '../../shared/types.js';
import { signalRow } from '../../signals/score/feature-row.js';
import { sizeOfChange } from '../../signals/score/size.js';

/** Bump when what a replay records per commit changes: older stored results are then recomputed. */
export const replayFormat = 'replay-1';

/** The numeric signals of one past commit, analysed against its first parent. */
export interface ReplayedCommit {
  sha: string;
  parent: string;
  /** Author time, seconds since the epoch. */
  time: number;
  authorEmail: string;
  subject: string;
  /** Every numeric signal of the report (booleans as 0/1), the summary's counts, and the size of the change. */
  values: Record<string, number>;
  /** Why the commit could not be analysed (damaged objects, a limit); its values are then empty. */
  error: string | null;
}

export interface ReplayOptions {
  cwd: string;
  /** How many first-parent commits back from head. */
  count: number;
  head?: string | undefined;
  /** Cache folder (per-commit results go to its `history/` folder); null: none; undefined: the default. */
  cacheDir?: string | null | undefined;
  configPath?: string | undefined;
  /** Called before each commit (done so far, total, how many came from the cache). */
  onProgress?: ((done: number, total: number, cached: number) => void) | undefined;
}

export interface Replay {
  root: string;
  head: string;
  /** Oldest first; includes commits that failed (with `error`). */
  commits: ReplayedCommit[];
  /** The first-parent history the commits were taken from (newest first), for labels and history features. */
  history: HistoryCommit[];
}

/**
 * Replays the last `count` first-parent commits through the pipeline, each against its first
 * parent, with the cache. Each result is stored by sha as soon as it is known, so an interrupted
 * replay resumes where it stopped. Reads the repository only.
 */
export async function replayHistory(options: ReplayOptions): Promise<Replay> {
  if (!Number.isInteger(options.count) || options.count < 1) throw new UsageError(`the number of commits "${options.count}" is not a positive whole number`, 'e.g. --commits 200');
  const root = await findRepositoryRootOrThrow(createGit(options.cwd));
  const git = createGit(root);
  const head = await resolveCommitOrThrow(git, options.head ?? 'HEAD', '--head');
  const history = await readFirstParentHistory(git, head);
  const chosen = history.slice(0, options.count).filter((commit) => commit.parent !== null).reverse();
  const cacheDir = options.cacheDir === undefined ? await defaultCacheDir(root) : options.cacheDir;
  const store = openHistoryStore(cacheDir, replayFormat);
  const commits: ReplayedCommit[] = [];
  let cached = 0;
  let failures: string[] = [];
  for (const commit of chosen) {
    options.onProgress?.(commits.length, chosen.length, cached);
    const stored = store.read<ReplayedCommit>(commit.sha);
    if (stored !== undefined) {
      cached++;
      commits.push(stored);
      continue;
    }
    const replayed = await replayCommit(root, commit, cacheDir, options.configPath);
    store.write(commit.sha, replayed);
    commits.push(replayed);
    failures = replayed.error === null ? [] : [...failures, replayed.error];
    // The same error on the first commits in a row is about the repository, not about one commit.
    if (failures.length === 3 && commits.length === 3 && new Set(failures).size === 1) {
      throw new GitError(`cannot analyse the history: ${failures[0] ?? ''}`, 'run `risk --base HEAD~1` to see the error on the latest commit');
    }
  }
  options.onProgress?.(commits.length, chosen.length, cached);
  return { root, head, commits, history };
}

async function replayCommit(root: string, commit: HistoryCommit, cacheDir: string | null, configPath: string | undefined): Promise<ReplayedCommit> {
  const base = { sha: commit.sha, parent: commit.parent as string, time: commit.time, authorEmail: commit.authorEmail, subject: commit.subject };
  try {
    const report = await run({ cwd: root, mode: 'range', base: commit.parent as string, head: commit.sha, cacheDir, configPath, policyFrom: 'working-tree' });
    return { ...base, values: numericValues(report), error: null };
  } catch (error) {
    // Bad flags fail every commit alike: stop and say so once. A ConfigError may be about one
    // commit's tsconfig and is recorded like any other failure.
    if (error instanceof UsageError) throw error;
    return { ...base, values: {}, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Read generically from the report, so signals other stages add later (e.g. contract-affected
 * files) are picked up without changes here: every numeric or boolean signal, every numeric
 * summary count not already a signal, and the size of the change.
 */
export function numericValues(report: RiskReport): Record<string, number> {
  const values = signalRow(report.signals, report.nonCode);
  for (const [key, value] of Object.entries(report.summary as unknown as Record<string, unknown>)) {
    if (typeof value === 'number' && !(key in values)) values[key] = value;
  }
  return { ...values, ...sizeOfChange(report.changedFiles) };
}

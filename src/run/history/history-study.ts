import picomatch from 'picomatch';
import { defaultTestGlobs } from '../../config/defaults.js';
import { createGit } from '../../git/git.js';
import { listTreePaths, readHeadSha } from '../../git/queries.js';
import { findRepositoryRootOrThrow } from '../../git/refs.js';
import { FileHistory } from '../../signals/score/file-history.js';
import { percentileOf, scoreRow, type ScoreModel } from '../../signals/score/model.js';
import { UsageError } from '../../shared/errors.js';
import { isSourceFile } from '../../shared/source-files.js';
import { distributionsOf, type Distribution } from './distributions.js';
import { buildRows, evaluateModel, type ModelEvaluation } from './evaluate-model.js';
import { labelCommits } from './labels.js';
import { replayHistory, type Replay, type ReplayedCommit } from './replay.js';

export interface StudyOptions {
  cwd: string;
  commits: number;
  cacheDir?: string | null | undefined;
  configPath?: string | undefined;
  onProgress?: ((phase: string) => void) | undefined;
}

/** What `risk init` and `risk calibrate` learn from the repository's history. */
export interface HistoryStudy {
  root: string;
  replay: Replay;
  /** Commits that could not be analysed, with the first reason. */
  failed: { count: number; example: string | null };
  distributions: Distribution[];
  /** Test globs of the usual conventions that match files in the repository (all of them when none does). */
  testGlobs: string[];
  /** Package folders ('' for the root), from the package.json files of the head tree. */
  packages: string[];
}

/** Conventions a repository's tests may follow, beyond the defaults. */
const candidateTestGlobs = [...defaultTestGlobs, '**/*.test-d.ts', '**/e2e/**', '**/__mocks__/**'];

/**
 * Replays the last `commits` first-parent commits (fewer when the history is shorter) and
 * measures them. Refuses a repository without history or without TypeScript. Read-only.
 */
export async function studyHistory(options: StudyOptions): Promise<HistoryStudy> {
  const root = await findRepositoryRootOrThrow(createGit(options.cwd));
  const git = createGit(root);
  const head = await readHeadSha(git);
  if (head === undefined) throw new UsageError(`${root} has no commits yet: there is no history to learn thresholds from`, 'commit some work first, or write .riskrc.json by hand (see .riskrc.example.json)');
  const paths = await listTreePaths(git, head);
  if (!paths.some((path) => isSourceFile(path) && /\.(c|m)?tsx?$/.test(path))) {
    throw new UsageError(`${root} has no TypeScript files at HEAD`, 'risk analyses TypeScript projects; run it in a repository with .ts or .tsx files');
  }
  const replay = await replayHistory({
    cwd: root,
    count: options.commits,
    cacheDir: options.cacheDir,
    configPath: options.configPath,
    onProgress: (done, total, cached) => options.onProgress?.(`replaying commit ${done + 1 > total ? total : done + 1}/${total}${cached > 0 ? ` (${cached} from the cache)` : ''}`),
  });
  if (replay.commits.length === 0) throw new UsageError(`${root} has a single commit: there is no change to learn from`, 'run risk init again once the repository has some history');
  const failed = replay.commits.filter((commit) => commit.error !== null);
  if (failed.length === replay.commits.length) throw new UsageError(`none of the last ${replay.commits.length} commits could be analysed: ${failed[0]?.error ?? ''}`, 'run `risk --base HEAD~1` to see the problem on the latest commit');
  const testGlobs = candidateTestGlobs.filter((glob) => {
    const matches = picomatch(glob, { dot: true });
    return paths.some((path) => matches(path));
  });
  const packages = paths.filter((path) => /(^|\/)package\.json$/.test(path) && !path.includes('node_modules/')).map((path) => path.slice(0, Math.max(0, path.length - 'package.json'.length - 1)));
  return {
    root,
    replay,
    failed: { count: failed.length, example: failed[0]?.error ?? null },
    distributions: distributionsOf(replay.commits),
    testGlobs: testGlobs.length > 0 ? testGlobs : defaultTestGlobs,
    packages,
  };
}

/** Labels the replayed commits (reverts, SZZ) and fits and tests the model; throws UsageError when there is too little to learn from. */
export async function studyModel(study: HistoryStudy, onProgress?: (phase: string) => void): Promise<ModelEvaluation> {
  const candidates = new Set(study.replay.commits.map((commit) => commit.sha));
  const labels = await labelCommits(createGit(study.root), study.replay.history, candidates, { onProgress: (done, total) => onProgress?.(`labelling: fix commit ${done}/${total}`) });
  return evaluateModel(buildRows(study.replay, labels));
}

/** Each analysed commit's signal values as the policy sees them, with riskScore and riskPercentile from `model` when given. */
export function replayedValues(study: HistoryStudy, model: ScoreModel | null): { commit: ReplayedCommit; values: Record<string, number> }[] {
  const files = model === null ? null : new FileHistory(study.replay.history);
  const bySha = new Map(study.replay.history.map((commit) => [commit.sha, commit]));
  return study.replay.commits
    .filter((commit) => commit.error === null)
    .map((commit) => {
      if (model === null || files === null) return { commit, values: commit.values };
      const paths = bySha.get(commit.sha)?.files.map((file) => file.path) ?? [];
      const row = { ...commit.values, ...files.featuresOf({ paths, authorEmail: commit.authorEmail, time: commit.time, subjects: [commit.subject] }) };
      const score = Number(scoreRow(model, row).toFixed(4));
      return { commit, values: { ...commit.values, riskScore: score, riskPercentile: percentileOf(model, score) } };
    });
}

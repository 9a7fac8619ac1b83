import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { simpleGit, type SimpleGit } from 'simple-git';
import { GitError, UsageError } from '../shared/errors.js';
import { batchReaderFor, isPlainTreePath, type BatchReader } from './batch-reader.js';
import { encodeGitPath } from './git-path.js';

/**
 * The one place that runs git. Every call is read-only: GIT_OPTIONAL_LOCKS=0 stops
 * git from refreshing the index behind our back, so a run never touches the user's repo.
 */
export interface Git {
  /** Runs git with the given arguments and returns stdout; throws GitError on failure. */
  run(args: string[]): Promise<string>;
  /** Like `run`, but returns undefined instead of throwing when git exits non-zero. */
  tryRun(args: string[]): Promise<string | undefined>;
  /**
   * Like `tryRun`, through a plain pipe: for questions whose usual answer is no output at all
   * (no such ref, no such setting). simple-git waits 50 ms after a command that printed nothing
   * before it answers (its completion check), which two such questions on every run made a
   * fifth of a warm run's wall time.
   */
  tryRunPlain(args: string[]): Promise<string | undefined>;
  /**
   * Runs git and returns stdout as bytes: for `-z` listings of paths, which are bytes that
   * need not be UTF-8 (decode them with git-path.ts, never as a whole string).
   */
  runBytes(args: string[]): Promise<Buffer>;
  /** Reads many blobs at once through `git cat-file --batch`. */
  readBlobs(shas: string[]): Promise<Map<string, Buffer>>;
  /** Reads files of a commit by path (only paths `isPlainTreePath` accepts); missing ones and non-files are left out. */
  readPaths(commit: string, paths: string[]): Promise<Map<string, Buffer>>;
  /** The commit each revision names (as `rev-parse --verify <rev>^{commit}` would), or undefined; revisions hold no line break. */
  resolveCommits(revisions: string[]): Promise<(string | undefined)[]>;
  readonly cwd: string;
}

/**
 * Variables git needs to find the user's config and repository; nothing else of the user's
 * environment is passed on (credential helpers, SSL settings): none of it matters for reading.
 */
const passedVariables = ['PATH', 'HOME', 'USERPROFILE', 'SYSTEMROOT', 'TMPDIR', 'XDG_CONFIG_HOME', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'GIT_CEILING_DIRECTORIES'];

export const gitEnvironment: Record<string, string> = {
  ...Object.fromEntries(passedVariables.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]]))),
  GIT_OPTIONAL_LOCKS: '0',
  GIT_TERMINAL_PROMPT: '0',
  // In a partial clone git would fetch missing blobs from the remote (git 2.44+ honours this);
  // older git is covered by refusing partial clones (refuseLazyFetchOrThrow) unless --allow-fetch.
  GIT_NO_LAZY_FETCH: '1',
  // The repository's core.fsmonitor hook is a program git would run while reading the index.
  ...configVariables([['core.fsmonitor', 'false']]),
  LC_ALL: 'C',
};

/**
 * `-c key=value` settings as GIT_CONFIG_COUNT/KEY/VALUE variables (git 2.31+): a value may be
 * empty and a key may hold `=`, which `-c` cannot say.
 */
function configVariables(settings: [string, string][]): Record<string, string> {
  const variables: Record<string, string> = { GIT_CONFIG_COUNT: String(settings.length) };
  settings.forEach(([key, value], index) => {
    variables[`GIT_CONFIG_KEY_${index}`] = key;
    variables[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return variables;
}

/**
 * Settings that switch off the named `.gitattributes` filter drivers: an empty `process` makes
 * git skip the driver's `clean` command too, and `required=false` lets it read the file as is.
 * For `--worktree`, where git would otherwise run the repository's clean filters on changed files.
 */
export function disabledFilterSettings(drivers: string[]): [string, string][] {
  return drivers.flatMap((name): [string, string][] => [
    [`filter.${name}.process`, ''],
    [`filter.${name}.required`, 'false'],
  ]);
}

/**
 * `--allow-fetch`: lets git fetch missing blobs of a partial clone. Process-wide (it is one run's
 * choice, made before any git runs; a worker thread has its own copy of this module).
 */
export function allowLazyFetch(): void {
  delete gitEnvironment.GIT_NO_LAZY_FETCH;
}

export function createGit(cwd: string, settings: [string, string][] = []): Git {
  const environment = settings.length === 0 ? gitEnvironment : { ...gitEnvironment, ...configVariables([['core.fsmonitor', 'false'], ...settings]) };
  if (!isDirectory(cwd)) throw new UsageError(`${cwd} is not a directory`, 'pass --cwd the folder of a git repository (or leave it out to use the current one)');

  // Text questions go through simple-git (the design's git client); byte output and the
  // long-lived cat-file reader need raw pipes, which it does not offer, so they are plain
  // child processes (execGit, batch-reader.ts).
  const client: SimpleGit = simpleGit({
    baseDir: cwd,
    maxConcurrentProcesses: 4,
    trimmed: false,
    allowEnvironment: Object.keys(environment).filter((name) => name.startsWith('GIT_')),
    // GIT_CONFIG_GLOBAL is the user's own setting, passed on from their environment. The
    // GIT_CONFIG_COUNT settings are only ours (core.fsmonitor, filters off): the user's own
    // GIT_CONFIG_* variables are never passed on; simple-git vets any core.fsmonitor setting,
    // and ours is the safe one (false); likewise filter settings, which we only ever switch off.
    unsafe: { allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true, allowUnsafeFsMonitor: true, allowUnsafeFilter: true },
    // simple-git only fails a command that also wrote to stderr; `rev-parse --quiet`,
    // `cat-file -e` and `merge-base` say "no" with an exit code alone.
    errors: (error, result) => {
      if (error) return error;
      if (result.exitCode !== 0) return Buffer.from(`git exited with code ${result.exitCode}`);
      return undefined;
    },
  }).env(environment);

  const run = async (args: string[]): Promise<string> => {
    try {
      return await client.raw(args);
    } catch (error) {
      const reason = firstLine(error);
      const isDamaged = /unable to read|bad object|missing|corrupt|did not receive expected object/i.test(reason);
      throw new GitError(
        `git ${args[0]} failed: ${reason}`,
        isDamaged ? 'the repository lacks objects or is damaged: run `git fsck`, or fetch the missing history' : `run \`git ${args.join(' ')}\` yourself to see the whole error`,
      );
    }
  };

  const tryRun = async (args: string[]): Promise<string | undefined> => {
    try {
      return await client.raw(args);
    } catch {
      return undefined;
    }
  };

  const runBytes = async (args: string[]): Promise<Buffer> => {
    const { code, stdout, stderr } = await execGit(cwd, environment, args);
    if (code === 0) return stdout;
    const reason = firstLine(stderr.toString('utf8').trim() || `git exited with code ${code}`);
    throw new GitError(`git ${args[0]} failed: ${reason}`, `run \`git ${args.join(' ')}\` yourself to see the whole error`);
  };

  const tryRunPlain = async (args: string[]): Promise<string | undefined> => {
    const { code, stdout } = await execGit(cwd, environment, args);
    return code === 0 ? stdout.toString('utf8') : undefined;
  };

  // cat-file runs no filters, so the plain environment; read at call time (see allowLazyFetch).
  const batch = (): BatchReader => batchReaderFor(cwd, gitEnvironment);
  return { run, tryRun, tryRunPlain, runBytes, readBlobs: (shas) => readBlobs(batch(), shas), readPaths: (commit, paths) => readPaths(batch(), commit, paths), resolveCommits: (revisions) => resolveCommits(batch(), revisions), cwd };
}

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
}

/** One git process, its output as bytes (simple-git decodes to text) and its exit code. */
function execGit(cwd: string, env: Record<string, string>, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    // Not started (no git on PATH): a failed command, which callers explain (findRepositoryRootOrThrow).
    child.on('error', (error) => resolve({ code: -1, stdout: Buffer.alloc(0), stderr: Buffer.from(`could not run git: ${error.message}`) }));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) }));
  });
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0] ?? text;
}

/** A full object id (SHA-1 or SHA-256), the only thing `readBlobs` accepts. */
const objectId = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Blobs by object id, through the shared `cat-file --batch` (batch-reader.ts). Requests are
 * object ids only, never `<rev>:<path>`: a path holding a newline would be two requests and
 * shift every later answer onto the wrong file (issue 16).
 */
async function readBlobs(reader: BatchReader, shas: string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(shas)];
  const result = new Map<string, Buffer>();
  if (unique.length === 0) return result;
  const bad = unique.find((sha) => !objectId.test(sha));
  if (bad !== undefined) throw new GitError(`internal: readBlobs takes object ids, not ${JSON.stringify(bad.slice(0, 80))}`);
  const answers = await reader.read(unique.map((sha) => Buffer.from(sha, 'latin1')), (name, id) => name === id);
  unique.forEach((sha, index) => {
    const answer = answers[index];
    if (answer !== undefined) result.set(sha, answer.content);
  });
  return result;
}

/**
 * Files of a commit by path, as `<commit>:<path>` requests: only for paths isPlainTreePath
 * accepts (the caller looks the others up in the commit's listing). Only blobs count: a folder,
 * a submodule or a missing path is left out.
 */
async function readPaths(reader: BatchReader, commit: string, paths: string[]): Promise<Map<string, Buffer>> {
  if (!objectId.test(commit)) throw new GitError(`internal: readPaths takes a commit id, not ${JSON.stringify(commit.slice(0, 80))}`);
  const bad = paths.find((path) => !isPlainTreePath(path));
  if (bad !== undefined) throw new GitError(`internal: readPaths cannot ask for ${JSON.stringify(bad.slice(0, 80))}`);
  const unique = [...new Set(paths)];
  const answers = await reader.read(
    unique.map((path) => Buffer.concat([Buffer.from(`${commit}:`, 'latin1'), encodeGitPath(path)])),
    (_name, id) => objectId.test(id),
  );
  const result = new Map<string, Buffer>();
  unique.forEach((path, index) => {
    const answer = answers[index];
    if (answer?.type === 'blob') result.set(path, answer.content);
  });
  return result;
}

/** Revisions peeled to commits through the shared `cat-file --batch`: no process of its own. */
async function resolveCommits(reader: BatchReader, revisions: string[]): Promise<(string | undefined)[]> {
  const bad = revisions.find((revision) => /[\n\r]/.test(revision) || revision.startsWith('-'));
  if (bad !== undefined) throw new GitError(`internal: resolveCommits cannot ask for ${JSON.stringify(bad.slice(0, 80))}`);
  const answers = await reader.read(
    revisions.map((revision) => Buffer.from(`${revision}^{commit}`, 'utf8')),
    (_name, id) => objectId.test(id),
  );
  return answers.map((answer) => (answer?.type === 'commit' ? answer.id : undefined));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

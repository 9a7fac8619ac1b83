import { execFile, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { simpleGit, type SimpleGit } from 'simple-git';
import { GitError, UsageError } from '../shared/errors.js';

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
   * Runs git and returns stdout as bytes: for `-z` listings of paths, which are bytes that
   * need not be UTF-8 (decode them with git-path.ts, never as a whole string).
   */
  runBytes(args: string[]): Promise<Buffer>;
  /** Reads many blobs at once through `git cat-file --batch`. */
  readBlobs(shas: string[]): Promise<Map<string, Buffer>>;
  readonly cwd: string;
}

/**
 * Variables git needs to find the user's config and repository; simple-git refuses to pass
 * on many others (credential helpers, SSL settings), and none of those matter for reading.
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

  const runBytes = (args: string[]): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      execFile('git', args, { cwd, env: environment, encoding: 'buffer', maxBuffer: 2 ** 31 - 1 }, (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        const reason = firstLine(stderr.toString('utf8').trim() || error.message);
        reject(new GitError(`git ${args[0]} failed: ${reason}`, `run \`git ${args.join(' ')}\` yourself to see the whole error`));
      });
    });

  return { run, tryRun, runBytes, readBlobs: (shas) => readBlobs(cwd, shas), cwd };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0] ?? text;
}

/** A full object id (SHA-1 or SHA-256), the only thing `readBlobs` accepts. */
const objectId = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * simple-git has no streaming stdin, and one `cat-file --batch` process is far faster than
 * one `git show` per file, so blobs are read with a plain child process. Requests are object
 * ids only, never `<rev>:<path>`: a path holding a newline would be two requests and shift
 * every later answer onto the wrong file (issue 16).
 */
function readBlobs(cwd: string, shas: string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(shas)];
  const result = new Map<string, Buffer>();
  if (unique.length === 0) return Promise.resolve(result);
  const bad = unique.find((sha) => !objectId.test(sha));
  if (bad !== undefined) return Promise.reject(new GitError(`internal: readBlobs takes object ids, not ${JSON.stringify(bad.slice(0, 80))}`));

  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env: gitEnvironment, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new GitError(`could not run git cat-file: ${error.message}`)));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new GitError(`git cat-file failed: ${stderr.trim().split('\n')[0] ?? ''}`));
        return;
      }
      try {
        parseBatchOutput(Buffer.concat(chunks), unique, result);
        resolve(result);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.stdin.end(unique.join('\n') + '\n');
  });
}

/**
 * Output is `<id> <type> <size>\n<content>\n` per request, in request order, or
 * `<id> missing\n`. Every answer must name the id asked for: an answer for anything else
 * means the two sides disagree on where requests end, and no answer is trusted.
 */
function parseBatchOutput(output: Buffer, requests: string[], into: Map<string, Buffer>): void {
  let offset = 0;
  for (const request of requests) {
    const newline = output.indexOf(0x0a, offset);
    if (newline < 0) throw new GitError('git cat-file gave fewer answers than requests');
    const header = output.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    const [name = '', type = '', size = ''] = header.split(' ');
    if (name !== request) throw new GitError(`git cat-file answered ${JSON.stringify(name.slice(0, 80))} for ${request}`);
    if (type === 'missing' || type === 'ambiguous') continue;
    const length = Number(size);
    if (!Number.isSafeInteger(length) || offset + length > output.length) throw new GitError(`git cat-file gave a truncated answer for ${request}`);
    into.set(request, output.subarray(offset, offset + length));
    offset += length + 1;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

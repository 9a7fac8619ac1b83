import { spawn } from 'node:child_process';
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
  LC_ALL: 'C',
};

export function createGit(cwd: string): Git {
  if (!isDirectory(cwd)) throw new UsageError(`${cwd} is not a directory`, 'pass --cwd the folder of a git repository (or leave it out to use the current one)');
  const client: SimpleGit = simpleGit({
    baseDir: cwd,
    maxConcurrentProcesses: 4,
    trimmed: false,
    allowEnvironment: Object.keys(gitEnvironment).filter((name) => name.startsWith('GIT_')),
    // GIT_CONFIG_GLOBAL is the user's own setting, passed on from their environment.
    unsafe: { allowUnsafeConfigPaths: true },
    // simple-git only fails a command that also wrote to stderr; `rev-parse --quiet`,
    // `cat-file -e` and `merge-base` say "no" with an exit code alone.
    errors: (error, result) => {
      if (error) return error;
      if (result.exitCode !== 0) return Buffer.from(`git exited with code ${result.exitCode}`);
      return undefined;
    },
  }).env(gitEnvironment);

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

  return { run, tryRun, readBlobs: (shas) => readBlobs(cwd, shas), cwd };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0] ?? text;
}

/**
 * simple-git has no streaming stdin, and one `cat-file --batch` process is far faster than
 * one `git show` per file, so blobs are read with a plain child process.
 */
function readBlobs(cwd: string, shas: string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(shas)];
  const result = new Map<string, Buffer>();
  if (unique.length === 0) return Promise.resolve(result);

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
      parseBatchOutput(Buffer.concat(chunks), unique, result);
      resolve(result);
    });
    child.stdin.end(unique.join('\n') + '\n');
  });
}

/**
 * Output is `<sha> <type> <size>\n<content>\n` per request, in request order, or
 * `<request> missing\n`; requests may be `<rev>:<path>`, so answers are matched by position.
 */
function parseBatchOutput(output: Buffer, requests: string[], into: Map<string, Buffer>): void {
  let offset = 0;
  for (const request of requests) {
    const newline = output.indexOf(0x0a, offset);
    if (newline < 0) break;
    const header = output.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) continue;
    const size = Number(header.slice(header.lastIndexOf(' ') + 1));
    into.set(request, output.subarray(offset, offset + size));
    offset += size + 1;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

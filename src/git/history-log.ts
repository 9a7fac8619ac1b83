import { GitError } from '../shared/errors.js';
import type { Git } from './git.js';

/** One first-parent commit with what history features and labels need; never file contents. */
export interface HistoryCommit {
  sha: string;
  /** First parent, or null for a root commit. */
  parent: string | null;
  /** Author time, seconds since the epoch. */
  time: number;
  authorEmail: string;
  subject: string;
  /** The whole message (subject and body), for revert and fix markers. */
  message: string;
  /** Files changed against the first parent (renames as delete + add). */
  files: { path: string }[];
}

const recordStart = '\x1e';
const format = `${recordStart}%H%x00%P%x00%at%x00%ae%x00%B%x00`;

/**
 * First-parent history of `head`, newest first: each commit (a merge too) diffed against its
 * first parent, as a pull request's squash would be. `since` (seconds) bounds it by author time;
 * `limit` by count. Read-only.
 */
export async function readFirstParentHistory(git: Git, head: string, options: { limit?: number | undefined; since?: number | undefined } = {}): Promise<HistoryCommit[]> {
  // --name-only compares tree entries and never reads a blob: a clone that lacks some large
  // blobs (a partial or damaged mirror) still has its whole history readable.
  const args = ['-c', 'core.quotePath=false', 'log', '--first-parent', '--diff-merges=first-parent', '--no-renames', '--name-only', '--no-show-signature', `--format=${format}`];
  if (options.limit !== undefined) args.push(`-n${options.limit}`);
  if (options.since !== undefined) args.push(`--since=${options.since}`);
  args.push('--end-of-options', head, '--');
  return parseHistory(await git.run(args));
}

/** Splits the log above: a record is the header fields, NUL, then one changed path per line. */
export function parseHistory(output: string): HistoryCommit[] {
  const commits: HistoryCommit[] = [];
  for (const record of output.split(recordStart)) {
    if (record === '') continue;
    const fields = record.split('\0');
    if (fields.length < 6) throw new GitError('git log printed a history record risk cannot read', 'run `git --version`; risk needs git 2.31 or newer');
    const [sha = '', parents = '', time = '0', email = '', message = '', names = ''] = fields;
    const files = names
      .split('\n')
      .filter((line) => line !== '')
      .map((path) => ({ path }));
    const trimmed = message.trim();
    commits.push({ sha, parent: parents.split(' ')[0] || null, time: Number(time), authorEmail: email.toLowerCase(), subject: trimmed.split('\n')[0] ?? '', message: trimmed, files });
  }
  return commits;
}

/** Changed line ranges on the old side of `parent..sha`, per old path (text files only). */
export async function readDeletedRanges(git: Git, parent: string, sha: string, paths: string[]): Promise<Map<string, { start: number; count: number }[]>> {
  const ranges = new Map<string, { start: number; count: number }[]>();
  if (paths.length === 0) return ranges;
  const patch = await git.run(['-c', 'core.quotePath=false', 'diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', parent, sha, '--', ...paths]);
  let current: string | null = null;
  for (const line of patch.split('\n')) {
    if (line.startsWith('--- ')) current = line.startsWith('--- a/') ? line.slice(6) : null;
    const hunk = /^@@ -(\d+)(?:,(\d+))? \+/.exec(line);
    if (hunk && current !== null) {
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) ranges.set(current, [...(ranges.get(current) ?? []), { start: Number(hunk[1]), count }]);
    }
  }
  return ranges;
}

/**
 * Which first-parent commit last changed each of these lines of `path` at `revision`,
 * ignoring whitespace changes: `git blame --first-parent -w`. Line number -> commit sha.
 */
export async function blameLines(git: Git, revision: string, path: string, lines: number[]): Promise<Map<number, string>> {
  const result = new Map<number, string>();
  if (lines.length === 0) return result;
  const ranges = toRanges(lines).flatMap(([start, end]) => ['-L', `${start},${end}`]);
  const output = await git.tryRun(['blame', '--first-parent', '-w', '--porcelain', ...ranges, revision, '--', path]);
  if (output === undefined) return result;
  for (const line of output.split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ (\d+)/.exec(line);
    if (header) result.set(Number(header[2]), header[1] as string);
  }
  return result;
}

function toRanges(lines: number[]): [number, number][] {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const line of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && line === last[1] + 1) last[1] = line;
    else ranges.push([line, line]);
  }
  return ranges;
}

/** Author time of a commit, seconds since the epoch. */
export async function readCommitTime(git: Git, sha: string): Promise<number> {
  return Number((await git.run(['log', '-1', '--no-show-signature', '--format=%at', '--end-of-options', sha])).trim());
}

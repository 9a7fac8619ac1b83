import { GitError } from '../shared/errors.js';
import { quoteUntrusted } from '../shared/untrusted-text.js';
import type { Git } from './git.js';
import { resolveCommitOrThrow } from './refs.js';

/** One line of git's pre-push input: `<local ref> <local sha> <remote ref> <remote sha>`. */
export interface PushedRef {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

/** A pushed ref and the commits it sends, as a base..head range. */
export interface PushRange {
  ref: PushedRef;
  base: string;
  head: string;
  /** How the base was chosen, for the report header. */
  baseLabel: string;
}

const zeroSha = /^0+$/;

/** Parses pre-push stdin. Malformed lines are an error: a hook must not guess. */
export function parsePrePushInput(text: string): PushedRef[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const parts = line.split(/\s+/);
      if (parts.length !== 4) throw new GitError(`unexpected pre-push input line: ${quoteUntrusted(line)}`, 'the hook must be called by git push, which writes four fields per line');
      const [localRef = '', localSha = '', remoteRef = '', remoteSha = ''] = parts;
      return { localRef, localSha, remoteRef, remoteSha };
    });
}

export function isDeletePush(ref: PushedRef): boolean {
  return zeroSha.test(ref.localSha);
}

/**
 * The exact commits each ref push sends: remote sha..local sha for an existing branch; for a
 * new branch, from the merge-base with the remote's default branch. Deletions send nothing.
 */
export async function findPushRanges(git: Git, remote: string, refs: PushedRef[]): Promise<PushRange[]> {
  const ranges: PushRange[] = [];
  for (const ref of refs) {
    if (isDeletePush(ref)) continue;
    if (ref.localRef.startsWith('refs/tags/')) {
      const commit = await findNewTaggedCommit(git, remote, ref);
      if (commit !== undefined) {
        const defaultBranch = await findRemoteDefaultBranch(git, remote);
        ranges.push({ ref, base: await resolveCommitOrThrow(git, defaultBranch, 'remote default branch'), head: commit, baseLabel: defaultBranch });
      }
      continue;
    }
    if (!zeroSha.test(ref.remoteSha)) {
      // Through the shared cat-file reader: no process of its own. Anything but an object id is unknown here.
      const known = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(ref.remoteSha) ? (await git.resolveCommits([ref.remoteSha]))[0] : undefined;
      if (known === undefined) {
        throw new GitError(`the remote's ${ref.remoteRef} is at ${ref.remoteSha.slice(0, 10)}, which this clone does not have`, `run \`git fetch ${remote}\` and push again`);
      }
      ranges.push({ ref, base: ref.remoteSha, head: ref.localSha, baseLabel: `${remote}/${ref.remoteRef.replace(/^refs\/heads\//, '')}` });
      continue;
    }
    const defaultBranch = await findRemoteDefaultBranch(git, remote);
    const baseTip = await resolveCommitOrThrow(git, defaultBranch, 'remote default branch');
    ranges.push({ ref, base: baseTip, head: ref.localSha, baseLabel: defaultBranch });
  }
  return ranges;
}

/**
 * A pushed tag sends code only when it points at a commit the remote does not have yet; then
 * that commit is analysed like a new branch. Approval tags (risk-approval/...) carry no code
 * of their own and are never analysed, so publishing a sign-off cannot be blocked by the hook.
 */
async function findNewTaggedCommit(git: Git, remote: string, ref: PushedRef): Promise<string | undefined> {
  if (ref.localRef.startsWith('refs/tags/risk-approval/')) return undefined;
  const commit = (await git.tryRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref.localSha}^{commit}`]))?.trim();
  if (!commit) return undefined;
  const unpushed = await git.tryRun(['rev-list', '-n', '1', commit, '--not', `--remotes=${remote}`]);
  return unpushed?.trim() ? commit : undefined;
}

async function findRemoteDefaultBranch(git: Git, remote: string): Promise<string> {
  if (remote.startsWith('-')) throw new GitError(`remote "${remote}" looks like an option`, 'call the hook through git push');
  const head = await git.tryRun(['symbolic-ref', '--quiet', '--short', `refs/remotes/${remote}/HEAD`]);
  if (head && head.trim() !== '') return head.trim();
  for (const candidate of [`refs/remotes/${remote}/main`, `refs/remotes/${remote}/master`, 'refs/heads/main', 'refs/heads/master']) {
    // The last two cover a push to a URL rather than a named remote: there are no tracking refs.
    const sha = await git.tryRun(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
    if (sha && sha.trim() !== '') return candidate.replace(/^refs\/(remotes|heads)\//, '');
  }
  throw new GitError(
    `cannot tell which commits a new branch sends: ${remote} has no default branch here`,
    `run \`git remote set-head ${remote} --auto\` (or \`git fetch ${remote}\`) and push again`,
  );
}

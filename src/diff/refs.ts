import { GitError, UsageError } from '../errors.js';
import type { Git } from './git.js';

/** Finds the repository's top level, refusing bare repositories and non-repositories. */
export async function findRepositoryRootOrThrow(git: Git): Promise<string> {
  const inside = await git.tryRun(['rev-parse', '--is-inside-work-tree']);
  if (inside === undefined) {
    const bare = await git.tryRun(['rev-parse', '--is-bare-repository']);
    if (bare?.trim() === 'true') {
      throw new GitError(`${git.cwd} is a bare git repository`, 'run risk inside a clone with a working tree');
    }
    throw new GitError(`${git.cwd} is not inside a git repository`, 'cd into your project, or run `git init` first');
  }
  if (inside.trim() !== 'true') {
    throw new GitError(`${git.cwd} is not inside a git working tree`, 'run risk from the checked-out project, not from .git');
  }
  return (await git.run(['rev-parse', '--show-toplevel'])).trim();
}

/** Resolves a user-given ref to a commit sha. Refs never reach git as options. */
export async function resolveCommitOrThrow(git: Git, ref: string, flag: string): Promise<string> {
  if (ref.startsWith('-')) {
    throw new UsageError(`${flag} "${ref}" looks like an option, not a git ref`, 'pass a branch, tag or commit sha');
  }
  const sha = await git.tryRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (sha === undefined || sha.trim() === '') {
    const hasCommits = await git.tryRun(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    if (hasCommits === undefined && ref === 'HEAD') {
      throw new GitError('the repository has no commits yet', 'commit something first, or use --worktree after the first commit');
    }
    throw new GitError(`unknown git ref "${ref}" (${flag})`, 'check the name with `git branch -a`; in CI, fetch the base branch first');
  }
  return sha.trim();
}

/**
 * The default base: the current branch's upstream, else the remote's default branch,
 * else a local main/master. Returns the ref name as the user would write it.
 */
export async function findDefaultBaseOrThrow(git: Git): Promise<string> {
  const upstream = await git.tryRun(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  if (upstream && upstream.trim() !== '') return upstream.trim();
  for (const candidate of ['origin/HEAD', 'main', 'master']) {
    const sha = await git.tryRun(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]);
    if (sha && sha.trim() !== '') return candidate;
  }
  throw new GitError(
    'could not find a base to compare against (no upstream, no origin/HEAD, no main or master)',
    'pass one explicitly, e.g. `risk --base develop`',
  );
}

/** The merge-base of two commits; explains shallow clones instead of pretending there is no change. */
export async function findMergeBaseOrThrow(git: Git, baseSha: string, headSha: string, baseRef: string): Promise<string> {
  const mergeBase = await git.tryRun(['merge-base', baseSha, headSha]);
  if (mergeBase && mergeBase.trim() !== '') return mergeBase.trim();
  const shallow = await git.tryRun(['rev-parse', '--is-shallow-repository']);
  if (shallow?.trim() === 'true') {
    throw new GitError(
      `no merge-base between ${baseRef} and HEAD in this shallow clone`,
      'fetch more history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout)',
    );
  }
  throw new GitError(`${baseRef} and HEAD share no history`, 'pick a base branch that this branch was created from');
}

import { GitError, UsageError } from '../shared/errors.js';
import type { Git } from './git.js';

/** Finds the repository's top level, refusing bare repositories and non-repositories. */
export async function findRepositoryRootOrThrow(git: Git): Promise<string> {
  // The usual case in one git process; anything else is asked again step by step, for its message.
  const answer = await git.tryRun(['rev-parse', '--is-bare-repository', '--is-inside-work-tree', '--show-toplevel']);
  const firstBreak = answer?.indexOf('\n') ?? -1;
  const secondBreak = answer?.indexOf('\n', firstBreak + 1) ?? -1;
  if (answer !== undefined && secondBreak > 0 && answer.slice(0, secondBreak) === 'false\ntrue') {
    const root = answer.slice(secondBreak + 1).trim();
    if (root !== '') return root;
  }
  const inside = await git.tryRun(['rev-parse', '--is-inside-work-tree']);
  const bare = await git.tryRun(['rev-parse', '--is-bare-repository']);
  if (bare?.trim() === 'true') {
    throw new GitError(`${git.cwd} is a bare git repository`, 'run risk inside a clone with a working tree');
  }
  if (inside === undefined) {
    if ((await git.tryRun(['--version'])) === undefined) throw new GitError('git was not found (risk runs the `git` on PATH)', 'install git, or add the folder holding it to PATH');
    throw new GitError(`${git.cwd} is not inside a git repository`, 'cd into your project, or run `git init` first');
  }
  if (inside.trim() !== 'true') {
    throw new GitError(`${git.cwd} is not inside a git working tree`, 'run risk from the checked-out project, not from .git');
  }
  return (await git.run(['rev-parse', '--show-toplevel'])).trim();
}

/** Resolves a user-given ref to a commit sha. Refs never reach git as options; ambiguity is refused. */
export async function resolveCommitOrThrow(git: Git, ref: string, flag: string): Promise<string> {
  if (ref.startsWith('-')) {
    throw new UsageError(`${flag} "${ref}" looks like an option, not a git ref`, 'pass a branch, tag or commit sha');
  }
  await refuseEmptyRepository(git);
  await refuseAmbiguousRef(git, ref, flag);
  const sha = await git.tryRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (sha !== undefined && sha.trim() !== '') return sha.trim();
  // `main~3` or `HEAD^` past the first commit: say so rather than "unknown".
  const ancestry = /^(.*?)((?:[~^]\d*)+)$/.exec(ref);
  if (ancestry?.[1]) {
    const start = await git.tryRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ancestry[1]}^{commit}`]);
    if (start !== undefined && start.trim() !== '') {
      throw new GitError(`${flag} ${ref} does not exist: the history of ${ancestry[1]} does not go back that far (it reaches the first commit)`, 'pick a base inside the history, or use --worktree / --staged for a first commit');
    }
  }
  const hint = flag === 'approve' ? 'name the commit to approve: a sha from `git log`, a branch or a tag' : 'check the name with `git branch -a`; in CI, fetch the base branch first';
  throw new GitError(`unknown git ref "${ref}" (${flag})`, hint);
}

/**
 * Several refs at once (`--head` and `--base`): one ambiguity check and one lookup for all of
 * them when they resolve; when one does not, each is resolved again by resolveCommitOrThrow,
 * in order, so the error is the one a lone lookup would give.
 */
export async function resolveCommitsOrThrow(git: Git, requests: readonly (readonly [ref: string, flag: string])[]): Promise<string[]> {
  const canBatch = requests.every(([ref]) => !ref.startsWith('-') && !/[\n\r]/.test(ref));
  if (canBatch) {
    const [ambiguous, shas] = await Promise.all([findAmbiguousRefs(git, requests), git.resolveCommits(requests.map(([ref]) => ref))]);
    if (shas.every((sha): sha is string => sha !== undefined)) {
      if (ambiguous[0] !== undefined) throw ambiguous[0];
      return shas;
    }
  }
  const shas: string[] = [];
  for (const [ref, flag] of requests) shas.push(await resolveCommitOrThrow(git, ref, flag));
  return shas;
}

/** The ambiguity errors of refuseAmbiguousRef for several refs, from one `for-each-ref`, in request order. */
async function findAmbiguousRefs(git: Git, requests: readonly (readonly [ref: string, flag: string])[]): Promise<GitError[]> {
  const checked = requests.filter(([ref]) => !ref.startsWith('refs/') && !/[~^:@{}\s]/.test(ref));
  if (checked.length === 0) return [];
  const candidates = [...new Set(checked.flatMap(([ref]) => refCandidates(ref)))];
  const output = (await git.tryRunPlain(['for-each-ref', '--format=%(refname) %(objectname)%(*objectname)', ...candidates])) ?? '';
  return checked.flatMap(([ref, flag]) => {
    const error = ambiguityError(output, ref, flag);
    return error === undefined ? [] : [error];
  });
}

function refCandidates(ref: string): string[] {
  return [`refs/heads/${ref}`, `refs/tags/${ref}`, `refs/remotes/${ref}`];
}

/** The error for a ref that names different commits as a branch, tag or remote branch, from for-each-ref output. */
function ambiguityError(output: string, ref: string, flag: string): GitError | undefined {
  const candidates = refCandidates(ref);
  const found = output.split('\n').filter((line) => candidates.includes(line.split(' ')[0] ?? ''));
  const targets = new Set(found.map((line) => line.split(' ')[1]?.slice(-40)));
  if (found.length <= 1 || targets.size <= 1) return undefined;
  const names = found.map((line) => line.split(' ')[0]).join(' and ');
  return new GitError(`${flag} "${ref}" is ambiguous: ${names} point to different commits`, `name one in full, e.g. ${flag} ${found[0]?.split(' ')[0] ?? ref}`);
}

/**
 * A branch and a tag (or remote branch) of the same name on different commits: git would
 * pick one with a warning on stderr that nobody reads. We refuse instead.
 */
async function refuseAmbiguousRef(git: Git, ref: string, flag: string): Promise<void> {
  if (ref.startsWith('refs/') || /[~^:@{}\s]/.test(ref)) return;
  const output = await git.tryRunPlain(['for-each-ref', '--format=%(refname) %(objectname)%(*objectname)', ...refCandidates(ref)]);
  const error = ambiguityError(output ?? '', ref, flag);
  if (error !== undefined) throw error;
}

/** A repository with no commit at all (an unborn branch and no refs): nothing to compare. */
async function refuseEmptyRepository(git: Git): Promise<void> {
  const hasCommits = (await git.tryRun(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])) !== undefined;
  if (!hasCommits && (await git.tryRun(['for-each-ref', '--count=1', '--format=x'])) === '') {
    throw new GitError('the repository has no commits yet', 'commit something first, or analyse the working tree with --worktree');
  }
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
  await refuseEmptyRepository(git);
  throw new GitError(
    'could not find a base to compare against (no upstream, no origin/HEAD, no main or master)',
    'pass one explicitly, e.g. `risk --base develop`',
  );
}

/**
 * A partial clone (`--filter=blob:none`) lacks blobs that git fetches from the remote on first
 * use: a run would go to the network and write to .git/objects. Refused unless the user allows it.
 */
export async function refuseLazyFetchOrThrow(git: Git, isAllowed: boolean): Promise<void> {
  if (isAllowed) return;
  // Both settings in one question (keys come back lower-cased, the remote's name as written).
  const settings = ((await git.tryRunPlain(['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'])) ?? '').split('\n');
  const partial = settings.some((line) => /^extensions\.partialclone\s+\S/.test(line));
  const promisor = settings.find((line) => line.startsWith('remote.') && /\s(true|yes|on|1)$/i.test(line.trim()));
  if (!partial && promisor === undefined) return;
  throw new GitError(
    'this is a partial clone: reading files would fetch missing objects from the remote',
    'fetch everything first (`git fetch --refetch` after removing the filter, or a full clone), or pass --allow-fetch to let git fetch them',
  );
}

/** How many times, and by how much, a shallow clone is deepened looking for the merge-base. */
const deepenSteps = [50, 200, 1000, 5000];

/**
 * The merge-base of two commits. In a shallow clone (CI's default) history is deepened a
 * bounded number of times; missing history is an error, never "no change".
 */
export async function findMergeBaseOrThrow(git: Git, baseSha: string, headSha: string, baseRef: string): Promise<string> {
  const mergeBase = await tryMergeBase(git, baseSha, headSha);
  if (mergeBase !== undefined) return mergeBase;
  if (!(await isShallow(git))) {
    throw new GitError(`${baseRef} and HEAD share no history`, 'pick a base branch that this branch was created from');
  }
  const remote = await findRemoteFor(git, baseRef);
  if (remote !== undefined) {
    for (const depth of deepenSteps) {
      // Adds objects only: no tracking refs (empty --refmap), no FETCH_HEAD, no tags.
      const fetched = await git.tryRun(['fetch', '--quiet', `--deepen=${depth}`, '--no-tags', '--no-write-fetch-head', '--refmap=', remote.name, ...remote.refspecs]);
      if (fetched === undefined) break;
      const found = await tryMergeBase(git, baseSha, headSha);
      if (found !== undefined) return found;
      if (!(await isShallow(git))) break;
    }
  }
  throw new GitError(
    `no merge-base between ${baseRef} and HEAD in this shallow clone${remote ? ` (deepened from ${remote.name} up to ${deepenSteps.length} times)` : ''}`,
    'fetch the whole history: `git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout (GIT_DEPTH: 0 in GitLab CI)',
  );
}

async function tryMergeBase(git: Git, a: string, b: string): Promise<string | undefined> {
  const output = await git.tryRun(['merge-base', a, b]);
  return output && output.trim() !== '' ? output.trim() : undefined;
}

async function isShallow(git: Git): Promise<boolean> {
  return (await git.tryRun(['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
}

/** The remote to deepen from, and which of its branches: the base's, and HEAD's upstream. */
async function findRemoteFor(git: Git, baseRef: string): Promise<{ name: string; refspecs: string[] } | undefined> {
  const remotes = ((await git.tryRun(['remote'])) ?? '').split('\n').filter((name) => name !== '');
  const named = remotes.find((name) => baseRef.startsWith(`${name}/`));
  const name = named ?? (remotes.includes('origin') ? 'origin' : remotes[0]);
  if (name === undefined) return undefined;
  const refspecs = new Set<string>();
  if (named) refspecs.add(`refs/heads/${baseRef.slice(named.length + 1)}`);
  const upstream = (await git.tryRun(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']))?.trim();
  if (upstream?.startsWith(`${name}/`)) refspecs.add(`refs/heads/${upstream.slice(name.length + 1)}`);
  // Without a ref on the command line, fetch would apply the configured refspecs and move
  // remote-tracking refs; the remote's HEAD is a safe stand-in (its default branch).
  if (refspecs.size === 0) refspecs.add('HEAD');
  return { name, refspecs: [...refspecs] };
}

import { isPlainTreePath } from './batch-reader.js';
import type { Git } from './git.js';
import { splitNulPaths } from './git-path.js';

/*
 * Small read-only git questions other stages ask. They live here because git/ is the only
 * folder that runs git: a stage calls a named question, never `git.run` with raw arguments.
 */

/** The commit HEAD points at, or undefined in a repository without commits. */
export async function readHeadSha(git: Git): Promise<string | undefined> {
  return (await git.tryRun(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']))?.trim() || undefined;
}

/**
 * `git diff` (or `diff-index` for the working tree) as NUL-separated name-status and a
 * zero-context patch. `git diff <commit>` against the working tree refreshes the index's stat
 * cache even with GIT_OPTIONAL_LOCKS=0; `diff-index` never writes it.
 */
export async function readDiffOutputs(git: Git, flags: string[], revisions: string[], isWorkingTree: boolean): Promise<{ nameStatus: string; patch: string }> {
  const command = isWorkingTree ? 'diff-index' : 'diff';
  // Paths are bytes: the name list is split on NUL before decoding (git-path.ts), and the patch
  // has every unusual byte C-quoted whatever the user's core.quotePath says, so it is ASCII.
  const [nameStatus, patch] = await Promise.all([
    git.runBytes([command, '--name-status', '-z', ...flags, ...revisions, '--']),
    git.run(['-c', 'core.quotePath=true', command, '-p', '-U0', ...flags, ...revisions, '--']),
  ]);
  return { nameStatus: splitNulPaths(nameStatus).join('\0'), patch };
}

/** Untracked files that git does not ignore. */
export async function listUntrackedPaths(git: Git): Promise<string[]> {
  return splitNulPaths(await git.runBytes(['ls-files', '-z', '--others', '--exclude-standard']));
}

/** Every file path of a commit's tree. */
export async function listTreePaths(git: Git, sha: string): Promise<string[]> {
  return splitNulPaths(await git.runBytes(['ls-tree', '-r', '-z', '--name-only', sha]));
}

/**
 * Which of a few known paths are files of a commit, without listing the whole tree (each is one
 * request to the shared `cat-file --batch`). Paths isPlainTreePath refuses count as absent.
 */
export async function listFilesPresent(git: Git, sha: string, paths: readonly string[]): Promise<string[]> {
  const found = await git.readPaths(sha, paths.filter(isPlainTreePath));
  return paths.filter((path) => found.has(path));
}

/** Commits reachable from `head` but not from `base`. */
export async function listCommitsBetween(git: Git, head: string, base: string): Promise<string[]> {
  return (await git.run(['rev-list', '--end-of-options', head, `^${base}`])).split('\n').filter((sha) => sha !== '');
}

/** `for-each-ref` of the refs under `prefix` (e.g. refs/tags/x/), one line per ref in `format`. */
export async function listRefs(git: Git, format: string, prefix: string): Promise<string> {
  return git.run(['for-each-ref', `--format=${format}`, prefix]);
}

/** One git config value, or undefined when unset or empty. */
export async function readConfigValue(git: Git, key: string): Promise<string | undefined> {
  return (await git.tryRun(['config', '--get', key]))?.trim() || undefined;
}

/** Where a config key is set (`local`, `global`, `system`...), or undefined when it is not. */
export async function readConfigScope(git: Git, key: string): Promise<string | undefined> {
  return (await git.tryRun(['config', '--show-scope', '--get', key]))?.split('\t')[0]?.trim();
}

/** The sha a revision names as a commit, or undefined. */
export async function findCommitSha(git: Git, revision: string): Promise<string | undefined> {
  return (await git.tryRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]))?.trim() || undefined;
}

/** Whether a full ref name exists. */
export async function hasRef(git: Git, ref: string): Promise<boolean> {
  return (await git.tryRun(['rev-parse', '--verify', '--quiet', ref])) !== undefined;
}

/** The raw tag object a tag ref points at, or undefined. */
export async function readTagObject(git: Git, ref: string): Promise<string | undefined> {
  return git.tryRun(['cat-file', 'tag', ref]);
}

/** `git rev-parse --git-path <name>`: where git keeps e.g. `hooks` (relative to the top level or absolute). */
export async function readGitPath(git: Git, name: string): Promise<string> {
  return (await git.run(['rev-parse', '--git-path', name])).replace(/\r?\n$/, '');
}

/** The names of the filter drivers configured anywhere (`filter.<name>.clean` / `.process` ...). */
export async function listFilterDrivers(git: Git): Promise<string[]> {
  const output = (await git.tryRunPlain(['config', '-z', '--get-regexp', '^filter\\.'])) ?? '';
  const names = output
    .split('\0')
    .map((entry) => entry.split('\n')[0] ?? '')
    .filter((key) => key.startsWith('filter.') && key.lastIndexOf('.') > 'filter.'.length)
    .map((key) => key.slice('filter.'.length, key.lastIndexOf('.')));
  return [...new Set(names)].sort();
}

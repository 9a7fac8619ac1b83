import { readFileSync } from 'node:fs';
import { sortBy } from '../shared/compare.js';
import { UsageError } from '../shared/errors.js';
import type { ChangeSet, ChangedFile, DiffMode } from '../shared/types.js';
import { listFilterDrivers, listUntrackedPaths, readDiffOutputs, readHeadSha } from '../git/queries.js';
import { allowLazyFetch, createGit, disabledFilterSettings, type Git } from '../git/git.js';
import { toFileSystemPath } from '../git/git-path.js';
import { parseNameStatus, parsePatch, toChangedFiles } from './parse-diff.js';
import { findDefaultBaseOrThrow, findMergeBaseOrThrow, findRepositoryRootOrThrow, refuseLazyFetchOrThrow, resolveCommitsOrThrow } from '../git/refs.js';
import { readCommitTree, readFilesAtCommit, readIndexTree, readWorkingTree, type WorkingTreeMemo } from '../git/tree-snapshot.js';

export interface DiffOptions {
  cwd: string;
  mode: DiffMode;
  /** Base ref for `range` mode; undefined means upstream, then origin/HEAD, then main/master. */
  base?: string | undefined;
  /** Head ref for `range` mode; defaults to HEAD. */
  head?: string | undefined;
  /** How to name the base in the report when `base` is a sha (e.g. "origin/main" in hook mode). */
  baseLabel?: string | undefined;
  /** Kept across runs by a long-lived caller (risk mcp), so an unchanged working-tree file is not read again. */
  worktreeMemo?: WorkingTreeMemo | undefined;
  /** Let git fetch missing objects of a partial clone (--allow-fetch); otherwise a partial clone is refused. */
  allowFetch?: boolean | undefined;
}

/** Git's well-known empty tree: the base of a repository with no commits yet. */
export const emptyTree = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

const diffFlags = ['--no-color', '--no-ext-diff', '--no-textconv', '-M', '--src-prefix=a/', '--dst-prefix=b/'];

/**
 * Stage 1: what changed. Resolves the two sides, lists changed files with their line ranges,
 * and reads the text the later stages need. Read-only with respect to the repository.
 */
export async function collectChanges(options: DiffOptions): Promise<ChangeSet> {
  const probe = createGit(options.cwd);
  const root = await findRepositoryRootOrThrow(probe);
  if (options.allowFetch === true) allowLazyFetch();
  // Git would run the repository's clean filters on working-tree files it diffs: switched off
  // (files are read directly, see readWorkingTree), so no repository-configured program runs.
  const unfiltered = createGit(root);
  const git = options.mode === 'worktree' ? createGit(root, disabledFilterSettings(await listFilterDrivers(unfiltered))) : unfiltered;
  await refuseLazyFetchOrThrow(git, options.allowFetch === true);

  if (options.mode !== 'range' && (options.base !== undefined || options.head !== undefined)) {
    throw new UsageError(`--${options.mode} compares against HEAD and cannot be combined with --base/--head`, 'drop --base/--head, or drop --' + options.mode);
  }

  if (options.mode === 'range') return collectRange(git, root, options);

  const baseSha = (await readHeadSha(git)) ?? emptyTree;
  const base = { ref: 'HEAD', sha: baseSha };
  const diffArgs = options.mode === 'staged' ? ['--cached', baseSha] : [baseSha];
  const [files, headTree] = await Promise.all([
    listChangedFiles(git, diffArgs, options.mode === 'worktree'),
    options.mode === 'staged' ? readIndexTree(git) : readWorkingTree(git, root, options.worktreeMemo),
  ]);
  const withUntracked = options.mode === 'worktree' ? addUntrackedFiles(files, root, await listUntrackedPaths(git)) : files;
  await headTree.loadTexts(withUntracked.map((file) => file.path));
  return {
    mode: options.mode,
    root,
    base,
    head: { ref: options.mode === 'staged' ? 'index' : 'working tree', sha: null },
    files: withUntracked,
    baseFiles: await readBaseFiles(git, baseSha, withUntracked),
    headTree,
  };
}

async function collectRange(git: Git, root: string, options: DiffOptions): Promise<ChangeSet> {
  const headRef = options.head ?? 'HEAD';
  const baseRef = options.base ?? (await findDefaultBaseOrThrow(git));
  const [headSha = '', baseTip = ''] = await resolveCommitsOrThrow(git, [
    [headRef, '--head'],
    [baseRef, '--base'],
  ]);
  // The head's tree does not depend on the merge base: git lists it while the base is found.
  const headTreeRead = readCommitTree(git, headSha);
  headTreeRead.catch(() => undefined); // awaited below; a failure of the merge base is the one to report
  const mergeBase = await findMergeBaseOrThrow(git, baseTip, headSha, baseRef);
  const [files, headTree] = await Promise.all([listChangedFiles(git, [mergeBase, headSha]), headTreeRead]);
  // Both sides' texts in one round trip of the batch reader; a failure of the head's is reported first.
  const baseRead = readBaseFiles(git, mergeBase, files);
  baseRead.catch(() => undefined);
  await headTree.loadTexts(files.map((file) => file.path));
  return {
    mode: 'range',
    root,
    base: { ref: options.baseLabel ?? baseRef, sha: mergeBase },
    head: { ref: headRef, sha: headSha },
    files,
    baseFiles: await baseRead,
    headTree,
  };
}

/**
 * The working tree is compared with `diff-index`, whose name list includes files whose
 * timestamps moved without any change, which its patch leaves out: dropped.
 */
async function listChangedFiles(git: Git, revisions: string[], isWorkingTree = false): Promise<ChangedFile[]> {
  const { nameStatus, patch } = await readDiffOutputs(git, diffFlags, revisions, isWorkingTree);
  const patches = parsePatch(patch);
  const files = toChangedFiles(parseNameStatus(nameStatus), patches);
  if (!isWorkingTree) return files;
  // The patch only has sections for real changes (content, mode, binary).
  return files.filter((file) => file.status !== 'modified' || patches.has(file.path));
}

/** `git diff HEAD` ignores untracked files; a new file is still a change the user is about to commit. */
function addUntrackedFiles(files: ChangedFile[], root: string, untracked: string[]): ChangedFile[] {
  const added = untracked.map((path): ChangedFile => {
    const { lines, isBinary } = countLines(toFileSystemPath(root, path));
    return { path, oldPath: path, status: 'added', oldRanges: [], newRanges: lines === 0 ? [] : [{ start: 1, count: lines }], isBinary };
  });
  return sortBy([...files, ...added], (file) => file.path);
}

/** Lines as git counts them (a last line without a newline counts too); a NUL byte makes the file binary, as for git. */
function countLines(path: string | Buffer): { lines: number; isBinary: boolean } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return { lines: 0, isBinary: false }; // a folder (a nested repository) or a file gone since it was listed
  }
  if (bytes.subarray(0, 8000).includes(0)) return { lines: 0, isBinary: true };
  let lines = 0;
  for (const byte of bytes) if (byte === 0x0a) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines++;
  return { lines, isBinary: false };
}

function readBaseFiles(git: Git, baseSha: string, files: ChangedFile[]): Promise<Map<string, string>> {
  const oldPaths = files.filter((file) => file.status !== 'added').map((file) => file.oldPath);
  return readFilesAtCommit(git, baseSha, oldPaths);
}

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, type Stats } from 'node:fs';
import { lstat, readFile, readlink } from 'node:fs/promises';
import { posix } from 'node:path';
import { compareStrings } from '../shared/compare.js';
import { isLoadableFile, isResolutionConfigFile } from '../shared/source-files.js';
import type { TreeSnapshot } from '../shared/types.js';
import { isPlainTreePath } from './batch-reader.js';
import { gitEnvironment, type Git } from './git.js';
import { splitNulPaths, toFileSystemPath } from './git-path.js';

const symlinkMode = '120000';
const submoduleMode = '160000';

interface BlobEntry {
  mode: string;
  sha: string;
  path: string;
}

/**
 * Every file of a commit. Texts are read lazily (`loadTexts`), so a run with a warm cache
 * reads only the blobs it has not seen before; configs are read up front. Never touches the
 * working tree.
 */
export async function readCommitTree(git: Git, sha: string): Promise<TreeSnapshot> {
  return snapshotFromBlobs(git, sha, await listTreeEntries(git, sha));
}

/** Every entry of a commit's tree, from NUL-separated output (a path may hold any byte but NUL). */
async function listTreeEntries(git: Git, sha: string): Promise<BlobEntry[]> {
  return splitNulPaths(await git.runBytes(['ls-tree', '-r', '-z', '--full-tree', sha])).map((record): BlobEntry => {
      const tab = record.indexOf('\t');
      const [mode = '', , objectSha = ''] = record.slice(0, tab).split(' ');
      return { mode, sha: objectSha, path: record.slice(tab + 1) };
    });
}

/** The staged state: every path in the index at stage 0, read from the object store. */
export async function readIndexTree(git: Git): Promise<TreeSnapshot> {
  const entries = splitNulPaths(await git.runBytes(['ls-files', '-s', '-z'])).map((record): BlobEntry => {
      const tab = record.indexOf('\t');
      const [mode = '', objectSha = ''] = record.slice(0, tab).split(' ');
      return { mode, sha: objectSha, path: record.slice(tab + 1) };
    });
  return snapshotFromBlobs(git, 'index', entries);
}

/**
 * What a long-lived process (risk mcp) remembers of the working tree between runs: per path,
 * the file's stat fingerprint and what reading it gave. A file whose inode, size, mtime and
 * ctime are unchanged is not read or hashed again.
 */
export type WorkingTreeMemo = Map<string, { stat: string; id: string; text: string | null }>;

/**
 * Like git's racy-clean rule: a file modified this close to the read may change again within
 * the timestamp's resolution without its stat changing, so it is not remembered.
 */
const racyWindowMs = 2000;

/**
 * The working tree: tracked files that still exist plus untracked, non-ignored files, read
 * eagerly (only the files whose stat changed since `memo` saw them, when one is given).
 */
export async function readWorkingTree(git: Git, root: string, memo?: WorkingTreeMemo): Promise<TreeSnapshot> {
  const startedAt = Date.now();
  const paths = [...new Set(splitNulPaths(await git.runBytes(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'])))];
  const files = new Map<string, string>();
  const ids = new Map<string, string>();
  const unreadable: string[] = [];
  const present: string[] = [];
  const links = new Map<string, string | null>();
  const skipped: string[] = [];
  await Promise.all(
    paths.map(async (path) => {
      let stats: Stats;
      try {
        stats = await lstat(toFileSystemPath(root, path));
        if (stats.isSymbolicLink()) {
          links.set(path, toRepoTarget(path, await readlink(toFileSystemPath(root, path))));
          present.push(path);
          return;
        }
        if (stats.isDirectory()) {
          skipped.push(path); // a submodule or nested repository: git lists it as one entry
          return;
        }
      } catch {
        return; // deleted in the working tree, not yet staged
      }
      if (!isLoadableFile(path)) {
        present.push(path);
        return;
      }
      try {
        const stat = `${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
        const known = memo?.get(path);
        if (known !== undefined && known.stat === stat) {
          present.push(path);
          ids.set(path, known.id);
          if (known.text !== null) files.set(path, known.text);
          return;
        }
        const content = await readFile(toFileSystemPath(root, path));
        const text = decodeText(content);
        const id = hashBlob(content);
        present.push(path);
        ids.set(path, id);
        if (text !== null) files.set(path, text);
        if (Math.max(stats.mtimeMs, stats.ctimeMs) < startedAt - racyWindowMs) memo?.set(path, { stat, id, text });
        else memo?.delete(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return; // deleted in the working tree, not yet staged
        if (code === 'EISDIR') {
          skipped.push(path); // a submodule or nested repository
          return;
        }
        present.push(path);
        unreadable.push(path);
      }
    }),
  );
  const readOnDemand = (path: string): string | undefined => {
    try {
      return decodeText(readFileSync(toFileSystemPath(root, path))) ?? undefined;
    } catch {
      return undefined;
    }
  };
  return {
    label: 'working tree',
    paths: present.sort(compareStrings),
    files,
    ids,
    unreadable: unreadable.sort(compareStrings),
    skipped: skipped.sort(compareStrings),
    links,
    readOnDemand,
    loadTexts: () => Promise.resolve(),
  };
}

/** Reads the text of specific blobs of a commit (used for the base side of changed files, components included). */
export async function readFilesAtCommit(git: Git, sha: string, paths: string[]): Promise<Map<string, string>> {
  return readTextsAtCommit(git, sha, paths.filter(isLoadableFile));
}

/** Up to this many files of a commit are looked up by path; more are found in its listing. */
const maxPathLookups = 50;

/**
 * Reads the text of any files of a commit (policy files, non-code changes); missing and binary
 * ones are left out. A few plain paths are asked for as `<commit>:<path>` (git.readPaths); a
 * path with a line break (or an unusual form, see isPlainTreePath), or many paths, are found by
 * id in the commit's NUL-separated listing instead, never sent as request lines (issue 16).
 */
export async function readTextsAtCommit(git: Git, sha: string, wanted: string[]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (wanted.length === 0) return files;
  // Each path lookup walks the commit's trees from the top (inflating a big folder's tree each
  // time): for more than a few files one listing is cheaper.
  const isFew = wanted.length <= maxPathLookups;
  const plain = isFew ? wanted.filter(isPlainTreePath) : [];
  const unusual = new Set(isFew ? wanted.filter((path) => !isPlainTreePath(path)) : wanted);
  const blobs = await git.readPaths(sha, plain);
  if (unusual.size > 0) {
    const ids = new Map((await listTreeEntries(git, sha)).filter((entry) => entry.mode !== submoduleMode && unusual.has(entry.path)).map((entry) => [entry.path, entry.sha]));
    const listed = await git.readBlobs([...ids.values()]);
    for (const [path, id] of ids) {
      const blob = listed.get(id);
      if (blob !== undefined) blobs.set(path, blob);
    }
  }
  for (const path of wanted) {
    const blob = blobs.get(path);
    const text = blob === undefined ? null : decodeText(blob);
    if (text !== null) files.set(path, text);
  }
  return files;
}

async function snapshotFromBlobs(git: Git, label: string, entries: BlobEntry[]): Promise<TreeSnapshot> {
  const allIds = new Map(entries.filter((entry) => entry.mode !== submoduleMode).map((entry) => [entry.path, entry.sha]));
  const skipped: string[] = [];
  const ids = new Map<string, string>();
  const symlinks: BlobEntry[] = [];
  for (const entry of entries) {
    if (entry.mode === submoduleMode) skipped.push(entry.path);
    else if (entry.mode !== symlinkMode && isLoadableFile(entry.path)) ids.set(entry.path, entry.sha);
    if (entry.mode === symlinkMode) symlinks.push(entry);
  }
  // A symlink's blob is its target path; imports through links must reach the real file.
  const targets = await git.readBlobs(symlinks.map((entry) => entry.sha));
  const links = new Map(symlinks.map((entry) => [entry.path, toRepoTarget(entry.path, targets.get(entry.sha)?.toString('utf8'))]));
  const files = new Map<string, string>();
  const unreadable: string[] = [];
  const requested = new Set<string>();

  const loadTexts = async (paths: Iterable<string>): Promise<void> => {
    const wanted = [...paths].filter((path) => ids.has(path) && !requested.has(path));
    if (wanted.length === 0) return;
    for (const path of wanted) requested.add(path);
    const blobs = await git.readBlobs(wanted.flatMap((path) => ids.get(path) ?? []));
    for (const path of wanted) {
      const blob = blobs.get(ids.get(path) ?? '');
      if (blob === undefined) {
        unreadable.push(path);
        continue;
      }
      const text = decodeText(blob);
      if (text !== null) files.set(path, text);
    }
    unreadable.sort(compareStrings);
  };
  await loadTexts([...ids.keys()].filter(isResolutionConfigFile));

  const paths = entries.filter((entry) => entry.mode !== submoduleMode).map((entry) => entry.path);
  return {
    label,
    paths: paths.sort(compareStrings),
    files,
    ids,
    unreadable,
    skipped: skipped.sort(compareStrings),
    links,
    readOnDemand: (path) => {
      const id = allIds.get(path);
      return id === undefined ? undefined : readBlobSync(git.cwd, id);
    },
    loadTexts,
    readOtherTexts: async (wanted) => {
      const named = wanted.flatMap((path): [string, string][] => {
        const id = allIds.get(path);
        return id === undefined ? [] : [[path, id]];
      });
      const blobs = await git.readBlobs(named.map(([, id]) => id));
      const texts = new Map<string, string>();
      for (const [path, id] of named) {
        const blob = blobs.get(id);
        const text = blob === undefined ? null : decodeText(blob);
        if (text !== null) texts.set(path, text);
      }
      return texts;
    },
    blobId: (path) => allIds.get(path),
    forgetTexts: (forgotten) => {
      for (const path of forgotten) {
        if (files.delete(path)) requested.delete(path);
      }
    },
  };
}

/** A link's target as a repo-relative path, or null when it leaves the repository. */
function toRepoTarget(linkPath: string, target: string | undefined): string | null {
  if (target === undefined || target === '' || target.startsWith('/')) return null;
  const resolved = posix.normalize(posix.join(posix.dirname(linkPath), target));
  return resolved.startsWith('..') ? null : resolved;
}

/** Rare reads outside the batch, by object id: config files with unusual names, texts let go of after a scan. */
function readBlobSync(cwd: string, id: string): string | undefined {
  try {
    // No output limit (execFileSync's default is 1 MiB): a text let go of is read again whole.
    return decodeText(execFileSync('git', ['cat-file', 'blob', id], { cwd, env: gitEnvironment, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: Number.POSITIVE_INFINITY })) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Git's blob id of some content, so working-tree files share cache entries with commits. */
function hashBlob(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a file: UTF-16 when it starts with a byte-order mark, UTF-8 when valid,
 * else Latin-1 (so that an edit of a non-UTF-8 file still changes the text instead of
 * vanishing into replacement characters). Null for binary content (a NUL byte near the
 * start, as git decides).
 */
export function decodeText(buffer: Buffer): string | null {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return Buffer.from(buffer.subarray(2)).swap16().toString('utf16le');
  if (buffer.subarray(0, 8000).includes(0)) return null;
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    text = buffer.toString('latin1');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

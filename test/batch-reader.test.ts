import { afterEach, describe, expect, it } from 'vitest';
import { createGit } from '../src/git/git.js';
import { isPlainTreePath } from '../src/git/batch-reader.js';
import { readTextsAtCommit } from '../src/git/tree-snapshot.js';
import { cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';

afterEach(cleanupScratch);

describe('one long-lived git cat-file --batch for every read (issue 15)', () => {
  it('answers blobs by id, files by <commit>:<path> and commits by revision, in order, from concurrent callers', async () => {
    const repo = createScratchRepo('batch-reader', { 'a.txt': 'alpha\n', 'dir/b.txt': 'beta\n', 'dir/c d.txt': 'gamma\n' });
    const head = repo.git('rev-parse', 'HEAD').trim();
    const ids = repo.git('ls-tree', '-r', head).trim().split('\n').map((line) => line.split(/\s/)[2] ?? '');
    const git = createGit(repo.dir);
    const [blobs, paths, commits] = await Promise.all([
      git.readBlobs(ids),
      git.readPaths(head, ['dir/c d.txt', 'missing.txt', 'dir', 'a.txt']),
      git.resolveCommits(['HEAD', 'main', 'no-such-ref', `${head}~5`]),
    ]);
    expect([...blobs.values()].map((blob) => blob.toString()).sort()).toEqual(['alpha\n', 'beta\n', 'gamma\n']);
    // A folder is a tree, not a file; a missing path is left out.
    expect(Object.fromEntries([...paths].map(([path, blob]) => [path, blob.toString()]))).toEqual({ 'dir/c d.txt': 'gamma\n', 'a.txt': 'alpha\n' });
    expect(commits).toEqual([head, head, undefined, undefined]);
  });

  it('never sends a path that is not one exact request line; readTextsAtCommit finds those in the listing', async () => {
    for (const path of ['a\nb.txt', 'a.txt\r', './a.txt', '../a.txt', 'dir//b.txt', 'dir/', '']) expect(isPlainTreePath(path)).toBe(false);
    expect(isPlainTreePath('dir/c d.txt')).toBe(true);
    const repo = createScratchRepo('batch-reader-names', { 'a.txt': 'alpha\n', 'odd\nname.txt': 'odd\n' });
    const head = repo.git('rev-parse', 'HEAD').trim();
    const git = createGit(repo.dir);
    await expect(git.readPaths(head, ['odd\nname.txt'])).rejects.toThrow(/internal: readPaths cannot ask for/);
    // `a.txt` alone would be the answer to the second half of a split request: it must not leak in.
    expect(await readTextsAtCommit(git, head, ['odd\nname.txt', 'name.txt', './a.txt'])).toEqual(new Map([['odd\nname.txt', 'odd\n']]));
  });

  it('looks more than a few files up in the listing, with the same answers', async () => {
    const files = Object.fromEntries(Array.from({ length: 80 }, (_, index) => [`src/f${index}.ts`, `export const v${index} = ${index};\n`]));
    const repo = createScratchRepo('batch-reader-many', files);
    const head = repo.git('rev-parse', 'HEAD').trim();
    const texts = await readTextsAtCommit(createGit(repo.dir), head, [...Object.keys(files), 'src/absent.ts']);
    expect(Object.fromEntries(texts)).toEqual(files);
  });
});

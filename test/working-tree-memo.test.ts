import { statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGit } from '../src/git/git.js';
import { readWorkingTree, type WorkingTreeMemo } from '../src/git/tree-snapshot.js';
import { cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';

/** risk mcp keeps a memo of working-tree reads between calls; an edit must never be missed. */
describe('working-tree memo (slow)', () => {
  afterEach(() => cleanupScratch());

  it('reuses unchanged files, rereads a file whose content changed even with the same size and mtime', { timeout: 20_000 }, async () => {
    const repo = createScratchRepo('worktree-memo');
    // Out of the racy window (2 s), files are remembered; the change time cannot be set back, so wait.
    await new Promise((done) => setTimeout(done, 2200));
    const git = createGit(repo.dir);
    const memo: WorkingTreeMemo = new Map();
    const first = await readWorkingTree(git, repo.dir, memo);
    expect([...memo.keys()]).toEqual(expect.arrayContaining(['src/a.ts', 'src/b.ts']));
    const old = statSync(join(repo.dir, 'src/a.ts')).mtime;

    // Same length, same mtime: only the inode change time tells the edit apart.
    repo.write('src/a.ts', 'export function a(): number {\n  return 7;\n}\n');
    utimesSync(join(repo.dir, 'src/a.ts'), old, old);
    const second = await readWorkingTree(git, repo.dir, memo);
    expect(second.files.get('src/a.ts')).toContain('return 7;');
    expect(second.ids.get('src/a.ts')).not.toBe(first.ids.get('src/a.ts'));
    expect(second.ids.get('src/b.ts')).toBe(first.ids.get('src/b.ts'));
    // The same answer as a read without a memo.
    const fresh = await readWorkingTree(git, repo.dir);
    expect([...second.ids].sort()).toEqual([...fresh.ids].sort());
    expect([...second.files].sort()).toEqual([...fresh.files].sort());
  });

  it('does not remember a file modified within the racy window', async () => {
    const repo = createScratchRepo('worktree-memo-racy');
    const memo: WorkingTreeMemo = new Map();
    await readWorkingTree(createGit(repo.dir), repo.dir, memo);
    // Every file was just written by the test: none is remembered, so the next edit is read for sure.
    expect(memo.size).toBe(0);
  });
});

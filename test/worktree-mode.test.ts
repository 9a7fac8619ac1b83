import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary } from './helpers/report-views.js';

describe('worktree-mode (slow)', () => {
  it('compares the working tree with HEAD, including untracked files', async () => {
    const report = await analyseFixture('worktree-mode', { mode: 'worktree', base: undefined });
    expect(report.mode).toBe('worktree');
    expect(report.base.ref).toBe('HEAD');
    expect(report.head).toEqual({ ref: 'working tree', sha: null });
    expect(report.changedFiles.map((file) => `${file.path} ${file.status}`).sort()).toEqual(['src/lib.ts modified', 'src/new-user.ts added']);
    // Counted like git: the untracked file's three lines; the newline at the end starts no fourth.
    expect(report.changedFiles.find((file) => file.path === 'src/new-user.ts')?.newRanges).toEqual([{ start: 1, count: 3 }]);
    expect(symbolSummary(report)).toEqual(['src/lib.ts#rate body', 'src/new-user.ts#doubled added']);
    // The untracked new-user.ts is part of the working tree and imports the changed `rate`.
    expect(affectedSummary(report)).toEqual(['src/app.ts', 'src/new-user.ts']);
    expect(chainSummary(report)).toEqual([
      'src/app.ts 1 src/lib.ts#rate -> src/app.ts#price',
      'src/new-user.ts 1 src/lib.ts#rate -> src/new-user.ts#doubled',
    ]);
    expect(report.unknowns).toEqual([]);
  });
});

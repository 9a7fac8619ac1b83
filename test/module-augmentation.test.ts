import { describe, expect, it } from 'vitest';
import { analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('module-augmentation (slow)', () => {
  it('a changed `declare module` or `declare global` block is an unknown that counts, never a silent "reaches 0 files"', async () => {
    const report = await analyseFixture('module-augmentation');
    // No import leads from link.ts to router.ts, yet link.ts sees the Register type it removed.
    expect(report.affectedFiles).toEqual([]);
    expect(report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier}: ${unknown.reason}`)).toEqual([
      "augmentation src/globals.ts declare global: changes an augmentation: every file of its program may see different types, and risk does not follow augmentations",
      "augmentation src/router.ts declare module 'router-lib': removes an augmentation: every file that uses 'router-lib' may see different types, and risk does not follow augmentations",
    ]);
    // A comment inside an augmentation changes no type: comments-only.ts raises nothing.
    expect(report.unknowns.some((unknown) => unknown.file === 'src/comments-only.ts')).toBe(false);
    expect(symbolSummary(report)).not.toContain('src/comments-only.ts#(module) signature');
    expect(report.verdict).not.toBe('pass');
  });
});

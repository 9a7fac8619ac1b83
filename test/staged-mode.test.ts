import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('staged-mode (slow)', () => {
  it('compares the index with HEAD', async () => {
    const report = await analyseFixture('staged-mode', { mode: 'staged', base: undefined });
    expect(report.mode).toBe('staged');
    expect(report.base.ref).toBe('HEAD');
    expect(report.head).toEqual({ ref: 'index', sha: null });
    expect(report.changedFiles.map((file) => `${file.path} ${file.status}`)).toEqual(['src/lib.ts modified']);
    expect(symbolSummary(report)).toEqual(['src/lib.ts#rate body']);
    expect(affectedSummary(report)).toEqual(['src/app.ts']);
    expect(report.unknowns).toEqual([]);
  });
});

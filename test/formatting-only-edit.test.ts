import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('formatting-only-edit (slow)', () => {
  it('ignores comment-only and whitespace-only edits of exported declarations', async () => {
    const report = await analyseFixture('formatting-only-edit');
    // Both files differ in git, but no exported symbol changed meaning.
    expect(report.changedFiles.map((file) => `${file.path} ${file.status}`).sort()).toEqual(['src/format.ts modified', 'src/math.ts modified']);
    expect(symbolSummary(report)).toEqual([]);
    expect(affectedSummary(report)).toEqual([]);
    expect(report.unknowns).toEqual([]);
    expect(report.verdict).toBe('pass');
  });
});

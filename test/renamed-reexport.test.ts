import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { affectedEntry, chainSummary } from './helpers/report-views.js';

describe('renamed-reexport (slow)', () => {
  it('follows `export { x as y } from` under the new name only', async () => {
    const report = await analyseFixture('renamed-reexport');
    expect(symbolSummary(report)).toEqual(['src/core.ts#alpha body']);
    // use-second.ts imports `second` (core's beta): not affected.
    expect(affectedSummary(report)).toEqual(['src/renamed.ts', 'src/use-first.ts']);
    expect(affectedEntry(report, 'src/renamed.ts').exports).toEqual(['first']);
    expect(chainSummary(report)).toEqual([
      'src/renamed.ts 1 src/core.ts#alpha -> src/renamed.ts#first',
      'src/use-first.ts 2 src/core.ts#alpha -> src/renamed.ts#first -> src/use-first.ts#one',
    ]);
    expect(report.unknowns).toEqual([]);
  });
});

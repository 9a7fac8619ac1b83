import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { affectedEntry, symbolKinds } from './helpers/report-views.js';

describe('export-alias-and-star (slow)', () => {
  it('names a changed local by its `export { a as b }` name and reports a changed `export * from` list', async () => {
    const report = await analyseFixture('export-alias-and-star');
    expect(symbolSummary(report)).toEqual([
      // `compute` changed; the module exports it as `calculate`.
      'src/impl.ts#calculate body',
      // A new `export * from './extra.js'` adds exactly the names it forwards.
      'src/index.ts#extra added',
    ]);
    expect(symbolKinds(report)).toEqual(['src/impl.ts#calculate function', 'src/index.ts#extra re-export']);
    // uses-extra.ts imports extra.ts directly, and extra.ts did not change.
    expect(affectedSummary(report)).toEqual(['src/app.ts', 'src/index.ts']);
    const barrel = affectedEntry(report, 'src/index.ts');
    expect(barrel.depth).toBe(1);
    expect(barrel.exports).toEqual(['calculate']);
    expect(affectedEntry(report, 'src/app.ts').exports).toEqual(['result']);
    expect(report.unknowns).toEqual([]);
  });
});

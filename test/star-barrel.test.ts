import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { affectedEntry, chainSummary } from './helpers/report-views.js';

describe('star-barrel (slow)', () => {
  it('follows one export through `export *` and `export * as ns`, not the barrel\'s other exports', async () => {
    const report = await analyseFixture('star-barrel');
    expect(symbolSummary(report)).toEqual(['src/core.ts#alpha body']);
    // use-beta.ts imports `beta` from the same barrel: not affected.
    expect(affectedSummary(report)).toEqual(['src/barrel.ts', 'src/ns-barrel.ts', 'src/use-alpha.ts', 'src/use-ns.ts']);
    expect(chainSummary(report)).toEqual([
      'src/barrel.ts 1 src/core.ts#alpha -> src/barrel.ts#alpha',
      'src/ns-barrel.ts 1 src/core.ts#alpha -> src/ns-barrel.ts#core',
      'src/use-alpha.ts 2 src/core.ts#alpha -> src/barrel.ts#alpha -> src/use-alpha.ts#first',
      'src/use-ns.ts 2 src/core.ts#alpha -> src/ns-barrel.ts#core.alpha -> src/use-ns.ts#viaNamespace',
    ]);
    expect(affectedEntry(report, 'src/barrel.ts').exports).toEqual(['alpha']);
    expect(affectedEntry(report, 'src/ns-barrel.ts').exports).toEqual(['core']);
    expect(report.unknowns).toEqual([]);
  });
});

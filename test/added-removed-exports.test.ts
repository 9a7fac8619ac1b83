import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary } from './helpers/report-views.js';

describe('added-removed-exports (slow)', () => {
  it('reports added and removed exports and marks importers of a removed export or a deleted file as broken', async () => {
    const report = await analyseFixture('added-removed-exports');
    expect(report.changedFiles.map((file) => `${file.path} ${file.status}`).sort()).toEqual(['src/gone.ts deleted', 'src/lib.ts modified']);
    expect(symbolSummary(report)).toEqual(['src/gone.ts#goneValue removed', 'src/lib.ts#fresh added', 'src/lib.ts#old removed']);
    // uses-keep.ts imports only `keep`; nobody imports the new `fresh` yet; ns-old.ts calls `lib.old()`.
    expect(affectedSummary(report)).toEqual(['src/ns-old.ts (broken)', 'src/uses-gone.ts (broken)', 'src/uses-old.ts (broken)']);
    expect(chainSummary(report)).toEqual([
      'src/ns-old.ts 1 src/lib.ts#old -> src/ns-old.ts#viaNamespace',
      'src/uses-gone.ts 1 src/gone.ts#goneValue -> src/uses-gone.ts#answer',
      'src/uses-old.ts 1 src/lib.ts#old -> src/uses-old.ts#total',
    ]);
    // The import of the deleted file is broken, not unresolved.
    expect(report.unknowns).toEqual([]);
    expect(report.verdict).toBe('fail');
    expect(report.violations.map((violation) => `${violation.rule} ${violation.actual}`)).toEqual(['onBrokenImport 3']);
  });
});

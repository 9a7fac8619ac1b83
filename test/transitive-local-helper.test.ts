import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary } from './helpers/report-views.js';

describe('transitive-local-helper (slow)', () => {
  it('reaches an export through a non-exported helper that uses a changed non-exported constant', async () => {
    const report = await analyseFixture('transitive-local-helper');
    // factor -> scale -> area; perimeter uses neither.
    expect(symbolSummary(report)).toEqual(['src/geometry.ts#area body']);
    expect(report.changedSymbols[0]?.kind).toBe('function');
    expect(report.changedSymbols[0]?.reason).toBe('uses changed `scale`');
    expect(affectedSummary(report)).toEqual(['src/room.ts']);
    expect(chainSummary(report)).toEqual(['src/room.ts 1 src/geometry.ts#area -> src/room.ts#floor']);
    expect(report.unknowns).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary } from './helpers/report-views.js';

describe('deep-propagation (slow)', () => {
  it('propagates over several hops to a fixpoint, reports each file once with its shortest chain, and survives a circular barrel', async () => {
    const report = await analyseFixture('deep-propagation');
    expect(symbolSummary(report)).toEqual(['src/a.ts#foo body']);
    expect(chainSummary(report)).toEqual([
      'src/app.ts 2 src/a.ts#foo -> src/index.ts#foo -> src/app.ts#main',
      // cycle.ts re-exports index.ts, which re-exports cycle.ts: still terminates.
      'src/cycle.ts 2 src/a.ts#foo -> src/index.ts#foo -> src/cycle.ts#foo',
      'src/deep.ts 3 src/a.ts#foo -> src/index.ts#foo -> src/app.ts#main -> src/deep.ts#deep',
      'src/index.ts 1 src/a.ts#foo -> src/index.ts#foo',
      // Reached directly (depth 1) and through app.ts (depth 3): reported once, shortest chain.
      'src/top.ts 1 src/a.ts#foo -> src/top.ts#top',
    ]);
    expect(report.affectedFiles).toHaveLength(5);
    expect(report.summary.maxDepth).toBe(3);
    expect(report.unknowns).toEqual([]);
  });
});

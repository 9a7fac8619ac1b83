import { describe, expect, it } from 'vitest';
import { countReaches, summarizeReport } from '../src/report/summary.js';
import { formatText } from '../src/report/text.js';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('reach-counts (slow)', () => {
  it('counts a file for every changed export it uses, not only for the one its shortest chain starts from', async () => {
    const report = await analyseFixture('reach-counts');
    expect(symbolSummary(report)).toEqual(['src/lib.ts#alpha body', 'src/lib.ts#beta body']);
    expect(affectedSummary(report)).toEqual(['src/both.ts', 'src/only-alpha.ts', 'src/top.ts']);
    // both.ts calls alpha and beta; top.ts uses both.ts's sum, which carries both.
    expect(Object.fromEntries(countReaches(report))).toEqual({ 'src/lib.ts#alpha': 3, 'src/lib.ts#beta': 2 });
    expect(report.changedSymbols.map((symbol) => [symbol.name, symbol.reaches])).toEqual([
      ['alpha', 3],
      ['beta', 2],
    ]);
    const body = summarizeReport(report).changedExports.body?.items.map((item) => `${item.name} ${item.reaches}`);
    expect(body).toEqual(['alpha 3', 'beta 2']);
    expect(formatText(report)).toContain('src/lib.ts#beta  reaches 2 file(s)');
  });
});

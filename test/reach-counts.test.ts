import { describe, expect, it } from 'vitest';
import { ReachCounter } from '../src/graph/reach-counts.js';
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

describe('ReachCounter', () => {
  it('spreads 40 changed symbols (bit 31 included) along a cycle and ends', () => {
    const counter = new ReachCounter();
    for (let index = 0; index < 40; index++) counter.addRoot(`lib.ts#s${index}`);
    // s31 and s39 feed an export of a.ts; a.ts and b.ts carry each other's export (a cycle).
    counter.addExport('lib.ts#s31', 'a.ts#a');
    counter.addExport('lib.ts#s39', 'a.ts#a');
    counter.addExport('a.ts#a', 'b.ts#b');
    counter.addExport('b.ts#b', 'a.ts#a');
    counter.addFile('lib.ts#s31', 'a.ts');
    counter.addFile('lib.ts#s39', 'a.ts');
    counter.addFile('a.ts#a', 'b.ts');
    counter.addFile('b.ts#b', 'c.ts');
    counter.addFile('lib.ts#s0', 'd.ts');
    const counts = counter.counts();
    expect(counts[31]).toBe(3);
    expect(counts[39]).toBe(3);
    expect(counts[0]).toBe(1);
    expect(counts.filter((count) => count === 0)).toHaveLength(37);
  });
});

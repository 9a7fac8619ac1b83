import { describe, expect, it } from 'vitest';
import { summarizeReport } from '../src/report/summary.js';
import { affectedSummary, analyseFixture } from './helpers/analyse-fixture.js';

describe('commonjs-config-object (slow)', () => {
  it('counts a `module.exports = {...}` object as one export, while each of its properties still reaches only its own users', async () => {
    const report = await analyseFixture('commonjs-config-object');
    // Two configs turned from `export default {...}` into `module.exports = {...}`, and one setting changed.
    const listed = report.changedSymbols.map((symbol) => `${symbol.file}#${symbol.name} ${symbol.change}${symbol.memberOf ? ` of ${symbol.memberOf}` : ''}`);
    expect(listed).toEqual(expect.arrayContaining(['src/jest.config.ts#default signature', 'src/jest.config.ts#preset added of default', 'src/settings.cjs#port signature of default', 'src/settings.cjs#default signature']));
    expect(listed).toHaveLength(2 * 6 + 2);
    expect(report.summary.changedSymbols).toBe(3);
    // The signal leaves out the two jest configs: build configs, which buildConfigChanges counts.
    const signal = report.signals.find((candidate) => candidate.name === 'changedSymbols');
    expect(signal?.value).toBe(1);
    expect(signal?.explanation).toContain('not counted: 2 export(s) of build configs');
    const overview = summarizeReport(report);
    expect(overview.counts.changedExports).toBe(3);
    // A reader of `port` is affected; a reader of `host` is not.
    expect(affectedSummary(report)).toEqual(['src/uses-port.cjs']);
  });
});

import { describe, expect, it } from 'vitest';
import { formatChain } from '../src/report/format-chain.js';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainTo } from './helpers/report-views.js';

describe('barrel-body-change (slow)', () => {
  it('follows a changed non-exported constant to the export that uses it, through a barrel and an alias', async () => {
    const report = await analyseFixture('barrel-body-change');
    expect(symbolSummary(report)).toEqual(['src/lib/math.ts#double body']);
    expect(report.changedSymbols[0]?.reason).toBe('uses changed `rate`');
    // other.ts imports a different export of the same barrel: not affected.
    expect(affectedSummary(report)).toEqual(['src/alias-user.ts', 'src/app.ts', 'src/leaf.ts', 'src/lib/index.ts']);
    const leaf = report.affectedFiles.find((file) => file.file === 'src/leaf.ts');
    expect(leaf?.depth).toBe(3);
    expect(formatChain(chainTo(report, 'src/leaf.ts'))).toBe('src/lib/math.ts#double -> src/lib/index.ts#double -> src/app.ts#main -> src/leaf.ts');
    expect(report.unknowns).toEqual([]);
    expect(report.verdict).toBe('pass');
  });
});

import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { affectedEntry, chainSummary, unknownSummary } from './helpers/report-views.js';

describe('dynamic-and-require (slow)', () => {
  it('follows static import() and require() (also from .cjs/.js files) and reports a computed import() as unknown', async () => {
    const report = await analyseFixture('dynamic-and-require');
    expect(symbolSummary(report)).toEqual(['src/lazy.ts#load body']);
    // plain.js only uses `require('./lazy.js').spare`, which did not change.
    expect(affectedSummary(report)).toEqual(['src/dyn.ts', 'src/legacy.cjs']);
    expect(chainSummary(report)).toEqual([
      'src/dyn.ts 1 src/lazy.ts#load -> src/dyn.ts#run',
      // legacy.cjs passes the change on through `module.exports` (its default and `go`).
      'src/legacy.cjs 1 src/lazy.ts#load -> src/legacy.cjs#default',
    ]);
    expect(affectedEntry(report, 'src/legacy.cjs').typeOnly).toBe(false);
    expect(affectedEntry(report, 'src/legacy.cjs').exports).toEqual(['default', 'go']);
    expect(unknownSummary(report)).toEqual(['dynamic-import src/computed.ts import(name)']);
    expect(report.verdict).toBe('warn');
  });
});

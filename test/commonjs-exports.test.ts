import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('commonjs-exports (slow)', () => {
  it('carries a change through `module.exports` of a .cjs file to the files that require it', async () => {
    const report = await analyseFixture('commonjs-exports');
    expect(symbolSummary(report)).toEqual(['src/lib.ts#load body']);
    // bridge.cjs exports `go`, which calls `load`; consumer.cjs calls `bridge.go()`.
    expect(affectedSummary(report)).toEqual(['src/bridge.cjs', 'src/consumer.cjs']);
    expect(report.affectedFiles.map((file) => `${file.file} ${file.depth}`)).toEqual(['src/bridge.cjs 1', 'src/consumer.cjs 2']);
    expect(report.unknowns).toEqual([]);
  });
});

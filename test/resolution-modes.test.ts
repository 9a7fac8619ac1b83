import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary, unknownSummary } from './helpers/report-views.js';

describe('resolution-modes (slow)', () => {
  it('resolves per package with node16 (imports field, .js of .ts, require in .cts), nodenext (.mjs of .mts) and bundler', async () => {
    const report = await analyseFixture('resolution-modes');
    expect(symbolSummary(report)).toEqual([
      'packages/bundler/src/lib/tool.ts#tool body',
      'packages/node16/src/internal/clock.ts#now body',
      'packages/node16/src/util.ts#util body',
      'packages/nodenext/src/helper.mts#helper body',
    ]);
    expect(affectedSummary(report)).toEqual([
      'packages/bundler/src/app.ts',
      'packages/bundler/src/lib/index.ts',
      'packages/node16/src/index.ts',
      'packages/node16/src/legacy.cts',
      'packages/nodenext/src/main.mts',
      'packages/nodenext/src/shim.cts',
    ]);
    expect(chainSummary(report)).toContain('packages/node16/src/index.ts 1 packages/node16/src/internal/clock.ts#now -> packages/node16/src/index.ts#stamp');
    expect(unknownSummary(report)).toEqual([]);
    expect(report.tsconfigs).toEqual(['packages/bundler/tsconfig.json', 'packages/node16/tsconfig.json', 'packages/nodenext/tsconfig.json']);
  });
});

import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary, unknownSummary } from './helpers/report-views.js';

describe('tsconfig-include-exclude (slow)', () => {
  it('gives each file to the closest config whose include/exclude select it, whatever its name', async () => {
    const report = await analyseFixture('tsconfig-include-exclude');
    expect(symbolSummary(report)).toEqual(['packages/a/src/format.ts#fmt body', 'packages/a/test-utils/render.ts#render body']);
    expect(affectedSummary(report)).toEqual(['packages/a/src/widget.test.ts', 'packages/a/src/widget.ts']);
    expect(chainSummary(report)).toEqual([
      // Excluded from tsconfig.json, included by tsconfig.test.json and its '@test-utils' alias.
      'packages/a/src/widget.test.ts 1 packages/a/test-utils/render.ts#render -> packages/a/src/widget.test.ts#rendered',
      'packages/a/src/widget.ts 1 packages/a/src/format.ts#fmt -> packages/a/src/widget.ts#widget',
    ]);
    // packages/a/tools/gen.ts is not affected: the root config owns it, and its '~' is lib/.
    expect(unknownSummary(report)).toEqual([]);
    expect(report.tsconfigs).toEqual(['packages/a/tsconfig.json', 'packages/a/tsconfig.test.json', 'tsconfig.json']);
  });
});

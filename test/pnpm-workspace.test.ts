import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary, unknownSummary } from './helpers/report-views.js';

describe('pnpm-workspace (slow)', () => {
  it('links only the packages pnpm-workspace.yaml selects and maps their dist/ exports back to src/', async () => {
    const report = await analyseFixture('pnpm-workspace');
    expect(symbolSummary(report)).toEqual(['packages/utils/src/index.ts#slug body', 'packages/utils/src/sub/index.ts#sub body']);
    expect(affectedSummary(report)).toEqual(['apps/web/src/legacy.cts', 'apps/web/src/main.ts']);
    expect(chainSummary(report)).toEqual([
      // require('@org/utils/sub'): exports['./sub'] with the require conditions.
      'apps/web/src/legacy.cts 1 packages/utils/src/sub/index.ts#sub -> apps/web/src/legacy.cts#legacy',
      // '@org/utils' is packages/utils (not the excluded packages/utils-legacy); dist/index.d.ts -> src/index.ts.
      'apps/web/src/main.ts 1 packages/utils/src/index.ts#slug -> apps/web/src/main.ts#page',
    ]);
    // tools/ is outside the workspace globs, so '@org/tools' is no repo package (and no declared dependency).
    expect(unknownSummary(report)).toEqual(['unresolved-import apps/web/src/main.ts @org/tools']);
  });
});

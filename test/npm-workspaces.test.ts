import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary, unknownSummary } from './helpers/report-views.js';

describe('npm-workspaces (slow)', () => {
  it('reads `workspaces` as { packages } and as an array, also in a nested workspace root, and resolves exports to src/', async () => {
    const report = await analyseFixture('npm-workspaces');
    expect(symbolSummary(report)).toEqual(['docs/packages/theme/src/index.ts#colors body', 'libs/utils/src/sub/index.ts#sub body']);
    expect(affectedSummary(report)).toEqual(['docs/site/src/page.ts', 'libs/app/src/main.ts']);
    expect(chainSummary(report)).toEqual([
      'docs/site/src/page.ts 1 docs/packages/theme/src/index.ts#colors -> docs/site/src/page.ts#page',
      'libs/app/src/main.ts 1 libs/utils/src/sub/index.ts#sub -> libs/app/src/main.ts#app',
    ]);
    expect(unknownSummary(report)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary, unknownSummary } from './helpers/report-views.js';

describe('solution-tsconfig (slow)', () => {
  it('resolves each file with the referenced project that includes it, not the solution root above it', async () => {
    const report = await analyseFixture('solution-tsconfig');
    expect(symbolSummary(report)).toEqual(['src/lib/format.ts#format body', 'src/lib/settings.ts#port body']);
    expect(affectedSummary(report)).toEqual(['src/main.ts', 'src/views/page.ts', 'vite.config.ts']);
    expect(chainSummary(report)).toEqual([
      // '@/lib/format' is an alias of tsconfig.app.json, which includes src/.
      'src/main.ts 1 src/lib/format.ts#format -> src/main.ts#title',
      'src/views/page.ts 2 src/lib/format.ts#format -> src/main.ts#title -> src/views/page.ts#render',
      // tsconfig.node.json owns vite.config.ts.
      'vite.config.ts 1 src/lib/settings.ts#port -> vite.config.ts#default',
    ]);
    // No project includes scripts/: the solution root above it has no alias, as for tsc.
    expect(unknownSummary(report)).toEqual(['unresolved-import scripts/release.ts @/lib/format']);
    expect(report.tsconfigs).toEqual(['tsconfig.app.json', 'tsconfig.json', 'tsconfig.node.json']);
  });
});

import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary, unknownSummary } from './helpers/report-views.js';

describe('tsconfig-extends (slow)', () => {
  it('follows relative and package `extends` (with ${configDir}); a base config that is only extended owns no file', async () => {
    const report = await analyseFixture('tsconfig-extends');
    expect(symbolSummary(report)).toEqual(['apps/web/src/util.ts#util body', 'shared/log.ts#log body']);
    expect(affectedSummary(report)).toEqual(['apps/api/src/server.ts', 'apps/web/src/main.ts']);
    expect(chainSummary(report)).toEqual([
      // '@shared/*' comes from ../../tsconfig.base.json and is relative to that file.
      'apps/api/src/server.ts 1 shared/log.ts#log -> apps/api/src/server.ts#start',
      // '@app/*' comes from @org/tsconfig/app.json (a workspace package) as ${configDir}/src/*.
      'apps/web/src/main.ts 1 apps/web/src/util.ts#util -> apps/web/src/main.ts#page',
    ]);
    expect(unknownSummary(report)).toEqual(['unresolved-import scripts/seed.ts @shared/log']);
    expect(report.tsconfigs).toEqual(['apps/api/tsconfig.json', 'apps/web/tsconfig.json']);
  });
});

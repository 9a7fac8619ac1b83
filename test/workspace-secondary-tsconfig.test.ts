import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary, unknownSummary } from './helpers/report-views.js';

describe('workspace-secondary-tsconfig (slow)', () => {
  it('a workspace package name reaches its sources from a file owned by a secondary tsconfig without paths', async () => {
    const report = await analyseFixture('workspace-secondary-tsconfig');
    expect(symbolSummary(report)).toEqual(['packages/core/src/index.ts#parse body']);
    // type-tests/ is owned by tsconfig.test.json (moduleResolution node, no paths): TypeScript
    // would land on the package's `index.js` shim, which requires an unbuilt dist/.
    expect(affectedSummary(report)).toEqual(['packages/app/src/main.ts', 'packages/core/type-tests/parse.test-d.ts']);
    expect(chainSummary(report)).toContain('packages/core/type-tests/parse.test-d.ts 1 packages/core/src/index.ts#parse -> packages/core/type-tests/parse.test-d.ts#parsed');
    // Unknowns anywhere in the tree, in the blast radius or elsewhere.
    const everywhere = unknownSummary({ ...report, unknowns: [...report.unknowns, ...report.unknownsElsewhere] });
    expect(everywhere).toEqual([
      // The shim itself still points at a build that is not there.
      'unresolved-import packages/core/index.js ./dist/core.cjs.js',
      // lodash is declared by packages/core only: hoisting may load it for app, nothing promises it.
      'unresolved-import packages/app/src/main.ts lodash',
      'unresolved-import packages/core/type-tests/format.test-d.ts undeclared-package',
    ].sort());
  });
});

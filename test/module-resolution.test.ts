import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary, unknownSummary } from './helpers/report-views.js';

describe('module-resolution (slow)', () => {
  it('resolves paths+baseUrl aliases, .js specifiers of .ts files and directory index imports; flags what it cannot resolve', async () => {
    const report = await analyseFixture('module-resolution');
    expect(symbolSummary(report)).toEqual(['src/lib/util.ts#helper body']);
    expect(affectedSummary(report)).toEqual(['src/alias-user.ts', 'src/dir-user.ts', 'src/lib/index.ts']);
    expect(chainSummary(report)).toEqual([
      // '~/lib/util' via paths { "~/*": ["src/*"] } with baseUrl ".".
      'src/alias-user.ts 1 src/lib/util.ts#helper -> src/alias-user.ts#viaAlias',
      // './lib' is the directory src/lib/index.ts.
      'src/dir-user.ts 2 src/lib/util.ts#helper -> src/lib/index.ts#helper -> src/dir-user.ts#viaDirectory',
      // './util.js' means util.ts.
      'src/lib/index.ts 1 src/lib/util.ts#helper -> src/lib/index.ts#helper',
    ]);
    // 'chalk' is a declared dependency: external, not unknown; '~/styles/site.css' is an asset
    // reached through the alias, '~/styles/gone.css' is not there. The alias names one file
    // that is neither changed nor affected, so that unknown cannot hide part of this change's
    // radius: it is listed elsewhere and does not count (see "Which unknowns count").
    // Bundler queries: `site.css?url` and `?inline` are the asset before the `?`; the changed
    // util.ts loaded `?raw` is used whole in a way risk does not follow, so it counts.
    // 'left-pad' (not declared) under the root `baseUrl: "."` could only be a module `left-pad.*`
    // at the root, which is not reached: elsewhere.
    expect(unknownSummary(report)).toEqual(['unresolved-import src/bundler-queries.ts ./lib/util.ts?raw', 'unresolved-import src/bundler-queries.ts ./lib/util?script-string', 'unresolved-import src/edge.ts ./missing.js']);
    expect(report.unknowns[0]?.reason).toBe('a bundler query import (?raw) of src/lib/util.ts is not followed: the bundler loads the module in its own way (as text, a URL, a worker)');
    expect(report.unknowns[1]?.reason).toBe('a bundler query import (?script-string) of src/lib/util.ts is not followed: the bundler loads the module in its own way (as text, a URL, a worker)');
    expect(report.unknownsElsewhere.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier ?? '-'}`)).toEqual([
      'unresolved-import src/bundler-queries.ts ~/styles/gone.css?url',
      'unresolved-import src/edge.ts left-pad',
      'unresolved-import src/edge.ts ~/styles/gone.css',
    ]);
    expect(report.tsconfigs).toEqual(['tsconfig.json']);
  });
});

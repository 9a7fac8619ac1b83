import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('framework-own-repo (slow)', () => {
  it("follows a framework's own modules into its package when that package is in the repository (SvelteKit's $app/navigation)", async () => {
    // In an app `$app/*` is external; here @sveltejs/kit is a workspace package, so a change to
    // its runtime reaches the test apps. `$env/*` is generated per app: an unknown that counts,
    // since the package that provides it holds the change.
    const report = await analyseFixture('framework-own-repo');
    expect(symbolSummary(report)).toEqual(['packages/kit/src/runtime/app/navigation.js#goto signature']);
    expect(affectedSummary(report)).toEqual(['test-apps/basics/src/routes/+page.ts']);
    const unknowns = report.unknowns.map((unknown) => [unknown.kind, unknown.file, unknown.specifier]);
    expect(unknowns).toContainEqual(['unresolved-import', 'test-apps/basics/src/routes/+page.ts', '$env/dynamic/public']);
    expect(report.unknowns.find((unknown) => unknown.specifier === '$env/dynamic/public')?.reason).toBe('a module of @sveltejs/kit, which is a package of this repository, and the framework generates it per app');
  });
});

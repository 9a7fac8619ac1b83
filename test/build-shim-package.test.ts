import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('build-shim-package (slow)', () => {
  it("follows a package whose entry is a shim over unbuilt output to the source its own tsconfig maps its name to, and never lets a shim resolve to itself", async () => {
    // `@shim/core`'s types entry is `public.d.ts`, which re-exports `./dist/core-internal`
    // (unbuilt). The package's own tsconfig maps `@shim/core` to `src/index.ts`: that is where
    // `counter.ts` lands. The shims `core-internal.d.ts` and `router/index.d.ts` re-export
    // output that the build-folder rule maps back onto themselves: before, that edge ended the
    // chain in silence; now it is an unknown, counted where the package holds the change.
    const self = 'leads back to this file itself: it names output of a build (not in the repository) whose source is not known';
    const report = await analyseFixture('build-shim-package');
    expect(symbolSummary(report)).toEqual(['packages/core/src/use-counter.ts#useCounter body']);
    expect(affectedSummary(report)).toEqual(['apps/site/src/counter.ts', 'packages/core/src/index.ts']);
    expect(report.unknowns.map((unknown) => [unknown.file, unknown.specifier, unknown.reason])).toEqual([['packages/core/core-internal.d.ts', './dist/core-internal', self]]);
    expect(report.unknownsElsewhere.map((unknown) => [unknown.file, unknown.specifier, unknown.reason])).toEqual([['packages/router/index.d.ts', './lib', self]]);
  });
});

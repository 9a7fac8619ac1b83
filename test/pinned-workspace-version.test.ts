import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture } from './helpers/analyse-fixture.js';

describe('pinned-workspace-version (slow)', () => {
  it('an importer whose package.json asks for a version the workspace package does not have gets it from the registry, not from the folder', async () => {
    // redux-toolkit's examples pin "@reduxjs/toolkit": "1.8.1" while the workspace is 2.x: npm,
    // Yarn and pnpm install 1.8.1. `^2.0.0` and `workspace:*` link the folder.
    const report = await analyseFixture('pinned-workspace-version');
    // aliased-app pins 1.8.1 too, but its tsconfig `paths` send the name to the source: TypeScript
    // follows that. e2e/ pins it outside the workspace globs: nothing installs its dependencies,
    // so its imports find the root's link (medusa's integration-tests).
    expect(affectedSummary(report)).toEqual(['apps/web/src/app.ts', 'e2e/src/app.ts', 'examples/aliased-app/src/app.ts', 'examples/new-app/src/app.ts']);
    expect(report.unknowns).toEqual([]);
  });
});

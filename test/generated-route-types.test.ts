import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture } from './helpers/analyse-fixture.js';

describe('generated-route-types (slow)', () => {
  it('says which rootDirs folder a missing relative import may live in when that folder is not in the repository', async () => {
    // React Router's framework mode: `./+types/home` is generated into `.react-router/types`
    // (git-ignored), found through `rootDirs`. What it imports is unknown, and the unknown says where it would be.
    const report = await analyseFixture('generated-route-types');
    expect(affectedSummary(report)).toEqual(['app/routes/home.tsx']);
    expect(report.unknowns).toEqual([
      {
        kind: 'unresolved-import',
        file: 'app/routes/home.tsx',
        specifier: './+types/home',
        reason: 'no such file in the repository; tsconfig.json also looks for it under its rootDirs folder .react-router/types, which is not in the repository (generated files are usually not committed)',
      },
    ]);
  });
});

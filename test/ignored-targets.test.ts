import { afterEach, describe, expect, it } from 'vitest';
import { analyseJson, baseProject, cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';
import { exportedRepositoryAsset } from '../src/graph/workspace-entry.js';

afterEach(cleanupScratch);

describe('missing import targets that git ignores (slow, end to end)', () => {
  it('says the target is git-ignored, and by which .gitignore, for a relative path and for an alias; other misses stay as they were', () => {
    const repo = createScratchRepo('ignored-targets', {
      ...baseProject,
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "ESNext", "moduleResolution": "Bundler", "baseUrl": ".", "paths": { "@/*": ["./*"] } } }\n',
      '.gitignore': 'node_modules\n/styles/*\n',
      'src/.gitignore': 'routeTree.gen.ts\n',
      // An unanchored `index.js` (compiled output beside sources) says nothing about a missing folder.
      'lib/.gitignore': 'index.js\n',
      'lib/stale.ts': "import { old } from './gone-folder';\n\nexport const stale = old;\n",
      'src/version.ts': "import semver from '../node_modules/semver/index.js';\n\nexport const valid = semver.valid;\n",
      'src/main.ts': "import { routeTree } from './routeTree.gen';\nimport { button } from '@/styles/button';\nimport { gone } from './gone';\nimport { a } from './a.js';\n\nexport const main = [routeTree, button, gone, a()];\n",
    });
    repo.write('src/a.ts', 'export function a(): string {\n  return "";\n}\n');
    repo.commitAll('a returns a string');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    const reasons: Record<string, string> = Object.fromEntries([...report.unknowns, ...report.unknownsElsewhere].map((unknown) => [unknown.specifier ?? '-', unknown.reason]));
    expect(reasons).toEqual({
      './gone': 'no such file in the repository',
      './gone-folder': 'no such file in the repository',
      '../node_modules/semver/index.js': 'no such file in the repository; node_modules/semver/index.js is git-ignored (.gitignore): an installed package, so not in the analysed commit',
      './routeTree.gen': 'no such file in the repository; src/routeTree.gen.ts is git-ignored (src/.gitignore): generated or built, so not in the analysed commit',
      '@/styles/button': 'path alias matched but no file found (tsconfig.json); styles/button is git-ignored (.gitignore): generated or built, so not in the analysed commit',
    });
  });
});

describe('exportedRepositoryAsset', () => {
  const files = (paths: string[], exports: unknown) => ({ readText: (path: string) => (path === 'p/package.json' ? JSON.stringify({ exports }) : undefined), exists: (path: string) => paths.includes(path) });

  it("is the tree file a package's exports send a path to when it is no module (AFFiNE's ./onboarding.zip)", () => {
    expect(exportedRepositoryAsset(files(['p/onboarding/onboarding.zip'], { './onboarding.zip': './onboarding/onboarding.zip' }), 'p', './onboarding.zip')).toBe('p/onboarding/onboarding.zip');
    expect(exportedRepositoryAsset(files([], { './onboarding.zip': './onboarding/onboarding.zip' }), 'p', './onboarding.zip')).toBeUndefined();
    expect(exportedRepositoryAsset(files(['p/src/a.ts'], { './a': './src/a.ts' }), 'p', './a')).toBeUndefined();
  });
});

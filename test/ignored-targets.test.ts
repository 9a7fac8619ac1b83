import { afterEach, describe, expect, it } from 'vitest';
import { analyseJson, baseProject, cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';

afterEach(cleanupScratch);

describe('missing import targets that git ignores (slow, end to end)', () => {
  it('says the target is git-ignored, and by which .gitignore, for a relative path and for an alias; other misses stay as they were', () => {
    const repo = createScratchRepo('ignored-targets', {
      ...baseProject,
      'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "ESNext", "moduleResolution": "Bundler", "baseUrl": ".", "paths": { "@/*": ["./*"] } } }\n',
      '.gitignore': 'node_modules\n/styles/*\n',
      'src/.gitignore': 'routeTree.gen.ts\n',
      'src/main.ts': "import { routeTree } from './routeTree.gen';\nimport { button } from '@/styles/button';\nimport { gone } from './gone';\nimport { a } from './a.js';\n\nexport const main = [routeTree, button, gone, a()];\n",
    });
    repo.write('src/a.ts', 'export function a(): string {\n  return "";\n}\n');
    repo.commitAll('a returns a string');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    const reasons: Record<string, string> = Object.fromEntries([...report.unknowns, ...report.unknownsElsewhere].map((unknown) => [unknown.specifier ?? '-', unknown.reason]));
    expect(reasons).toEqual({
      './gone': 'no such file in the repository',
      './routeTree.gen': 'no such file in the repository; src/routeTree.gen is git-ignored (src/.gitignore): generated or built, so not in the analysed commit',
      '@/styles/button': 'path alias matched but no file found (tsconfig.json); styles/button is git-ignored (.gitignore): generated or built, so not in the analysed commit',
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { analyseJson, baseProject, cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';
import { ambientModuleDeclarers } from '../src/policy/ambient-modules.js';

afterEach(cleanupScratch);

describe('ambient-module-declaration (slow)', () => {
  it("counts an import of a `declare module` name whose declaring file re-exports what changed (Astro's astro:content)", async () => {
    // `site:content` is no file and no package (a bundler plugin serves it), so its import is an
    // unknown; its declaration re-exports the changed defineCollection, so it could hide an
    // affected file and counts. `site:assets` is declared by a file that reaches nothing changed.
    const report = await analyseFixture('ambient-module-declaration');
    expect(symbolSummary(report)).toEqual(['packages/site-kit/src/content/config.ts#defineCollection signature']);
    expect(affectedSummary(report)).toEqual([]);
    expect(report.unknowns.map((unknown) => [unknown.file, unknown.specifier])).toEqual([['apps/blog/src/content.config.ts', 'site:content']]);
    expect(report.unknowns[0]?.reason).toMatch(/; `declare module` in packages\/site-kit\/types\/content\.d\.ts declares it, and that file is or imports a changed or affected module$/);
    expect(report.unknownsElsewhere.map((unknown) => [unknown.file, unknown.specifier, unknown.reason])).toEqual([
      ['apps/blog/src/hero.ts', 'site:assets', 'a "site:" module: a runtime, a platform or a bundler plugin provides it, no file or package of the repository'],
    ]);
    expect(report.verdict).not.toBe('pass');
  });
});

describe('an edited declaration file (slow, end to end)', () => {
  it('is a change of ambient types, not of code that runs on import, and the imports of what it declares count', () => {
    const declaration = (type: string): string => `declare module 'app:config' {\n  export const port: ${type};\n}\n`;
    const repo = createScratchRepo('edited-declaration', { ...baseProject, 'src/env.d.ts': declaration('number'), 'src/server.ts': "import { port } from 'app:config';\n\nexport const url = `http://localhost:${port}`;\n" });
    repo.write('src/env.d.ts', declaration('string'));
    repo.commitAll('port is a string');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(report.changedSymbols.map((symbol) => [symbol.file, symbol.name, symbol.change, symbol.reason])).toEqual([['src/env.d.ts', '(module)', 'signature', 'top-level declarations changed (ambient types)']]);
    expect(report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier ?? ''}`)).toContain('unresolved-import src/server.ts app:config');
  });

  it('calls an alias no tsconfig defines an alias, not a package that is not a dependency', () => {
    const repo = createScratchRepo('undefined-alias', { ...baseProject, 'src/c.ts': "import { a } from '@/a.js';\n\nexport const c = a();\n" });
    repo.write('src/a.ts', 'export function a(): string {\n  return "";\n}\n');
    repo.commitAll('a returns a string');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect([...report.unknowns, ...report.unknownsElsewhere].map((unknown) => [unknown.file, unknown.specifier, unknown.reason])).toEqual([
      ['src/c.ts', '@/a.js', "looks like a path alias, but tsconfig.json (the file's tsconfig) defines none that matches, and it is no file or declared dependency"],
    ]);
  });
});

describe('ambientModuleDeclarers', () => {
  const texts: Record<string, string> = {
    'types/a.d.ts': "declare module 'virtual:app-*' {\n  export const x: number;\n}\ndeclare module \"*?script-string\";\n",
    'types/b.d.ts': "declare module './local' {\n  interface Extra {}\n}\ndeclare module 'virtual:app-*';\n",
    'src/c.ts': "declare module 'not-a-declaration-file' {}\n",
  };
  const declarers = ambientModuleDeclarers({ readText: (path) => texts[path] }, Object.keys(texts));

  it('matches names and one-star patterns, in declaration files only, never relative augmentations', () => {
    expect(declarers('virtual:app-routes')).toEqual(['types/a.d.ts', 'types/b.d.ts']);
    expect(declarers('./tsrScript?script-string')).toEqual(['types/a.d.ts']);
    expect(declarers('virtual:app-')).toEqual(['types/a.d.ts', 'types/b.d.ts']);
    expect(declarers('./local')).toEqual([]);
    expect(declarers('not-a-declaration-file')).toEqual([]);
  });
});

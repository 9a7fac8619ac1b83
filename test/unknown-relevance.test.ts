import { describe, expect, it } from 'vitest';
import type { RepoFiles } from '../src/graph/repo-files.js';
import type { ResolutionConfig } from '../src/graph/tsconfig.js';
import { splitUnknownsByRelevance, type RelevanceInput } from '../src/policy/unknown-relevance.js';
import type { Unknown, UnknownKind } from '../src/shared/types.js';

const root = '/repo';

/** A monorepo: packages/core (changed: src/math.ts), packages/app (affected: src/main.ts), packages/other, tools/. */
function input(unknowns: Unknown[], overrides: Partial<RelevanceInput> = {}): RelevanceInput {
  const files = {
    root,
    manifestDirectories: ['', 'packages/app', 'packages/core', 'packages/other'],
    workspacePackages: new Map([['@acme/core', 'packages/core'], ['@acme/other', 'packages/other']]),
  } as unknown as RepoFiles;
  const withAliases: ResolutionConfig = { configPath: 'packages/app/tsconfig.json', options: { paths: { '~core/*': ['../core/src/*'], '~other/*': ['../other/src/*'] }, pathsBasePath: `${root}/packages/app` } };
  const plain: ResolutionConfig = { configPath: 'tsconfig.json', options: {} };
  return {
    unknowns,
    changedPaths: ['packages/core/src/math.ts', 'packages/core/README.md'],
    affectedPaths: ['packages/app/src/main.ts'],
    importers: new Map([
      ['packages/core/src/math.ts', new Set(['packages/app/src/main.ts', 'packages/app/src/lazy.ts'])],
      ['packages/other/src/util.ts', new Set(['tools/build.ts'])],
    ]),
    files,
    configFor: (file) => (file.startsWith('packages/app/') ? withAliases : plain),
    configs: [withAliases, plain],
    configScopes: new Map([
      ['examples/kit/tsconfig.json', ['examples/kit/src/page.ts']],
      ['packages/app/tsconfig.json', ['packages/app/src/main.ts', 'packages/app/src/routes.ts']],
    ]),
    ...overrides,
  };
}

const unknown = (kind: UnknownKind, file: string, specifier: string | null = null): Unknown => ({ kind, file, specifier, reason: 'test' });

function split(unknowns: Unknown[], overrides: Partial<RelevanceInput> = {}): { counting: string[]; elsewhere: string[] } {
  const { counting, elsewhere } = splitUnknownsByRelevance(input(unknowns, overrides));
  const show = (list: Unknown[]): string[] => list.map((entry) => `${entry.kind} ${entry.file} ${entry.specifier ?? '-'}`);
  return { counting: show(counting), elsewhere: show(elsewhere) };
}

describe('splitUnknownsByRelevance', () => {
  it('counts unknowns in changed or affected files, and not those in untouched files', () => {
    expect(split([unknown('unresolved-import', 'packages/app/src/main.ts', 'left-pad'), unknown('unresolved-import', 'tools/build.ts', 'left-pad')])).toEqual({
      counting: ['unresolved-import packages/app/src/main.ts left-pad'],
      elsewhere: ['unresolved-import tools/build.ts left-pad'],
    });
  });

  it('counts a relative specifier into a folder that holds a changed file, not one into an untouched folder', () => {
    expect(split([unknown('unresolved-import', 'packages/core/test/x.ts', '../src/missing.js'), unknown('unresolved-import', 'packages/other/test/x.ts', '../src/missing.js')])).toEqual({
      counting: ['unresolved-import packages/core/test/x.ts ../src/missing.js'],
      elsewhere: ['unresolved-import packages/other/test/x.ts ../src/missing.js'],
    });
  });

  it('counts a `paths` alias whose target holds a changed file, not one whose target does not', () => {
    expect(split([unknown('unresolved-import', 'packages/app/src/routes.ts', '~core/gone'), unknown('unresolved-import', 'packages/app/src/other.ts', '~other/gone')])).toEqual({
      counting: ['unresolved-import packages/app/src/routes.ts ~core/gone'],
      elsewhere: ['unresolved-import packages/app/src/other.ts ~other/gone'],
    });
  });

  it('counts an alias another config defines when its target holds a changed file (the file may use the wrong config)', () => {
    expect(split([unknown('unresolved-import', 'tools/seed.ts', '~core/gone'), unknown('unresolved-import', 'tools/seed.ts', '~other/gone')])).toEqual({
      counting: ['unresolved-import tools/seed.ts ~core/gone'],
      elsewhere: ['unresolved-import tools/seed.ts ~other/gone'],
    });
  });

  it('under a root `baseUrl`, counts a path into a folder holding a change, not a one-segment name (nx-examples: `minimist`)', () => {
    const rooted: ResolutionConfig = { configPath: 'tsconfig.base.json', options: { baseUrl: root } };
    const unknowns = [unknown('unresolved-import', 'tools/deploy.ts', 'minimist'), unknown('unresolved-import', 'tools/deploy.ts', 'packages/core/src/gone'), unknown('unresolved-import', 'tools/deploy.ts', 'math')];
    expect(split(unknowns, { configFor: () => rooted, configs: [rooted] })).toEqual({
      counting: ['unresolved-import tools/deploy.ts packages/core/src/gone'],
      elsewhere: ['unresolved-import tools/deploy.ts minimist', 'unresolved-import tools/deploy.ts math'],
    });
    // A one-segment name that is a changed module at the root still counts.
    expect(split([unknown('unresolved-import', 'tools/deploy.ts', 'setup')], { configFor: () => rooted, configs: [rooted], changedPaths: ['setup.ts'] }).counting).toEqual(['unresolved-import tools/deploy.ts setup']);
  });

  it('counts a workspace package that holds a changed file, not another package', () => {
    expect(split([unknown('unresolved-import', 'tools/a.ts', '@acme/core/missing'), unknown('unresolved-import', 'tools/b.ts', '@acme/other/missing')])).toEqual({
      counting: ['unresolved-import tools/a.ts @acme/core/missing'],
      elsewhere: ['unresolved-import tools/b.ts @acme/other/missing'],
    });
  });

  it('counts a computed import() in a file that imports from the changed package, not in one that imports elsewhere', () => {
    expect(split([unknown('dynamic-import', 'packages/app/src/lazy.ts', 'import(name)'), unknown('dynamic-import', 'tools/build.ts', 'import(name)')])).toEqual({
      counting: ['dynamic-import packages/app/src/lazy.ts import(name)'],
      elsewhere: ['dynamic-import tools/build.ts import(name)'],
    });
  });

  it("counts a module glob whose written pattern matches a changed or affected file, wherever the glob is", () => {
    // tools/ imports nothing of the changed package: only the pattern links them.
    const globs = [
      unknown('dynamic-import', 'tools/plugins.ts', "import.meta.glob('../packages/*/src/math.ts', { eager: true })"),
      unknown('dynamic-import', 'tools/docs.ts', "import.meta.glob(['/packages/core/*.md', '!**/CHANGELOG.md'])"),
      unknown('dynamic-import', 'tools/legacy.ts', "require.context('../packages/app', true, /\\.ts$/)"),
      unknown('dynamic-import', 'tools/pages.ts', "import.meta.glob('./pages/*.ts')"),
      unknown('dynamic-import', 'tools/computed.ts', 'import.meta.glob(pattern)'),
    ];
    expect(split(globs)).toEqual({
      counting: ['dynamic-import tools/plugins.ts ' + globs[0]?.specifier, 'dynamic-import tools/docs.ts ' + globs[1]?.specifier, 'dynamic-import tools/legacy.ts ' + globs[2]?.specifier],
      elsewhere: ['dynamic-import tools/pages.ts ' + globs[3]?.specifier, 'dynamic-import tools/computed.ts import.meta.glob(pattern)'],
    });
  });

  it('counts a parse error in a file that imports from the changed package, not in an unrelated one', () => {
    expect(split([unknown('parse-error', 'packages/app/src/lazy.ts'), unknown('parse-error', 'packages/other/fixtures/broken.ts')])).toEqual({
      counting: ['parse-error packages/app/src/lazy.ts -'],
      elsewhere: ['parse-error packages/other/fixtures/broken.ts -'],
    });
  });

  it('counts a config unknown when a file it concerns is affected, not when none is', () => {
    expect(split([unknown('unresolved-config', 'packages/app/tsconfig.json', 'base'), unknown('unresolved-config', 'examples/kit/tsconfig.json', 'base')])).toEqual({
      counting: ['unresolved-config packages/app/tsconfig.json base'],
      elsewhere: ['unresolved-config examples/kit/tsconfig.json base'],
    });
  });

  it('counts a bare specifier in a file whose config lost its aliases only when that project holds a changed or affected file', () => {
    expect(split([unknown('unresolved-import', 'packages/app/src/routes.ts', '$lib/x'), unknown('unresolved-import', 'examples/kit/src/page.ts', '$lib/x')])).toEqual({
      counting: ['unresolved-import packages/app/src/routes.ts $lib/x'],
      elsewhere: ['unresolved-import examples/kit/src/page.ts $lib/x'],
    });
  });

  it('counts an alias no config in use defines when its rest ends a reached module of the same package, not another rest or package', () => {
    // `~/src/main` in packages/app: `--project` left out the app's own `~/*` alias; main.ts is affected.
    expect(
      split([
        unknown('unresolved-import', 'packages/app/routes/page.tsx', '~/src/main'),
        unknown('unresolved-import', 'packages/app/routes/page.tsx', '@/main'),
        unknown('unresolved-import', 'packages/app/routes/page.tsx', '~/src/card'),
        unknown('unresolved-import', 'packages/other/routes/page.tsx', '~/src/main'),
      ]),
    ).toEqual({
      counting: ['unresolved-import packages/app/routes/page.tsx ~/src/main', 'unresolved-import packages/app/routes/page.tsx @/main'],
      elsewhere: ['unresolved-import packages/app/routes/page.tsx ~/src/card', 'unresolved-import packages/other/routes/page.tsx ~/src/main'],
    });
  });

  it('a changed README names no module: it does not make its folder count', () => {
    expect(split([unknown('unresolved-import', 'docs/x.ts', './missing.js')], { changedPaths: ['docs/README.md'], affectedPaths: [] })).toEqual({
      counting: [],
      elsewhere: ['unresolved-import docs/x.ts ./missing.js'],
    });
  });
});

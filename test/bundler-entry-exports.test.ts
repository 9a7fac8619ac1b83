import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { bundlerEntryFolders } from '../src/graph/bundler-entries.js';
import { missingEntryReason } from '../src/graph/workspace-entry.js';

describe('bundler-entry-exports (slow)', () => {
  it("follows a package's flat bundler outputs (dist/<entry>.mjs) to the one src folder that holds every entry", async () => {
    // `@qe/engine/control` is `./dist/control.mjs`, built from `src/exports/control.ts`, which
    // re-exports the changed `migrate`. `@qe/twin`'s entries could be `src/a/*` or `src/b/*`:
    // a guess, so its import stays an unknown (outside this change's radius).
    const report = await analyseFixture('bundler-entry-exports');
    expect(symbolSummary(report)).toEqual(['packages/engine/src/control/migrate.ts#migrate signature']);
    expect(affectedSummary(report)).toEqual(['apps/cli/src/migrate-command.ts', 'packages/engine/src/control/index.ts', 'packages/engine/src/exports/control.ts']);
    expect(report.unknowns).toEqual([]);
    expect(report.unknownsElsewhere.map((unknown) => [unknown.file, unknown.specifier, unknown.reason])).toEqual([
      ['apps/cli/src/schema-command.ts', '@qe/twin/util', 'workspace package @qe/twin exports ./util as ./dist/util.mjs: not in the repository (an unbuilt output?) and no source file maps to it'],
    ]);
  });
});

describe('bundlerEntryFolders', () => {
  const tree = (manifests: Record<string, unknown>, paths: string[]) => {
    const all = [...Object.keys(manifests).map((directory) => `${directory}/package.json`), ...paths];
    const files = {
      workspacePackages: new Map(Object.keys(manifests).map((directory) => [`@x/${directory.split('/').pop() ?? ''}`, directory])),
      readText: (path: string) => {
        const manifest = manifests[path.replace(/\/package\.json$/, '')];
        return manifest === undefined ? undefined : JSON.stringify(manifest);
      },
      exists: (path: string) => all.includes(path),
    };
    return bundlerEntryFolders(files, all);
  };

  it('maps a build folder to the one src folder holding a source for every flat output, from conditions and arrays too', () => {
    const folders = tree({ 'packages/core': { exports: { './a': { types: './dist/a.d.mts', default: './dist/a.mjs' }, './b': ['./dist/b.cjs'] } } }, ['packages/core/src/exports/a.ts', 'packages/core/src/exports/b.mts', 'packages/core/src/other/a.ts']);
    expect(folders).toEqual([{ output: 'packages/core/dist', source: 'packages/core/src/exports' }]);
  });

  it('maps nothing it would have to guess: every output already has a src source, two folders could be it, or none holds them all', () => {
    expect(tree({ 'p/plain': { exports: { '.': './dist/index.mjs' } } }, ['p/plain/src/index.ts', 'p/plain/src/exports/index.ts'])).toEqual([]);
    expect(tree({ 'p/twin': { exports: { '.': './dist/index.mjs' } } }, ['p/twin/src/a/index.ts', 'p/twin/src/b/index.ts'])).toEqual([]);
    expect(tree({ 'p/part': { exports: { './a': './dist/a.mjs', './b': './dist/b.mjs' } } }, ['p/part/src/x/a.ts', 'p/part/src/y/b.ts'])).toEqual([]);
  });

  it('looks only at outputs directly in a build folder, never at declarations or nested paths as sources', () => {
    expect(tree({ 'p/deep': { exports: { './a': './dist/esm/a.mjs', './b': './lib/b.js' } } }, ['p/deep/src/exports/a.ts', 'p/deep/src/exports/b.d.ts'])).toEqual([]);
  });
});

describe('missingEntryReason', () => {
  const reason = (exports: unknown, subpath: string): string => missingEntryReason({ readText: () => JSON.stringify({ name: '@x/p', exports }) }, '@x/p', 'p', subpath);

  it('says what the exports map sends the path to, or that it has no such key', () => {
    expect(reason({ './a': { types: './dist/a.d.mts', import: './dist/a.mjs', require: './dist/a.cjs' } }, './a')).toBe('workspace package @x/p exports ./a as ./dist/a.d.mts, ./dist/a.mjs and 1 more: not in the repository (an unbuilt output?) and no source file maps to it');
    expect(reason({ './components/*': './src/components/*.tsx' }, './components/button')).toBe('workspace package @x/p exports ./components/button as ./src/components/button.tsx: not in the repository (generated, or added by a tool?) and no source file maps to it');
    expect(reason({ './a': './dist/a.mjs' }, './b')).toBe('workspace package @x/p does not export ./b (no such key in its package.json exports)');
    expect(reason(undefined, './b')).toBe('workspace package @x/p has no entry point for this path: its package.json has no exports, and there is no b file or source in the package (a build output?)');
    expect(reason(undefined, '.')).toBe('workspace package @x/p has no entry point for this path: its package.json has no exports, and there is no main, types or src/index file');
  });
});

import { posix } from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { createParseHost } from '../src/graph/tsconfig-host.js';
import { loadTypeScript, ts } from '../src/symbols/typescript.js';
import { inMemoryRepo } from './helpers/in-memory-repo.js';

const repo = inMemoryRepo;

type ListSpecs = (specs: unknown, basePath: string, options: Ts.CompilerOptions, host: Ts.ParseConfigHost, extra: readonly unknown[]) => readonly string[];

/** Each config's files, by our port and by TypeScript's own getFileNamesFromConfigSpecs, for a few option variants. */
function listBoth(tree: Record<string, unknown>): { ours: Record<string, (string[] | undefined)[]>; typescript: Record<string, string[][]> } {
  loadTypeScript();
  const { files, paths } = repo(tree);
  const host = createParseHost(files, paths);
  const typescriptList = (ts as unknown as { getFileNamesFromConfigSpecs: ListSpecs }).getFileNamesFromConfigSpecs;
  const ours: Record<string, (string[] | undefined)[]> = {};
  const typescript: Record<string, string[][]> = {};
  for (const path of paths.filter((name) => /tsconfig[^/]*\.json$/.test(name))) {
    const absolute = files.absolute(path);
    const source = ts.parseJsonText(absolute, files.readText(path) ?? '');
    const parsed = ts.parseJsonSourceFileConfigFileContent(source, { ...host, readDirectory: () => [] }, posix.dirname(absolute), { allowJs: true }, absolute);
    const specs = (source as { configFileSpecs?: unknown }).configFileSpecs;
    const variants = [parsed.options, { ...parsed.options, allowJs: false }, { ...parsed.options, resolveJsonModule: true }];
    ours[path] = variants.map((options) => host.listConfigFiles(specs, posix.dirname(absolute), options));
    typescript[path] = variants.map((options) => [...typescriptList(specs, posix.dirname(absolute), options, host, [])]);
  }
  return { ours, typescript };
}

const src = 'export const x = 1;\n';

/** Files that exercise every rule of TypeScript's matcher: hidden and package folders, extension priorities, JSON, odd names. */
const sources: Record<string, string> = Object.fromEntries(
  [
    'src/a.ts', 'src/a.js', 'src/a.d.ts', 'src/b.d.ts', 'src/b.js', 'src/c.tsx', 'src/c.ts', 'src/d.js', 'src/d.jsx', 'src/e.jsx', 'src/e.d.ts',
    'src/m.mts', 'src/m.mjs', 'src/m.d.mts', 'src/n.cts', 'src/n.d.cts', 'src/n.cjs', 'src/lib.min.js', 'src/lib.js', 'src/UPPER.TS', 'src/data.json',
    'src/nested/deep/f.ts', 'src/nested/f.spec.ts', 'src/.hidden.ts', 'src/.cache/g.ts', 'src/node_modules/dep/index.ts', 'src/bower_components/x.ts',
    'src/a-b/h.ts', 'src/a/h.ts', 'src/odd/back\\slash.ts', 'src/odd/C:/i.ts', 'src/generated/j.ts', 'src/x1.ts', 'src/x22.ts',
    'scripts/s.ts', 'scripts/s.mjs', 'data/one.json', 'data/sub/two.json', 'shared/k.ts', 'dist/out.js', 'dist/out.d.ts', 'README.md',
  ].map((path) => [path, src]),
);

describe('tsconfig listing', () => {
  it('lists exactly what TypeScript lists, in the same order, for every kind of files/include/exclude', () => {
    const tree = {
      ...sources,
      'tsconfig.json': {},
      'tsconfig.src.json': { include: ['src'] },
      'tsconfig.globs.json': { include: ['src/**/*', 'scripts/*.?js', 'src/x?.ts'], exclude: ['src/nested', '**/*.spec.ts', 'src/generated/**'] },
      'tsconfig.json-data.json': { include: ['data/**/*.json', 'src/*.json', 'src/*.ts'] },
      'tsconfig.files.json': { files: ['src/a.js', 'src/missing.ts', './shared/k.ts'], include: ['src/*'] },
      'tsconfig.files-only.json': { files: ['src/c.tsx'] },
      'tsconfig.dirs.json': { include: ['src/a', 'src/a-b', 'src/odd', 'src/.cache', 'src/node_modules'] },
      'tsconfig.dots.json': { include: ['**/.*', 'src/.cache/*'] },
      'tsconfig.exclude-all.json': { include: ['src/**/*'], exclude: ['src'] },
      'packages/p/tsconfig.json': { extends: '../../tsconfig.base.json', include: ['../../shared', '../../src/*.ts'] },
      'packages/p/index.ts': src,
      'tsconfig.base.json': { include: ['${configDir}/src', '${configDir}/*.ts'], exclude: ['${configDir}/dist'] },
      'packages/q/tsconfig.json': { extends: '../../tsconfig.base.json' },
      'packages/q/src/q.ts': src,
      'packages/q/src/q.js': src,
      'packages/q/dist/q.js': src,
      'packages/q/top.ts': src,
    };
    const { ours, typescript } = listBoth(tree);
    expect(ours).toEqual(typescript);
    // The comparison is not vacuous: priorities and exclusions took effect on both sides.
    const rootListing = typescript['tsconfig.json']?.[0] ?? [];
    expect(rootListing).toContain('/repo/src/a.ts');
    expect(rootListing).not.toContain('/repo/src/a.js');
    expect(rootListing).toContain('/repo/src/b.js');
    expect(rootListing).not.toContain('/repo/src/.hidden.ts');
    expect(rootListing).not.toContain('/repo/src/lib.min.js');
    expect(typescript['tsconfig.globs.json']?.[0]).not.toContain('/repo/src/nested/f.spec.ts');
    expect(typescript['packages/q/tsconfig.json']?.[0]).toEqual(['/repo/packages/q/src/q.ts', '/repo/packages/q/top.ts']);
  });

  it('lists a config with no include or files (nothing to match) the way TypeScript does', () => {
    const tree = { ...sources, 'tsconfig.json': { files: [] }, 'sub/tsconfig.json': { include: [] }, 'sub/a.ts': src };
    const { ours, typescript } = listBoth(tree);
    expect(ours).toEqual(typescript);
    expect(typescript['tsconfig.json']).toEqual([[], [], []]);
  });
});

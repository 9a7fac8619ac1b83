import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { buildOutputFolders, type ResolutionConfig } from '../src/graph/tsconfig.js';

describe('workspace-declaration-rootdir (slow)', () => {
  it("maps a workspace package's unbuilt declaration exports back to sources through its tsconfig's outDir and rootDir", async () => {
    // `@draw/kit/shapes/*` points at `dist/types/shapes/src/*.d.ts`: the kit's tsconfig emits
    // with `rootDir: "../"`, so that output comes from the sibling package `packages/shapes`,
    // and `./index.css` names a stylesheet only the build writes (an asset, not a module).
    const report = await analyseFixture('workspace-declaration-rootdir');
    expect(symbolSummary(report)).toEqual(['packages/shapes/src/measure.ts#perimeter signature']);
    expect(affectedSummary(report)).toEqual(['examples/demo/src/outline.ts']);
    expect(report.unknowns).toEqual([]);
  });
});

describe('buildOutputFolders', () => {
  const config = (configPath: string | null, options: ResolutionConfig['options']): ResolutionConfig => ({ configPath, options });

  it('pairs outDir and declarationDir with rootDir, or with the folder of a composite project', () => {
    const folders = buildOutputFolders(
      [
        config('packages/kit/tsconfig.json', { rootDir: '/repo/packages', outDir: '/repo/packages/kit/dist/types' }),
        config('packages/ui/tsconfig.json', { composite: true, declarationDir: '/repo/packages/ui/types', outDir: '/repo/packages/ui/lib' }),
      ],
      '/repo',
    );
    expect(folders).toEqual([
      { output: 'packages/kit/dist/types', source: 'packages' },
      { output: 'packages/ui/lib', source: 'packages/ui' },
      { output: 'packages/ui/types', source: 'packages/ui' },
    ]);
  });

  it('keeps every source of an output folder two configs write into, in the same order whatever order the configs come in', () => {
    const composite = config('packages/a/tsconfig.json', { composite: true, outDir: '/repo/packages/a/dist' });
    const build = config('packages/a/tsconfig.build.json', { rootDir: '/repo/packages/a/src', outDir: '/repo/packages/a/dist' });
    const expected = [
      { output: 'packages/a/dist', source: 'packages/a' },
      { output: 'packages/a/dist', source: 'packages/a/src' },
    ];
    expect(buildOutputFolders([composite, build], '/repo')).toEqual(expected);
    expect(buildOutputFolders([build, composite], '/repo')).toEqual(expected);
  });

  it('maps nothing it would have to guess: no rootDir, an output holding its sources, a folder outside the repository', () => {
    const folders = buildOutputFolders(
      [
        config('a/tsconfig.json', { outDir: '/repo/a/dist' }),
        config('b/tsconfig.json', { rootDir: '/repo/b/out/src', outDir: '/repo/b/out' }),
        config('c/tsconfig.json', { rootDir: '/repo/c', outDir: '/elsewhere/c' }),
        config(null, {}),
      ],
      '/repo',
    );
    expect(folders).toEqual([]);
  });
});

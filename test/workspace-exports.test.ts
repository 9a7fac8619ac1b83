import { describe, expect, it } from 'vitest';
import type { RepoFiles } from '../src/graph/repo-files.js';
import { exportedStaticAsset, importsMapFile } from '../src/graph/workspace-entry.js';

/** A tree of one package, `pkg`, with this package.json and these other files. */
function packageTree(manifest: Record<string, unknown>, paths: string[] = []): RepoFiles {
  const present = new Set(paths);
  return { readText: (path: string) => (path === 'pkg/package.json' ? JSON.stringify(manifest) : undefined), exists: (path: string) => present.has(path) } as unknown as RepoFiles;
}

describe('exportedStaticAsset', () => {
  it('takes the exact key before any pattern, as Node does', () => {
    const files = packageTree({ exports: { './*': { types: './dist/types/*.d.ts' }, './index.css': { development: './dist/dev/index.css', production: './dist/prod/index.css' } } });
    expect(exportedStaticAsset(files, 'pkg', './index.css')).toBe('pkg/dist/dev/index.css');
    // Through the pattern alone, `./theme.css` names a declaration file: not an asset.
    expect(exportedStaticAsset(files, 'pkg', './theme.css')).toBeUndefined();
  });

  it('takes the pattern with the longest part before its `*`', () => {
    const files = packageTree({ exports: { './*': './dist/*.js', './styles/*': './dist/styles/*' } });
    expect(exportedStaticAsset(files, 'pkg', './styles/button.css')).toBe('pkg/dist/styles/button.css');
  });

  it('needs exactly one `*`, matching at least one character, and every target an asset', () => {
    expect(exportedStaticAsset(packageTree({ exports: { './styles/*.css': './dist/*.css' } }), 'pkg', './styles/.css')).toBeUndefined();
    expect(exportedStaticAsset(packageTree({ exports: { './*/*': './dist/*.css' } }), 'pkg', './a/b')).toBeUndefined();
    expect(exportedStaticAsset(packageTree({ exports: { './theme': { style: './dist/theme.css', default: './dist/theme.js' } } }), 'pkg', './theme')).toBeUndefined();
  });
});

describe('importsMapFile', () => {
  it('finds the file an `imports` pattern sends a #specifier to, when it is in the tree', () => {
    const files = packageTree({ imports: { '#lib/*': './src/lib/*', '#dep': 'some-package' } }, ['pkg/src/lib/fonts/Display.ttf']);
    expect(importsMapFile(files, 'pkg', '#lib/fonts/Display.ttf')).toBe('pkg/src/lib/fonts/Display.ttf');
    expect(importsMapFile(files, 'pkg', '#lib/fonts/Missing.ttf')).toBeUndefined();
    // A target that names a package is not a file of this one.
    expect(importsMapFile(files, 'pkg', '#dep')).toBeUndefined();
  });
});

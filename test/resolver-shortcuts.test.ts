import { describe, expect, it } from 'vitest';
import { noCache } from '../src/cache/cache-store.js';
import { RepoFiles } from '../src/graph/repo-files.js';
import { ModuleResolver } from '../src/graph/resolve-module.js';
import { loadResolutionConfigs } from '../src/graph/tsconfig.js';
import { inMemoryChangeSet } from './helpers/in-memory-change-set.js';

/** A resolver over an in-memory tree, with the tree's own tsconfigs. */
function resolverFor(tree: Record<string, string>): ModuleResolver {
  const changes = inMemoryChangeSet(tree, tree);
  const files = new RepoFiles(changes.root, changes.headTree, new Set());
  const paths = changes.headTree.paths;
  const configs = loadResolutionConfigs(files, paths.filter((path) => path.endsWith('tsconfig.json')), undefined, paths);
  return new ModuleResolver(files, configs.configFor, noCache, paths);
}

const bundler = JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', allowJs: true } });
const node10 = JSON.stringify({ compilerOptions: { module: 'commonjs', moduleResolution: 'node10', allowJs: true } });

// The answers below are TypeScript's own: the same tree gave the same answers before the shortcuts existed.
describe('resolver shortcuts (relative imports and bare names answered without TypeScript)', () => {
  it('answers only where TypeScript would pick the same file first', () => {
    const tree = (config: string): Record<string, string> => ({
      'tsconfig.json': config,
      'src/main.ts': '',
      'src/plain.ts': '',
      'src/view.tsx': '',
      'src/both.js': '',
      'src/both/index.ts': '',
      'src/folder/index.ts': '',
      'src/odd.js.ts': '',
      'src/odd.ts': '',
      'src/pkg/package.json': JSON.stringify({ types: './lib/main.ts' }),
      'src/pkg/lib/main.ts': '',
      'src/pkg/index.ts': '',
    });
    const answers = (resolver: ModuleResolver): Record<string, string> =>
      Object.fromEntries(['./plain', './plain.js', './view', './both', './folder', './odd.js', './pkg'].map((specifier) => {
        const resolution = resolver.resolve(specifier, 'src/main.ts', 'import');
        return [specifier, resolution.kind === 'file' ? resolution.path : resolution.kind];
      }));
    expect(answers(resolverFor(tree(bundler)))).toEqual({
      './plain': 'src/plain.ts',
      './plain.js': 'src/plain.ts',
      './view': 'src/view.tsx',
      // A file of any extension comes before a folder's index with bundler resolution...
      './both': 'src/both.js',
      './folder': 'src/folder/index.ts',
      // With `odd.js.ts` there the shortcut declines; TypeScript still maps `odd.js` to `odd.ts`.
      './odd.js': 'src/odd.ts',
      // A folder's package.json comes before its index.
      './pkg': 'src/pkg/lib/main.ts',
    });
    // ...but node10 looks for TypeScript files (a folder's index.ts included) before JavaScript ones.
    expect(answers(resolverFor(tree(node10)))['./both']).toBe('src/both/index.ts');
  });

  it('resolves a bare name from every folder alike, except a package importing itself', () => {
    const resolver = resolverFor({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', baseUrl: '.', paths: { '@shared/*': ['shared/*'] } } }),
      'shared/util.ts': '',
      'packages/a/package.json': JSON.stringify({ name: '@org/a', exports: { '.': './src/index.ts', './inner': './src/inner.ts' } }),
      'packages/a/src/index.ts': '',
      'packages/a/src/inner.ts': '',
      'packages/a/src/self.ts': '',
      'packages/b/package.json': JSON.stringify({ name: '@org/b', dependencies: { '@org/a': '*' } }),
      'packages/b/src/use.ts': '',
      'app/main.ts': '',
    });
    const resolve = (specifier: string, importer: string): string => {
      const resolution = resolver.resolve(specifier, importer, 'import');
      return resolution.kind === 'file' ? resolution.path : resolution.kind;
    };
    expect(resolve('@shared/util', 'app/main.ts')).toBe('shared/util.ts');
    expect(resolve('@shared/util', 'packages/b/src/use.ts')).toBe('shared/util.ts');
    expect(resolve('@org/a/inner', 'packages/b/src/use.ts')).toBe('packages/a/src/inner.ts');
    expect(resolve('@org/a/inner', 'packages/a/src/self.ts')).toBe('packages/a/src/inner.ts');
    expect(resolve('@org/a/inner', 'app/main.ts')).toBe('packages/a/src/inner.ts');
    // Not found: whether it is a declared dependency depends on the importer's package.json.
    expect(resolver.resolve('left-pad', 'app/main.ts', 'import').kind).toBe('unresolved');
  });
});

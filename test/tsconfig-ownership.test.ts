import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/shared/errors.js';
import { loadResolutionConfigs } from '../src/graph/tsconfig.js';
import { inMemoryRepo } from './helpers/in-memory-repo.js';

const repo = inMemoryRepo;

function owners(tree: Record<string, unknown>, files: string[], project?: string): (string | null)[] {
  const { files: repoFiles, paths } = repo(tree);
  const configs = loadResolutionConfigs(repoFiles, paths.filter((path) => path.endsWith('.json')), project, paths);
  return files.map((file) => configs.configFor(file).configPath);
}

const src = 'export const x = 1;\n';

describe('tsconfig ownership', () => {
  it('prefers a referenced project over a root that references it and selects the same files by default', () => {
    const tree = {
      'tsconfig.json': { references: [{ path: './tsconfig.app.json' }] },
      'tsconfig.app.json': { include: ['src'] },
      'src/a.ts': src,
      'other/b.ts': src,
    };
    expect(owners(tree, ['src/a.ts', 'other/b.ts'])).toEqual(['tsconfig.app.json', 'tsconfig.json']);
  });

  it('loads referenced folders and configs of any name, and survives reference cycles', () => {
    const tree = {
      'tsconfig.json': { files: [], references: [{ path: './packages/a' }, { path: './config/build.json' }] },
      'packages/a/tsconfig.json': { include: ['src'], references: [{ path: '../../config/build.json' }] },
      'config/build.json': { include: ['../tools'], references: [{ path: '../packages/a' }] },
      'packages/a/src/a.ts': src,
      'tools/t.ts': src,
    };
    expect(owners(tree, ['packages/a/src/a.ts', 'tools/t.ts'])).toEqual(['packages/a/tsconfig.json', 'config/build.json']);
  });

  it('leaves outDir and node_modules out of the default include, and falls back to the nearest config', () => {
    const tree = {
      'tsconfig.json': { compilerOptions: { paths: { '~/*': ['./*'] } } },
      'pkg/tsconfig.json': { compilerOptions: { outDir: 'dist' } },
      'pkg/src/a.ts': src,
      'pkg/dist/a.js': src,
      'pkg/node_modules/dep/index.ts': src,
    };
    // The build output is the root project's (it selects everything), not pkg's; node_modules is nobody's.
    expect(owners(tree, ['pkg/src/a.ts', 'pkg/dist/a.js', 'pkg/node_modules/dep/index.ts'])).toEqual(['pkg/tsconfig.json', 'tsconfig.json', 'pkg/tsconfig.json']);
    const { files, paths } = repo(tree);
    expect(loadResolutionConfigs(files, ['pkg/tsconfig.json', 'tsconfig.json'], undefined, paths).loaded).toEqual(['pkg/tsconfig.json', 'tsconfig.json']);
  });

  it('puts tsconfig.json before jsconfig.json and other names in the same folder', () => {
    const tree = { 'jsconfig.json': {}, 'tsconfig.json': {}, 'tsconfig.lint.json': {}, 'a.ts': src };
    expect(owners(tree, ['a.ts'])).toEqual(['tsconfig.json']);
  });

  it('uses built-in defaults where no config is above a file, and only --project when given', () => {
    const tree = { 'app/tsconfig.json': {}, 'app/a.ts': src, 'scripts/s.ts': src };
    expect(owners(tree, ['app/a.ts', 'scripts/s.ts'])).toEqual(['app/tsconfig.json', null]);
    expect(owners(tree, ['app/a.ts', 'scripts/s.ts'], 'app/tsconfig.json')).toEqual(['app/tsconfig.json', 'app/tsconfig.json']);
  });

  it('a broken config anywhere is an unknown and its files fall back to the config above; only no config at all stops the run', () => {
    expect(owners({ 'tsconfig.json': {}, 'tsconfig.eslint.json': '{ "include": [', 'a.ts': src }, ['a.ts'])).toEqual(['tsconfig.json']);
    const nested = repo({ 'tsconfig.json': {}, 'pkg/tsconfig.json': '{ "include": [', 'pkg/a.ts': src, 'b.ts': src });
    const configs = loadResolutionConfigs(nested.files, ['pkg/tsconfig.json', 'tsconfig.json'], undefined, nested.paths);
    expect(configs.configFor('pkg/a.ts').configPath).toBe('tsconfig.json');
    expect(configs.unknowns.map((unknown) => `${unknown.kind} ${unknown.file}`)).toEqual(['unresolved-config pkg/tsconfig.json']);
    expect(configs.unknownScopes.get('pkg/tsconfig.json')).toEqual(['pkg/a.ts']);
    // The root itself broken: its files use the built-in defaults.
    expect(owners({ 'tsconfig.json': '{ "include": [', 'a.ts': src }, ['a.ts'])).toEqual([null]);
    // A referenced config with a missing base is used with its own settings.
    const referencedBroken = { 'tsconfig.json': { files: [], references: [{ path: './tsconfig.app.json' }] }, 'tsconfig.app.json': '{ "extends": "./missing.json", "include": ["src"] }', 'src/a.ts': src };
    expect(owners(referencedBroken, ['src/a.ts'])).toEqual(['tsconfig.app.json']);
    // Named on purpose (--project), a broken config stops the run.
    expect(() => owners({ 'tsconfig.json': '{ "include": [', 'a.ts': src }, ['a.ts'], 'tsconfig.json')).toThrow(ConfigError);
    expect(() => owners({ 'a.ts': src }, ['a.ts'])).toThrow(/no tsconfig/);
  });
});

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatJson } from '../src/report/json.js';
import { run } from '../src/run/pipeline.js';
import type { RiskReport } from '../src/shared/types.js';
import { cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';

const cacheDirs: string[] = [];
afterEach(() => {
  cleanupScratch();
  for (const dir of cacheDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newCacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'risk-cache-keys-'));
  cacheDirs.push(dir);
  return dir;
}

const analyse = async (dir: string, cacheDir: string | null): Promise<RiskReport> => run({ cwd: dir, mode: 'range', base: 'main', cacheDir });

// The cached tsconfigs, resolutions and file graph are keyed by what they were computed from;
// these change one input the tree's source files do not show, under a warm cache.
describe('cache keys (slow)', () => {
  it('parses the tsconfigs again when an installed `extends` base changes on disk', async () => {
    const base = (folder: string): string => JSON.stringify({ compilerOptions: { paths: { '@lib/*': [`\${configDir}/src/${folder}/*`] } } });
    const repo = createScratchRepo('cache-keys-extends', {
      '.gitignore': 'node_modules/\n',
      'package.json': JSON.stringify({ name: 'app', devDependencies: { '@acme/tsconfig': '1.0.0' } }),
      'tsconfig.json': JSON.stringify({ extends: '@acme/tsconfig/base.json', compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } }),
      'src/one/x.ts': 'export function x(): number {\n  return 1;\n}\n',
      'src/two/x.ts': 'export function x(): number {\n  return 2;\n}\n',
      'src/app.ts': "import { x } from '@lib/x';\n\nexport const app = x();\n",
    });
    repo.write('node_modules/@acme/tsconfig/package.json', JSON.stringify({ name: '@acme/tsconfig', version: '1.0.0' }));
    repo.write('node_modules/@acme/tsconfig/base.json', base('one'));
    repo.write('src/one/x.ts', 'export function x(): number {\n  return 10;\n}\n');
    repo.commitAll('change one');
    const cacheDir = newCacheDir();

    const before = await analyse(repo.dir, cacheDir);
    expect(before.affectedFiles.map((file) => file.file)).toEqual(['src/app.ts']);
    repo.write('node_modules/@acme/tsconfig/base.json', base('two'));
    const after = await analyse(repo.dir, cacheDir);
    expect(after.affectedFiles).toEqual([]);
    expect(formatJson(after)).toBe(formatJson(await analyse(repo.dir, null)));
  });

  it('keeps the parsed tsconfigs when a commit only adds a file `include` cannot match, and parses them again when an extensionless `extends` target appears', async () => {
    const paths = (folder: string): string => JSON.stringify({ compilerOptions: { paths: { '@lib/*': [`./src/${folder}/*`] } } });
    const repo = createScratchRepo('cache-keys-tsconfig-shape', {
      'package.json': JSON.stringify({ name: 'app' }),
      'tsconfig.json': JSON.stringify({ extends: './base', compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } }),
      'base.json': paths('one'),
      'src/one/x.ts': 'export function x(): number {\n  return 1;\n}\n',
      'src/two/x.ts': 'export function x(): number {\n  return 2;\n}\n',
      'src/app.ts': "import { x } from '@lib/x';\n\nexport const app = x();\n",
    });
    const changeOne = (value: number, message: string): void => {
      repo.write('src/one/x.ts', `export function x(): number {\n  return ${value};\n}\n`);
      repo.commitAll(message);
    };
    changeOne(10, 'change one');
    const cacheDir = newCacheDir();
    const configTables = (): string[] => readdirSync(cacheDir).filter((name) => name.startsWith('tsconfigs-'));

    expect((await analyse(repo.dir, cacheDir)).affectedFiles.map((file) => file.file)).toEqual(['src/app.ts']);
    const parsed = configTables();
    expect(parsed).toHaveLength(1);

    // A changeset note and a docs page: no config can select them, the entry still serves.
    repo.write('.changeset/brave-lions.md', '---\n"app": patch\n---\n\nOne is ten.\n');
    repo.write('docs/guide.mdx', '# Guide\n');
    changeOne(11, 'change one again, with notes');
    const withNotes = await analyse(repo.dir, cacheDir);
    expect(configTables()).toEqual(parsed);
    expect(formatJson(withNotes)).toBe(formatJson(await analyse(repo.dir, null)));

    // `extends: "./base"` now finds a file named `base` before `base.json`: a path outside the
    // key that the parse asked about, so the entry is checked, found stale, and parsed again.
    repo.write('base', paths('two'));
    changeOne(12, 'add an extensionless base');
    const withBase = await analyse(repo.dir, cacheDir);
    expect(withBase.affectedFiles).toEqual([]);
    expect(formatJson(withBase)).toBe(formatJson(await analyse(repo.dir, null)));
  });

  it('classifies an import again when the file it names appears, though no source file changed', async () => {
    const repo = createScratchRepo('cache-keys-asset', {
      'package.json': JSON.stringify({ name: 'app' }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } }),
      'src/a.ts': 'export function a(): number {\n  return 1;\n}\n',
      'src/b.ts': "import './b.css';\nimport { a } from './a';\n\nexport const b = a();\n",
    });
    repo.write('src/a.ts', 'export function a(): number {\n  return 2;\n}\n');
    repo.commitAll('change a');
    const cacheDir = newCacheDir();

    const missing = await analyse(repo.dir, cacheDir);
    expect(missing.unknowns.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier ?? ''}`)).toEqual(['unresolved-import src/b.ts ./b.css']);
    repo.write('src/b.css', '.b { color: red; }\n');
    repo.commitAll('add the stylesheet');
    const present = await analyse(repo.dir, cacheDir);
    expect(present.unknowns).toEqual([]);
    expect(formatJson(present)).toBe(formatJson(await analyse(repo.dir, null)));
  });
});

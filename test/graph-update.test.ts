import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatJson } from '../src/report/json.js';
import { run } from '../src/run/pipeline.js';
import { ShardedTable } from '../src/cache/sharded-table.js';
import { openCache } from '../src/cache/cache-store.js';
import { guardSchema } from '../src/cache/cached-table.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createFixtureRepo, initRepository, runGit, type FixtureRepo } from './helpers/fixture-repo.js';
import { parseTableText } from './helpers/cache-files.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const analyse = async (dir: string, cacheDir: string | null): Promise<string> => formatJson(await run({ cwd: dir, mode: 'range', base: 'main', cacheDir }));

/** Every entry key of a sharded table's files in the cache folder. */
function shardKeys(cacheDir: string, table: string): string[] {
  const shards = readdirSync(cacheDir).filter((name) => new RegExp(`^${table}\\.\\d\\d\\.cache$`).test(name));
  return shards.flatMap((name) => parseTableText(readFileSync(join(cacheDir, name), 'utf8')).entries.map(([key]) => key)).sort();
}

/** The barrel-body-change fixture and an empty cache folder, both removed after the test. */
function barrelRepoWithCache(): { repo: FixtureRepo; cacheDir: string } {
  const repo = createFixtureRepo('barrel-body-change');
  cleanups.push(repo.cleanup);
  return { repo, cacheDir: temporaryFolder('risk-graph-update-') };
}

/** The stored file graphs (graph-snapshot.ts) in a cache folder. */
function graphFiles(cacheDir: string): string[] {
  return readdirSync(cacheDir).filter((name) => name.startsWith('graph-'));
}

describe('graph snapshot updated from the changed files (issue 15) (slow)', () => {
  it('a new commit that edits imports gives the answer of a run without a cache, scanning only the edited files', async () => {
    const { repo, cacheDir } = barrelRepoWithCache();
    await analyse(repo.dir, cacheDir);
    const graphs = graphFiles(cacheDir);
    expect(graphs).toHaveLength(1);

    // Same paths, options and configs: only edges of edited files change. other.ts now imports
    // the changed module directly (an edge the stored graph lacks), leaf.ts drops its import,
    // alias-user.ts gains one that resolves nowhere.
    writeFileSync(join(repo.dir, 'src/other.ts'), "import { double } from './lib/math.js';\n\nexport const doubled = double(3);\n");
    writeFileSync(join(repo.dir, 'src/leaf.ts'), 'console.log(1);\n');
    writeFileSync(join(repo.dir, 'src/alias-user.ts'), "import { double } from '@lib/math';\nimport './missing.js';\n\nexport const viaAlias = double(1);\n");
    repo.git('commit', '-qam', 'edit imports');
    // Without the stored scans, a rebuild would scan every file again; an update only the edited ones.
    for (const name of readdirSync(cacheDir).filter((entry) => /^scan\.\d\d\.cache$/.test(entry))) rmSync(join(cacheDir, name));
    const blobs = ['src/other.ts', 'src/leaf.ts', 'src/alias-user.ts'].map((path) => repo.git('rev-parse', `HEAD:${path}`).trim()).sort();

    const updated = await analyse(repo.dir, cacheDir);
    expect(shardKeys(cacheDir, 'scan')).toEqual(blobs);
    expect(graphFiles(cacheDir)).toEqual(graphs);
    const uncached = await analyse(repo.dir, null);
    expect(updated).toBe(uncached);
    const report = JSON.parse(updated) as { affectedFiles: { file: string }[]; unknowns: { file: string; specifier: string | null }[] };
    expect(report.affectedFiles.map((file) => file.file)).toContain('src/other.ts');
    expect(report.affectedFiles.map((file) => file.file)).not.toContain('src/leaf.ts');
    expect(report.unknowns).toContainEqual(expect.objectContaining({ file: 'src/alias-user.ts', specifier: './missing.js' }));
    // And a run of the same tree again reads the updated graph as its own.
    expect(await analyse(repo.dir, cacheDir)).toBe(uncached);
  });

  it('a file added that is no source (a stylesheet) rescans only the files that had an asset or a miss', async () => {
    const { repo, cacheDir } = barrelRepoWithCache();
    writeFileSync(join(repo.dir, 'src/alias-user.ts'), "import { double } from '@lib/math';\nimport './theme.css';\n\nexport const viaAlias = double(1);\n");
    repo.git('commit', '-qam', 'a stylesheet import that resolves nowhere yet');
    const before = JSON.parse(await analyse(repo.dir, cacheDir)) as { unknowns: { file: string; specifier: string | null }[] };
    expect(before.unknowns).toContainEqual(expect.objectContaining({ file: 'src/alias-user.ts', specifier: './theme.css' }));
    const graphs = graphFiles(cacheDir);
    writeFileSync(join(repo.dir, 'src/theme.css'), 'body { color: red; }\n');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'the stylesheet');
    for (const name of readdirSync(cacheDir).filter((entry) => /^scan\.\d\d\.cache$/.test(entry))) rmSync(join(cacheDir, name));
    const updated = await analyse(repo.dir, cacheDir);
    // The same shape (no source or config path changed): updated, from the one file with a miss.
    expect(graphFiles(cacheDir)).toEqual(graphs);
    expect(shardKeys(cacheDir, 'scan')).toEqual([repo.git('rev-parse', 'HEAD:src/alias-user.ts').trim()]);
    expect(updated).toBe(await analyse(repo.dir, null));
    expect((JSON.parse(updated) as { unknowns: { specifier: string | null }[] }).unknowns.map((unknown) => unknown.specifier)).not.toContain('./theme.css');
  });

  it('a new file is a new tree shape: the graph is built again, and right', async () => {
    const { repo, cacheDir } = barrelRepoWithCache();
    await analyse(repo.dir, cacheDir);
    const graphs = graphFiles(cacheDir);
    writeFileSync(join(repo.dir, 'src/lib/extra.ts'), "export { double as twice } from './math.js';\n");
    writeFileSync(join(repo.dir, 'src/leaf.ts'), "import { twice } from './lib/extra.js';\n\nconsole.log(twice(1));\n");
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'new file');
    const updated = await analyse(repo.dir, cacheDir);
    expect(graphFiles(cacheDir)).not.toEqual(graphs);
    expect(updated).toBe(await analyse(repo.dir, null));
    expect((JSON.parse(updated) as { affectedFiles: { file: string }[] }).affectedFiles.map((file) => file.file)).toContain('src/leaf.ts');
  });
});

describe('cached resolutions and graphs follow the workspace packages (review of issue 15) (slow)', () => {
  it('a folder that becomes a pnpm workspace package is resolved to its source, with a cache from before', async () => {
    const dir = temporaryFolder('risk-pnpm-workspace-');
    const git = (...args: string[]): string => runGit(dir, args);
    initRepository(git);
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write('package.json', '{"name":"root","private":true}\n');
    write('pnpm-workspace.yaml', "packages:\n  - 'apps/*'\n");
    write('tsconfig.json', '{"compilerOptions":{"strict":true,"module":"esnext","moduleResolution":"bundler","target":"es2022"}}\n');
    write('packages/utils/package.json', '{"name":"@org/utils","main":"src/index.ts"}\n');
    write('packages/utils/src/index.ts', 'export function u(): number {\n  return 1;\n}\n');
    write('apps/web/package.json', '{"name":"web","dependencies":{"@org/utils":"workspace:*"}}\n');
    write('apps/web/src/main.ts', "import { u } from '@org/utils';\nexport const x = u();\n");
    write('apps/web/src/other.ts', 'export const z = 1;\n');
    git('add', '-A');
    git('commit', '-qm', 'base');
    write('apps/web/src/other.ts', 'export const z = 2;\n');
    git('commit', '-qam', 'a change the cache is made on');
    const cacheDir = temporaryFolder('risk-pnpm-cache-');
    const analyseRange = async (cache: string | null): Promise<string> => formatJson(await run({ cwd: dir, mode: 'range', base: 'HEAD~1', head: 'HEAD', cacheDir: cache }));
    await analyseRange(cacheDir);
    // Only the workspace list changes (no package.json, no tsconfig), then the package's source.
    write('pnpm-workspace.yaml', "packages:\n  - 'apps/*'\n  - 'packages/*'\n");
    git('commit', '-qam', 'packages/* joins the workspace');
    write('packages/utils/src/index.ts', 'export function u(): string {\n  return "1";\n}\n');
    git('commit', '-qam', 'u returns a string');
    const cached = await analyseRange(cacheDir);
    expect(cached).toBe(await analyseRange(null));
    expect((JSON.parse(cached) as { affectedFiles: { file: string }[] }).affectedFiles.map((file) => file.file)).toContain('apps/web/src/main.ts');
  });
});

describe('ShardedTable', () => {
  const schema = guardSchema((value: unknown): value is number => typeof value === 'number');

  it('reads and writes only the shards its keys fall in, and pruning keeps a table with its shards', () => {
    const dir = temporaryFolder('risk-shards-');
    const store = openCache(dir);
    const first = new ShardedTable(store, 'resolve-aaaa', schema, (key) => key.split('/')[0] ?? key, 8);
    for (let index = 0; index < 40; index++) first.set(`folder${index % 4}/file${index}`, index);
    first.save();
    const shards = readdirSync(dir).filter((name) => name.startsWith('resolve-aaaa.'));
    // Four folders: at most four shards, each key with its folder.
    expect(shards.length).toBeGreaterThan(0);
    expect(shards.length).toBeLessThanOrEqual(4);
    const second = new ShardedTable(store, 'resolve-aaaa', schema, (key) => key.split('/')[0] ?? key, 8);
    expect(second.get('folder1/file5')).toBe(5);
    expect(second.get('folder1/file6')).toBeUndefined();
    // Nothing new learned: nothing rewritten.
    const times = shards.map((name) => readFileSync(join(dir, name), 'utf8'));
    second.save();
    expect(shards.map((name) => readFileSync(join(dir, name), 'utf8'))).toEqual(times);
    writeFileSync(join(dir, 'resolve-bbbb.cache'), 'old');
    store.prune('resolve-', 'resolve-aaaa');
    expect(readdirSync(dir).filter((name) => name.startsWith('resolve-')).sort()).toEqual([...shards].sort());
  });
});

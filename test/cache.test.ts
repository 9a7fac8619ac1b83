import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatJson } from '../src/report/json.js';
import { defaultCacheDir } from '../src/cache/cache-location.js';
import { run } from '../src/run/pipeline.js';
import { createFixtureRepo, type FixtureRepo } from './helpers/fixture-repo.js';
import { riskBinary } from './helpers/risk-binary.js';
import { testEnvironment } from './helpers/test-environment.js';
import { formatTableText, parseTableText } from './helpers/cache-files.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setUp(scenario: string): { repo: FixtureRepo; cacheDir: string } {
  const repo = createFixtureRepo(scenario);
  const cacheDir = mkdtempSync(join(tmpdir(), 'risk-cache-'));
  cleanups.push(repo.cleanup, () => rmSync(cacheDir, { recursive: true, force: true }));
  return { repo, cacheDir };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const analyse = async (dir: string, cacheDir: string | null): Promise<string> => formatJson(await run({ cwd: dir, mode: 'range', base: 'main', cacheDir }));

function spawnRisk(cwd: string, cacheDir: string): Promise<{ status: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [riskBinary, '--base', 'main', '--format', 'json', '--cache-dir', cacheDir], { cwd, env: testEnvironment() });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

describe('cache (slow)', () => {
  it('keeps its files in node_modules/.cache only when git ignores node_modules, so the tree shows nothing new', async () => {
    const { repo } = setUp('deep-propagation');
    const home = mkdtempSync(join(tmpdir(), 'risk-cache-home-'));
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    mkdirSync(join(repo.dir, 'node_modules'));
    const previous = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = home;
    try {
      expect((await defaultCacheDir(repo.dir)).startsWith(`${join(home, 'risk')}/`)).toBe(true);
      await run({ cwd: repo.dir, mode: 'range', base: 'main' });
      expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
      writeFileSync(join(repo.dir, '.git', 'info', 'exclude'), 'node_modules/\n');
      expect(await defaultCacheDir(repo.dir)).toBe(join(repo.dir, 'node_modules', '.cache', 'risk'));
    } finally {
      if (previous === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = previous;
    }
  });

  it('gives the same answer cold, warm and without a cache', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const uncached = await analyse(repo.dir, null);
    const cold = await analyse(repo.dir, cacheDir);
    expect(shardsOf(cacheDir, 'facts').length).toBeGreaterThan(0);
    expect(shardsOf(cacheDir, 'scan').length).toBeGreaterThan(0);
    const warm = await analyse(repo.dir, cacheDir);
    expect(cold).toBe(uncached);
    expect(warm).toBe(uncached);
  });

  it('stays right after the tree changes under a warm cache (new commit, renamed file)', async () => {
    const { repo, cacheDir } = setUp('barrel-body-change');
    await analyse(repo.dir, cacheDir);
    repo.git('mv', 'src/other.ts', 'src/renamed-other.ts');
    writeFileSync(join(repo.dir, 'src/app.ts'), "import { double, triple } from './lib/index.js';\n\nexport function main(): number {\n  return double(2) + triple(1);\n}\n");
    repo.git('commit', '-qam', 'more');
    expect(await analyse(repo.dir, cacheDir)).toBe(await analyse(repo.dir, null));
  });

  it('treats a corrupt or foreign cache file as a miss', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const expected = await analyse(repo.dir, null);
    await analyse(repo.dir, cacheDir);
    const scans = new Map(shardsOf(cacheDir, 'scan').map((name) => [name, readFileSync(join(cacheDir, name), 'utf8')]));
    expect(scans.size).toBeGreaterThan(0);
    for (const [name, scan] of scans) writeFileSync(join(cacheDir, name), scan.slice(0, scan.length - 5));
    for (const name of shardsOf(cacheDir, 'facts')) writeFileSync(join(cacheDir, name), JSON.stringify({ format: 999, value: {} }));
    // The whole tree's graph too, else a warm run of this tree never reads the scans at all.
    const graphs = readdirSync(cacheDir).filter((name) => name.startsWith('graph-'));
    expect(graphs).toHaveLength(1);
    for (const name of graphs) writeFileSync(join(cacheDir, name), 'risk-cache\tx\t[');
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
    for (const [name, scan] of scans) expect(readFileSync(join(cacheDir, name), 'utf8')).toBe(scan);
  });

  it('removes the JSON tables of cache format 4 and before, and nothing else (issue 15)', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const former = ['scan.json', 'facts.json', 'resolve-0123456789abcdef.json', 'walk-0123456789abcdef.json'];
    const others = ['package.json', 'notes.json', 'resolve-x.json'];
    for (const name of [...former, ...others]) writeFileSync(join(cacheDir, name), '{"format":"0.1.0+abc","value":{}}');
    // A table's name with other content is a user's file in a folder passed as --cache-dir: kept.
    writeFileSync(join(cacheDir, 'shapes.json'), '{"my":"own file"}');
    others.push('shapes.json');
    await analyse(repo.dir, cacheDir);
    const left = readdirSync(cacheDir);
    expect(left).toEqual(expect.arrayContaining(others));
    expect(left.filter((name) => former.includes(name))).toEqual([]);
  });

  it('removes the tables now sharded as the one file they were before, and no file of another content', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const former = ['scan.cache', 'facts.cache', 'import-facts.cache', 'resolve-0123456789abcdef.cache'];
    for (const name of former) writeFileSync(join(cacheDir, name), 'risk-cache\tv\t"scan"\tsum\n');
    writeFileSync(join(cacheDir, 'notes.cache'), 'risk-cache\tmine\n');
    await analyse(repo.dir, cacheDir);
    const left = readdirSync(cacheDir);
    expect(left.filter((name) => former.includes(name))).toEqual([]);
    expect(left).toContain('notes.cache');
    expect(shardsOf(cacheDir, 'scan').length).toBeGreaterThan(0);
  });

  it('a poisoned entry (imports emptied, still well-formed JSON) is a miss, not an answer (issue 16, item 3)', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const expected = await analyse(repo.dir, null);
    await analyse(repo.dir, cacheDir);
    const shards = shardsOf(cacheDir, 'facts');
    expect(shards.length).toBeGreaterThan(0);
    for (const name of shards) {
      const file = join(cacheDir, name);
      const table = parseTableText(readFileSync(file, 'utf8'));
      expect(table.entries.length).toBeGreaterThan(0);
      const emptied = table.entries.map(([key, json]): [string, string] => [key, JSON.stringify({ ...(JSON.parse(json) as object), imports: [], reExports: [] })]);
      writeFileSync(file, formatTableText({ ...table, entries: emptied }, false));
    }
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
  });

  it('a warm run of the same change takes the importer walk from the cache; an edited walk entry is a miss (issue 15)', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const expected = await analyse(repo.dir, null);
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
    const walks = readdirSync(cacheDir).filter((name) => name.startsWith('walk-'));
    expect(walks).toHaveLength(1);
    // With the walk remembered, nothing is parsed or resolved again: no facts are written.
    expect(shardsOf(cacheDir, 'facts').length).toBeGreaterThan(0);
    for (const name of shardsOf(cacheDir, 'facts')) rmSync(join(cacheDir, name));
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
    expect(shardsOf(cacheDir, 'facts')).toEqual([]);
    // A walk entry edited into another well-formed answer fails its checksum: walked again.
    const file = join(cacheDir, walks[0] ?? '');
    const table = parseTableText(readFileSync(file, 'utf8'));
    const [key, json] = table.entries[0] ?? ['', '{}'];
    const walk = JSON.parse(json) as { affectedFiles: unknown[] };
    expect(key).toBe('walk');
    expect(walk.affectedFiles.length).toBeGreaterThan(0);
    writeFileSync(file, formatTableText({ ...table, entries: [[key, JSON.stringify({ ...walk, affectedFiles: [] })]] }, false));
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
    expect(shardsOf(cacheDir, 'facts').length).toBeGreaterThan(0);
  });

  it('entries of the wrong shape and truncated entries are misses, never an internal error (issue 16, item 3)', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const expected = await analyse(repo.dir, null);
    await analyse(repo.dir, cacheDir);
    for (const name of readdirSync(cacheDir).filter((entry) => entry.endsWith('.cache'))) {
      const table = parseTableText(readFileSync(join(cacheDir, name), 'utf8'));
      // Well-signed tables (the checksum recomputed) whose entries are objects missing every
      // field, values of another type, entries cut in half, and nulls.
      const entries = table.entries.map(([key, json], index): [string, string] => [key, ['{}', '5', json.slice(0, 10), 'null'][index % 4] ?? '']);
      writeFileSync(join(cacheDir, name), formatTableText({ ...table, entries }, true));
    }
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
  });

  it('with HOME empty or a relative XDG_CACHE_HOME, never writes inside the repository: temp folder, said on stderr (issue 16, item 4)', () => {
    const { repo } = setUp('deep-propagation');
    const env = testEnvironment({ HOME: '', XDG_CACHE_HOME: '' });
    const result = spawnSync(process.execPath, [riskBinary, '--base', 'main', '--format', 'json'], { cwd: repo.dir, env, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`^risk: no home folder \\(HOME is unset or empty\\): caching in ${escapeRegExp(tmpdir())}/risk-cache-\\S+\n$`));
    expect(repo.git('status', '--porcelain', '--untracked-files=all', '--ignored')).toBe('');
    const relativeXdg = spawnSync(process.execPath, [riskBinary, '--base', 'main', '--format', 'json'], { cwd: repo.dir, env: testEnvironment({ HOME: '', XDG_CACHE_HOME: 'cache' }), encoding: 'utf8' });
    expect(relativeXdg.status).toBe(0);
    expect(repo.git('status', '--porcelain', '--untracked-files=all', '--ignored')).toBe('');
    rmSync(result.stderr.replace(/^.*caching in /s, '').trim(), { recursive: true, force: true });
  });

  it('creates its folder for the user only', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const folder = join(cacheDir, 'nested', 'risk');
    await analyse(repo.dir, folder);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
  });

  it('is never left corrupt by a run interrupted with SIGINT', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const expected = await analyse(repo.dir, null);
    for (const delay of [50, 150, 300, 600]) {
      const child = spawn(process.execPath, [riskBinary, '--base', 'main', '--format', 'json', '--cache-dir', cacheDir], { cwd: repo.dir, env: testEnvironment() });
      // Listened for from the start: a run that ends before the signal must not leave the test waiting.
      const closed = new Promise((resolve) => child.on('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGINT');
      await closed;
      for (const name of readdirSync(cacheDir).filter((entry) => entry.endsWith('.cache'))) {
        const table = parseTableText(readFileSync(join(cacheDir, name), 'utf8'));
        expect(formatTableText(table, true), name).toBe(formatTableText(table, false));
      }
    }
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
  });

  it('survives two runs writing the same cache at once', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const expected = await analyse(repo.dir, null);
    const results = await Promise.all([spawnRisk(repo.dir, cacheDir), spawnRisk(repo.dir, cacheDir), spawnRisk(repo.dir, cacheDir)]);
    for (const result of results) {
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(expected);
    }
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
  });
});

/** The shard files of a sharded table (sharded-table.ts): `<table>.<nn>.cache`. */
function shardsOf(cacheDir: string, table: string): string[] {
  return readdirSync(cacheDir)
    .filter((name) => name.startsWith(`${table}.`) && /^\.\d\d\.cache$/.test(name.slice(table.length)))
    .sort();
}

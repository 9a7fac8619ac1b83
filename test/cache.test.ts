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
    expect(readdirSync(cacheDir).sort()).toEqual(expect.arrayContaining(['facts.json', 'scan.json']));
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
    writeFileSync(join(cacheDir, 'scan.json'), '{"format": 1, "value": {"trunc');
    writeFileSync(join(cacheDir, 'facts.json'), JSON.stringify({ format: 999, value: {} }));
    // The whole tree's graph too, else a warm run of this tree never reads scan.json at all.
    const graphs = readdirSync(cacheDir).filter((name) => name.startsWith('graph-'));
    expect(graphs).toHaveLength(1);
    for (const name of graphs) writeFileSync(join(cacheDir, name), '{"format": "x", "value": [');
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
    expect(() => JSON.parse(readFileSync(join(cacheDir, 'scan.json'), 'utf8')) as unknown).not.toThrow();
  });

  it('a poisoned entry (imports emptied, still well-formed JSON) is a miss, not an answer (issue 16, item 3)', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const expected = await analyse(repo.dir, null);
    await analyse(repo.dir, cacheDir);
    const file = join(cacheDir, 'facts.json');
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as { format: string; value: Record<string, [{ imports: unknown[]; reExports: unknown[] }, string]> };
    const entries = Object.values(envelope.value);
    expect(entries.length).toBeGreaterThan(0);
    for (const [facts] of entries) {
      facts.imports = [];
      facts.reExports = [];
    }
    writeFileSync(file, JSON.stringify(envelope));
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
  });

  it('a warm run of the same change takes the importer walk from the cache; an edited walk entry is a miss (issue 15)', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const expected = await analyse(repo.dir, null);
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
    const walks = readdirSync(cacheDir).filter((name) => name.startsWith('walk-'));
    expect(walks).toHaveLength(1);
    // With the walk remembered, nothing is parsed or resolved again: facts.json is not rewritten.
    rmSync(join(cacheDir, 'facts.json'));
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
    expect(readdirSync(cacheDir)).not.toContain('facts.json');
    // A walk entry edited into another well-formed answer fails its checksum: walked again.
    const file = join(cacheDir, walks[0] ?? '');
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as { format: string; value: { walk: [{ affectedFiles: unknown[] }, string] } };
    expect(envelope.value.walk[0].affectedFiles.length).toBeGreaterThan(0);
    envelope.value.walk[0].affectedFiles = [];
    writeFileSync(file, JSON.stringify(envelope));
    expect(await analyse(repo.dir, cacheDir)).toBe(expected);
    expect(readdirSync(cacheDir)).toContain('facts.json');
  });

  it('entries of the wrong shape and truncated entries are misses, never an internal error (issue 16, item 3)', async () => {
    const { repo, cacheDir } = setUp('deep-propagation');
    const expected = await analyse(repo.dir, null);
    await analyse(repo.dir, cacheDir);
    for (const name of readdirSync(cacheDir).filter((entry) => entry.endsWith('.json'))) {
      const envelope = JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as { format: string; value: Record<string, unknown> };
      // Old-style bare values, objects missing every field, and entries cut in half.
      const keys = Object.keys(envelope.value);
      keys.forEach((key, index) => {
        const entry = envelope.value[key] as [unknown, string];
        envelope.value[key] = [entry[0], {}, [JSON.stringify(entry[0]).slice(0, 10), entry[1]], 5][index % 4];
      });
      writeFileSync(join(cacheDir, name), JSON.stringify(envelope));
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
      for (const name of readdirSync(cacheDir).filter((entry) => entry.endsWith('.json'))) {
        expect(() => JSON.parse(readFileSync(join(cacheDir, name), 'utf8')) as unknown, name).not.toThrow();
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

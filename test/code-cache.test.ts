import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const codeCache = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'cache', 'code-cache.js')).href;
const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A CommonJS module that requires a sibling, loaded with the code cache in a fresh Node process. */
function scratch(): { home: string; module: string } {
  const folder = mkdtempSync(join(tmpdir(), 'risk-code-cache-'));
  folders.push(folder);
  writeFileSync(join(folder, 'helper.cjs'), 'module.exports = { twice: (x) => 2 * x };\n');
  writeFileSync(join(folder, 'big.cjs'), "const { twice } = require('./helper.cjs');\nexports.answer = twice(21);\nexports.file = __filename;\n");
  return { home: join(folder, 'home'), module: join(folder, 'big.cjs') };
}

function load(home: string, module: string, env: Record<string, string> = {}): string {
  const script = [
    `const { requireWithCodeCache } = await import(${JSON.stringify(codeCache)});`,
    `const { createRequire } = await import('node:module');`,
    `const loaded = requireWithCodeCache(${JSON.stringify(module)});`,
    `const again = createRequire(${JSON.stringify(module)})(${JSON.stringify(module)});`,
    `console.log(JSON.stringify({ answer: loaded.answer, file: loaded.file, same: loaded === again }));`,
  ].join('\n');
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '', ...env, XDG_CACHE_HOME: home } });
  expect(result.stderr).toBe('');
  return result.stdout.trim();
}

const cacheFiles = (home: string): string[] => {
  try {
    return readdirSync(join(home, 'risk', 'code'));
  } catch {
    return [];
  }
};

describe('the code cache of the TypeScript compiler', () => {
  it('loads a module as require does, writes its compiled code once, and loads it from the cache after', () => {
    const { home, module } = scratch();
    const expected = JSON.stringify({ answer: 42, file: module, same: true });
    expect(load(home, module)).toBe(expected);
    const written = cacheFiles(home);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^[0-9a-f]{16}-[0-9a-f]{16}\.bin$/);
    const bytes = readFileSync(join(home, 'risk', 'code', written[0]!));
    expect(bytes.length).toBeGreaterThan(0);

    expect(load(home, module)).toBe(expected);
    // Accepted data is not rewritten.
    expect(readFileSync(join(home, 'risk', 'code', written[0]!)).equals(bytes)).toBe(true);
  });

  it('compiles as usual and rewrites the file when the cached data is garbage', () => {
    const { home, module } = scratch();
    load(home, module);
    const [name] = cacheFiles(home);
    const file = join(home, 'risk', 'code', name!);
    writeFileSync(file, 'not compiled code at all');
    expect(load(home, module)).toBe(JSON.stringify({ answer: 42, file: module, same: true }));
    expect(readFileSync(file, 'utf8')).not.toBe('not compiled code at all');
  });

  it("replaces an older build's data of the same file, and keeps other files' data", () => {
    const { home, module } = scratch();
    const other = join(home, '..', 'other.cjs');
    writeFileSync(other, 'exports.answer = 7;\n');
    load(home, other);
    const [otherData] = cacheFiles(home);
    load(home, module);
    const before = cacheFiles(home);
    expect(before).toHaveLength(2);
    // A new build: other content (size and time), so other data under the same file's prefix.
    writeFileSync(module, "const { twice } = require('./helper.cjs');\nexports.answer = twice(21);\nexports.file = __filename;\n// rebuilt\n");
    load(home, module);
    const after = cacheFiles(home);
    expect(after).toHaveLength(2);
    expect(after).toContain(otherData);
    expect(after.filter((name) => !before.includes(name))).toHaveLength(1);
  });

  it('writes nothing with NODE_DISABLE_COMPILE_CACHE=1, as Node does for its own cache', () => {
    const { home, module } = scratch();
    expect(load(home, module, { NODE_DISABLE_COMPILE_CACHE: '1' })).toBe(JSON.stringify({ answer: 42, file: module, same: true }));
    expect(cacheFiles(home)).toEqual([]);
  });
});

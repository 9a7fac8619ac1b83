import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from '../src/cache/cache-store.js';
import { applyDefaults } from '../src/config/defaults.js';
import { formatJson } from '../src/report/json.js';
import { analyse } from '../src/run/pipeline.js';
import { extractImportFacts, extractModuleFacts, importFactsOf } from '../src/symbols/module-facts.js';
import { listFixtureSources } from './helpers/fixture-sources.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** The light parse must agree with the full facts on everything confirming imports reads. */
const fromFullFacts = (path: string, text: string) => importFactsOf(extractModuleFacts(path, text, { withFingerprints: false }));

const tricky = `
import def from './a';
import type { T } from './b';
export * from './c';
export { d } from './d';
import eq = require('./e');
// import { commented } from './not-real';
const { f } = require('./f');
const g = require(\`./g/\${name}\`);
module.exports = { h: require(pick('h')), ...require('./spread'), [key]: import('./computed-key') };
exports.i = () => import(/* chunk */ './i-' + lang);
type J = import('./j').J;
declare module 'k' { import { L } from './l'; }
export class M { async load() { const { n } = await import('./n'); return require(dir + '/o').p; } }
export const escaped = () => requ\\u0069re(dynamicName);
`;

describe('extractImportFacts (imports only, for files that are confirmed but not walked)', () => {
  it('finds the same specifiers, computed paths (twice where the walk meets them twice) and errors as the full facts', () => {
    const facts = extractImportFacts('tricky.ts', tricky);
    expect(facts).toEqual(fromFullFacts('tricky.ts', tricky));
    expect(facts.specifiers).toEqual(['./a', './b', './e', './f', './l', './c', './d', './spread', './computed-key', './j', './n']);
    // A property of `module.exports = {...}` is walked as an export and again as the whole default.
    expect(facts.dynamicSpecifiers).toEqual([
      'require(`./g/${name}`)',
      "require(pick('h'))",
      "require(pick('h'))",
      "import(/* chunk */ './i-' + lang)",
      "import(/* chunk */ './i-' + lang)",
      "require(dir + '/o')",
      'requ\\u0069re(dynamicName)',
    ]);
    expect(facts.parseErrors).toEqual([]);
    const broken = 'import { a } from "./a";\nconst x = (;\nconst y = import(z);\n';
    expect(extractImportFacts('broken.ts', broken)).toEqual(fromFullFacts('broken.ts', broken));
    expect(extractImportFacts('broken.ts', broken).parseErrors).toEqual(['2:12 Expression expected.']);
  });

  it('agrees with the full facts on every fixture source file', () => {
    const sources = listFixtureSources();
    const differing = sources.filter(({ path, text }) => JSON.stringify(extractImportFacts(path, text)) !== JSON.stringify(fromFullFacts(path, text))).map(({ name }) => name);
    expect(sources.length).toBeGreaterThan(100);
    expect(differing).toEqual([]);
  });

  it('is cached apart from full facts: a later walk through a confirmed file parses it whole', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'risk-import-facts-'));
    cleanups.push(() => rmSync(cacheDir, { recursive: true, force: true }));
    const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });
    const base = {
      'tsconfig.json': tsconfig,
      'src/lib.ts': 'export const one = () => 1;\n',
      'src/util.ts': 'export const two = () => 2;\n',
      'src/use-lib.ts': "import { one } from './lib';\nexport const a = one();\n",
      // Not reached by the first change, but confirmed for its computed import and broken import.
      'src/loader.ts': "import { two } from './util';\nimport './missing';\n// import './only-in-a-comment';\nexport const load = (name: string) => import(name).then(() => two());\n",
    };
    const first = { ...base, 'src/lib.ts': 'export const one = () => 1 + 0;\n' };
    const second = { ...base, 'src/util.ts': 'export const two = () => 2 + 0;\n' };
    const config = applyDefaults({}, null);
    const report = async (head: Record<string, string>, cached: boolean): Promise<string> =>
      formatJson(await analyse(changeSet(base, head), config, cached ? { cache: openCache(cacheDir) } : {}));

    const cold = await report(first, true);
    expect(cold).toBe(await report(first, false));
    const parsed = JSON.parse(cold) as { unknowns: { kind: string; file: string; specifier: string | null }[]; affectedFiles: { file: string }[] };
    expect(parsed.unknowns.filter((unknown) => unknown.file === 'src/loader.ts').map((unknown) => `${unknown.kind} ${unknown.specifier}`)).toEqual(['dynamic-import import(name)', 'unresolved-import ./missing']);
    expect(parsed.affectedFiles.map((file) => file.file)).toEqual(['src/use-lib.ts']);
    expect(readdirSync(cacheDir).filter((name) => name.startsWith('import-facts.'))).toHaveLength(1);

    // The walk now goes through loader.ts, whose imports alone are in the cache.
    const warm = await report(second, true);
    expect(warm).toBe(await report(second, false));
    expect((JSON.parse(warm) as { affectedFiles: { file: string }[] }).affectedFiles.map((file) => file.file)).toEqual(['src/loader.ts']);
  });
});

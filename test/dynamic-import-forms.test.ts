import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { analyse } from '../src/run/pipeline.js';
import type { RiskReport } from '../src/shared/types.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', allowJs: true } });
const lib = 'export function used(): number {\n  return 1;\n}\nexport function other(): number {\n  return 2;\n}\n';
const manifest = JSON.stringify({ name: 'app', private: true });

/** The report when `other`'s body changes, with these user files around it. */
async function reportFor(users: Record<string, string>): Promise<RiskReport> {
  const base = { 'package.json': manifest, 'tsconfig.json': tsconfig, 'src/lib.ts': lib, ...users };
  return analyse(changeSet(base, { ...base, 'src/lib.ts': lib.replace('return 2;', 'return 3;') }), applyDefaults({}, null));
}

/**
 * Every syntax that loads src/lib.ts at runtime and uses `other` (or the module whole). Each must
 * make its file affected, or be reported as an unknown: never dropped.
 */
const usesOther: Record<string, string> = {
  'src/then-member.ts': "export async function go() {\n  return import('./lib').then((m) => m.other());\n}\n",
  'src/then-destructure.ts': "export async function go() {\n  return import('./lib').then(({ other }) => other());\n}\n",
  'src/then-renamed.ts': "export async function go() {\n  return import('./lib').then(({ other: o }) => o());\n}\n",
  'src/then-function.ts': "export async function go() {\n  return import('./lib').then(function (m) {\n    return m.other();\n  });\n}\n",
  'src/then-whole.ts': "export function go() {\n  return import('./lib').then((m) => m);\n}\n",
  'src/then-passed.ts': "export function go(f: (m: unknown) => void) {\n  return import('./lib').then(f);\n}\n",
  'src/then-assign.ts': "let driver: unknown;\nexport async function go() {\n  driver ??= await import('./lib').then((m) => m.other);\n  return driver;\n}\n",
  'src/then-class.ts': "export class Loader {\n  private f?: () => number;\n  async load() {\n    this.f ??= await import('./lib').then((m) => m.other);\n    return this.f();\n  }\n}\n",
  'src/catch-then.ts': "export function go() {\n  return import('./lib').catch(() => null).then((m) => m);\n}\n",
  'src/promise-const.ts': "export function go() {\n  const p = import('./lib');\n  return p.then((m) => m.other());\n}\n",
  'src/promise-all.ts': "export async function go() {\n  const [m] = await Promise.all([import('./lib')]);\n  return m.other();\n}\n",
  'src/returned.ts': "export function go() {\n  return import('./lib');\n}\n",
  'src/lazy.ts': "export const lazy = () => import('./lib');\n",
  'src/await-member.ts': "export async function go() {\n  return (await import('./lib')).other();\n}\n",
  'src/await-const.ts': "export async function go() {\n  const m = await import('./lib');\n  return m.other();\n}\n",
  'src/await-destructure.ts': "export async function go() {\n  const { other } = await import('./lib');\n  return other();\n}\n",
  'src/template.ts': 'export async function go() {\n  return (await import(`./lib`)).other();\n}\n',
  'src/require-member.cjs': "module.exports.go = () => require('./lib.ts').other();\n",
  'src/require-const.cjs': "const m = require('./lib.ts');\nmodule.exports.go = () => m.other();\n",
  'src/require-destructure.cjs': "const { other } = require('./lib.ts');\nmodule.exports.go = () => other();\n",
  'src/require-inner.cjs': "module.exports.go = () => {\n  const { other } = require('./lib.ts');\n  return other();\n};\n",
  'src/require-exported.ts': "export const lib = require('./lib');\n",
  'src/import-equals.ts': "import lib = require('./lib');\nexport const go = () => lib.other();\n",
  'src/computed.ts': "const name = './lib';\nexport async function go() {\n  return (await import(name)).other();\n}\n",
  'src/computed-require.cjs': "const name = './lib.ts';\nmodule.exports.go = () => require(name).other();\n",
};

/** The same syntaxes reading only `used`: not affected by a change of `other`. */
const usesUsed: Record<string, string> = {
  'src/then-used.ts': "export async function go() {\n  return import('./lib').then((m) => m.used());\n}\n",
  'src/then-used-destructure.ts': "export async function go() {\n  return import('./lib').then(({ used }) => used());\n}\n",
  'src/then-loads.ts': "export async function go() {\n  return import('./lib').then(() => 1);\n}\n",
  'src/require-used.cjs': "module.exports.go = () => require('./lib.ts').used();\n",
};

describe('every dynamic import and require form is followed or reported', () => {
  it('each form that uses the changed export (or the module whole) is affected or an unknown', async () => {
    const report = await reportFor(usesOther);
    const affected = new Set(report.affectedFiles.map((file) => file.file));
    const unknown = new Set([...report.unknowns, ...report.unknownsElsewhere].map((entry) => entry.file));
    const dropped = Object.keys(usesOther).filter((file) => !affected.has(file) && !unknown.has(file));
    expect(dropped).toEqual([]);
    expect([...unknown].sort()).toEqual(['src/computed-require.cjs', 'src/computed.ts']);
  });

  it('`.then` callbacks and destructuring use only the members they read', async () => {
    const report = await reportFor({ ...usesUsed, 'src/then-member.ts': usesOther['src/then-member.ts'] as string });
    expect(report.affectedFiles.map((file) => file.file)).toEqual(['src/then-member.ts']);
  });

  it('the value a `.then` callback returns carries the change on to importers', async () => {
    const report = await reportFor({
      'src/then-assign.ts': usesOther['src/then-assign.ts'] as string,
      'src/user.ts': "import { go } from './then-assign';\nexport const run = () => go();\n",
    });
    expect(report.affectedFiles.map((file) => `${file.file} ${file.depth}`)).toEqual(['src/then-assign.ts 1', 'src/user.ts 2']);
  });

  it('a required module exported whole reaches the importers that read the changed member', async () => {
    const report = await reportFor({
      'src/require-exported.ts': usesOther['src/require-exported.ts'] as string,
      'src/reads.ts': "import { lib } from './require-exported';\nexport const run = () => lib.other();\n",
    });
    expect(report.affectedFiles.map((file) => file.file)).toEqual(['src/require-exported.ts', 'src/reads.ts']);
  });
});

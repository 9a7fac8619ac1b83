import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { analyse } from '../src/run/pipeline.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });

/** A workspace package `@acme/lib` published through `exports` (built to dist, mapped back to src). */
const base = {
  'tsconfig.json': tsconfig,
  'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
  'packages/lib/package.json': JSON.stringify({ name: '@acme/lib', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './money': './dist/money.js' } }),
  'packages/lib/src/index.ts': "export * from './core';\nexport { fmt as formatMoney } from './money';\n",
  'packages/lib/src/core.ts': 'export function keep(): number {\n  return 1;\n}\nexport function drop(): number {\n  return 2;\n}\n',
  'packages/lib/src/money.ts': 'export const fmt = (n: number): string => `${n}`;\n',
  'packages/app/package.json': JSON.stringify({ name: 'app', private: true }),
  'packages/app/src/main.ts': "import { keep } from '@acme/lib';\nexport const main = keep();\n",
};

const apiOf = async (head: Record<string, string>): Promise<string[]> => {
  const report = await analyse(changeSet(base, head), applyDefaults({}, null));
  return report.publicApi.map((change) => `${change.package}${change.subpath === '.' ? '' : change.subpath.slice(1)} ${change.name} ${change.change} ${change.impact}`);
};

describe('public API signal', () => {
  it('a removed export behind `export *` is breaking at the entry point', async () => {
    expect(await apiOf({ ...base, 'packages/lib/src/core.ts': 'export function keep(): number {\n  return 1;\n}\n' })).toEqual(['@acme/lib drop removed breaking']);
  });

  it('a new export is additive, a body change internal, and each subpath entry is its own', async () => {
    const core = `${base['packages/lib/src/core.ts']}export function added(): number {\n  return 3;\n}\n`;
    const money = 'export const fmt = (n: number): string => `$${n}`;\n';
    expect(await apiOf({ ...base, 'packages/lib/src/core.ts': core, 'packages/lib/src/money.ts': money })).toEqual([
      '@acme/lib added added additive',
      '@acme/lib formatMoney body internal',
      '@acme/lib/money fmt body internal',
    ]);
  });

  it('a renamed export is the old name removed (breaking) and the new one added', async () => {
    const renamed = base['packages/lib/src/core.ts'].replace('function drop', 'function dropped');
    expect(await apiOf({ ...base, 'packages/lib/src/core.ts': renamed })).toEqual(['@acme/lib drop removed breaking', '@acme/lib dropped added additive']);
  });

  it('a private package publishes nothing', async () => {
    expect(await apiOf({ ...base, 'packages/app/src/main.ts': "import { keep } from '@acme/lib';\nexport const main = keep() + 1;\n" })).toEqual([]);
  });
});

describe('public API signal, broken exports', () => {
  it('an entry export that uses a removed symbol is breaking as a changed signature, not listed as removed', async () => {
    const withUser = {
      ...base,
      'packages/lib/src/index.ts': "export * from './core';\nexport { fmt as formatMoney } from './money';\nexport { greet } from './greet';\n",
      'packages/lib/src/greet.ts': "import { drop } from './core';\nexport const greet = (): string => `hi ${drop()}`;\n",
    };
    const head = { ...withUser, 'packages/lib/src/core.ts': 'export function keep(): number {\n  return 1;\n}\n' };
    const report = await analyse(changeSet(withUser, head), applyDefaults({}, null));
    expect(report.publicApi.map((change) => `${change.name} ${change.change} ${change.impact}`)).toEqual(['drop removed breaking', 'greet signature breaking']);
  });
});

describe('public API signal, namespace exports', () => {
  it('a member added inside a namespace export is named with its path, not as a new export', async () => {
    const withNamespace = { ...base, 'packages/lib/src/index.ts': "export * from './core';\nexport * as money from './money';\n" };
    const head = { ...withNamespace, 'packages/lib/src/money.ts': `${base['packages/lib/src/money.ts']}export const cents = (n: number): number => n * 100;\n` };
    const report = await analyse(changeSet(withNamespace, head), applyDefaults({}, null));
    expect(report.publicApi.filter((change) => change.subpath === '.').map((change) => `${change.name} ${change.change} ${change.impact}`)).toEqual(['money.cents added additive']);
  });
});

import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { analyse } from '../src/run/pipeline.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });

describe('analyse (stages after the diff, in memory)', () => {
  it('reaches exactly the users of the changed export, across a barrel', async () => {
    const base = {
      'tsconfig.json': tsconfig,
      'src/money.ts': 'export const round = (n: number) => Math.round(n);\nexport const fmt = (n: number) => `${n}`;\n',
      'src/index.ts': "export * from './money';\n",
      'src/a.ts': "import { round } from './index';\nexport const a = round(1);\n",
      'src/b.ts': "import { fmt } from './index';\nexport const b = fmt(1);\n",
      'src/c.ts': "import { a } from './a';\nexport function c() { return a; }\n",
    };
    const head = { ...base, 'src/money.ts': base['src/money.ts'].replace('Math.round(n)', 'Math.round(n * 100) / 100') };
    const report = await analyse(changeSet(base, head), applyDefaults({}, null));
    expect(report.changedSymbols.map((symbol) => `${symbol.name} ${symbol.change}`)).toEqual(['round body']);
    expect(report.affectedFiles.map((file) => `${file.depth} ${file.file} [${file.exports.join(',')}]`)).toEqual([
      '1 src/index.ts [round]',
      '2 src/a.ts [a]',
      '3 src/c.ts [c]',
    ]);
    expect(report.verdict).toBe('pass');
  });

  it('marks a file that imports a removed export as broken and fails by default', async () => {
    const base = {
      'tsconfig.json': tsconfig,
      'src/lib.ts': 'export function old() { return 1; }\nexport function kept() { return 2; }\n',
      'src/use.ts': "import { old } from './lib';\nold();\n",
      'src/other.ts': "import { kept } from './lib';\nkept();\n",
    };
    const head = { ...base, 'src/lib.ts': 'export function kept() { return 2; }\n' };
    const report = await analyse(changeSet(base, head), applyDefaults({}, null));
    expect(report.changedSymbols.map((symbol) => `${symbol.name} ${symbol.change}`)).toEqual(['old removed']);
    expect(report.affectedFiles.map((file) => `${file.file} broken=${file.isBroken}`)).toEqual(['src/use.ts broken=true']);
    expect(report.verdict).toBe('fail');
    expect(report.decidedBy).toBe('onBrokenImport: 1 file(s) still import a removed export or deleted file');
  });
});

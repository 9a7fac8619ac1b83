import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { analyse } from '../src/run/pipeline.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });
const lib = 'export function make(n: number): { n: number } {\n  return { n };\n}\n';

/** Affected files (with `(types)`) when make's body changes and, with `signature`, its return type too. */
async function affectedBy(users: Record<string, string>, signature = false): Promise<string[]> {
  const base = { 'tsconfig.json': tsconfig, 'src/lib.ts': lib, ...users };
  const changed = signature ? lib.replace(/\{ n: number \}/, '{ n: number; m: number }').replace('{ n }', '{ n, m: n }') : lib.replace('{ n }', '{ n: n + 0 }');
  const report = await analyse(changeSet(base, { ...base, 'src/lib.ts': changed }), applyDefaults({}, null));
  return report.affectedFiles.map((file) => `${file.file}${file.typeOnly ? ' (types)' : ''}`).sort();
}

const users = {
  // Type positions only: `typeof make`, ReturnType<typeof make>, import type.
  'src/typeof.ts': "import { make } from './lib';\nexport type Maker = typeof make;\n",
  'src/return-type.ts': "import type { make } from './lib';\nexport interface Box {\n  value: ReturnType<typeof make>;\n}\n",
  'src/overload.ts': "import { make } from './lib';\nfunction base(f: typeof make): number;\nfunction base(f?: typeof make): number {\n  return f ? 1 : 0;\n}\nexport function create(): number {\n  return base();\n}\n",
  'src/import-type.ts': "export type M = typeof import('./lib').make;\n",
  // A value use: affected by any change.
  'src/calls.ts': "import { make } from './lib';\nexport const one = make(1);\n",
  'src/downstream.ts': "import type { Maker } from './typeof';\nexport const use = (m: Maker): number => m(2).n;\n",
};

describe('a body-only change reaches value uses, not type positions', () => {
  it('uses in `typeof`, annotations and `import type` see no change of an implementation', async () => {
    expect(await affectedBy(users)).toEqual(['src/calls.ts']);
  });

  it('the same uses are affected (as types) when the signature changes', async () => {
    expect(await affectedBy(users, true)).toEqual([
      'src/calls.ts',
      'src/downstream.ts (types)',
      'src/import-type.ts (types)',
      'src/overload.ts',
      'src/return-type.ts (types)',
      'src/typeof.ts',
    ]);
  });
});

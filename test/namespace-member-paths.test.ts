import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { analyse } from '../src/run.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });

/** zod's shape: a namespace `z` whose member `core` is a namespace whose member `util` is one too. */
const base = {
  'tsconfig.json': tsconfig,
  'src/core/util.ts': 'export function a(): number {\n  return 1;\n}\nexport function b(): number {\n  return 2;\n}\n',
  'src/core/index.ts': "export * as util from './util';\nexport function other(): number {\n  return 3;\n}\n",
  'src/external.ts': "export * as core from './core/index';\n",
  'src/index.ts': "import * as z from './external';\nexport { z };\n",
  'src/uses-a.ts': "import { z } from './index';\nexport const x = z.core.util.a();\n",
  'src/uses-b.ts': "import { z } from './index';\nexport const y = z.core.util.b();\n",
  'src/uses-other.ts': "import { z } from './index';\nexport const w = z.core.other();\n",
  'src/passes-core.ts': "import { z } from './index';\nexport const all = z.core;\n",
  'src/star-user.ts': "import * as all from './external';\nexport const v = all.core.util.a();\n",
};

describe('namespace member paths (z.core.util.x)', () => {
  it('a change of util.a reaches users of z.core.util and of z.core whole, not of z.core.other', async () => {
    const head = { ...base, 'src/core/util.ts': base['src/core/util.ts'].replace('return 1;', 'return 10;') };
    const report = await analyse(changeSet(base, head), applyDefaults({}, null));
    const affected = report.affectedFiles.map((file) => file.file).sort();
    // Two levels of members are tracked (`core.util`), so `z.core.util.b` still counts: the safe side.
    expect(affected).toEqual(['src/core/index.ts', 'src/external.ts', 'src/index.ts', 'src/passes-core.ts', 'src/star-user.ts', 'src/uses-a.ts', 'src/uses-b.ts']);
    expect(report.affectedFiles.find((file) => file.file === 'src/uses-a.ts')?.via.map((link) => `${link.file}#${link.symbol ?? ''}`)).toEqual([
      'src/core/util.ts#a',
      'src/core/index.ts#util.a',
      'src/external.ts#core.util.a',
      'src/index.ts#z.core.util',
      'src/uses-a.ts#x',
    ]);
  });
});

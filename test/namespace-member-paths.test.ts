import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { analyse } from '../src/run/pipeline.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';
import { chainTo } from './helpers/report-views.js';

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
    // The whole path `core.util.a` is tracked, so `z.core.util.b` and `z.core.other` do not count.
    expect(affected).toEqual(['src/core/index.ts', 'src/external.ts', 'src/index.ts', 'src/passes-core.ts', 'src/star-user.ts', 'src/uses-a.ts']);
    expect(chainTo(report, 'src/uses-a.ts').map((link) => `${link.file}#${link.symbol ?? ''}`)).toEqual([
      'src/core/util.ts#a',
      'src/core/index.ts#util.a',
      'src/external.ts#core.util.a',
      'src/index.ts#z.core.util.a',
      'src/uses-a.ts#x',
    ]);
  });

  it('a removed member breaks only the files that read that exact path', async () => {
    const head = { ...base, 'src/core/util.ts': 'export function a(): number {\n  return 1;\n}\n' };
    const report = await analyse(changeSet(base, head), applyDefaults({}, null));
    const broken = report.affectedFiles.filter((file) => file.isBroken).map((file) => file.file);
    expect(broken).toEqual(['src/uses-b.ts']);
    expect(report.affectedFiles.map((file) => file.file)).not.toContain('src/uses-a.ts');
  });

  it('ends on a namespace that contains itself, counting every use of it', async () => {
    const files = {
      'tsconfig.json': tsconfig,
      'src/self.ts': "import * as self from './self';\nexport { self };\nexport function a(): number {\n  return 1;\n}\nexport function b(): number {\n  return 2;\n}\n",
      'src/deep-user.ts': "import { self } from './self';\nexport const d = self.self.self.self.self.self.self.self.self.self.b();\n",
      'src/shallow-user.ts': "import { self } from './self';\nexport const s = self.self.self.b();\n",
    };
    const head = { ...files, 'src/self.ts': files['src/self.ts'].replace('return 1;', 'return 10;') };
    const report = await analyse(changeSet(files, head), applyDefaults({}, null));
    // `self.self.self.b` does not read a; a path ten levels deep is cut short, so it counts.
    expect(report.affectedFiles.map((file) => file.file).sort()).toEqual(['src/deep-user.ts', 'src/self.ts']);
  });
});

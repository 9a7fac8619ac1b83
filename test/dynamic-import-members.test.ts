import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { analyse } from '../src/run/pipeline.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });
const lib = 'export function used(): number {\n  return 1;\n}\nexport function other(): number {\n  return 2;\n}\nconsole.log("loaded");\n';

/** Affected files when `other`'s body changes (and, with `topLevel`, the module's top-level code too). */
async function affectedBy(users: Record<string, string>, topLevel = false): Promise<string[]> {
  const base = { 'tsconfig.json': tsconfig, 'src/lib.ts': lib, ...users };
  let changed = lib.replace('return 2;', 'return 3;');
  if (topLevel) changed = changed.replace('"loaded"', '"ready"');
  const report = await analyse(changeSet(base, { ...base, 'src/lib.ts': changed }), applyDefaults({}, null));
  return report.affectedFiles.map((file) => file.file).sort();
}

describe('members used off import() and require() results', () => {
  it('a const bound to import() uses only the members read off it', async () => {
    const users = {
      'src/reads-used.ts': "export async function go() {\n  const m = await import('./lib');\n  return m.used();\n}\n",
      'src/reads-other.ts': "export async function go() {\n  const m = await import('./lib');\n  return m.other() + m.used();\n}\n",
      'src/destructures.ts': "export async function go() {\n  const { used } = await import('./lib');\n  return used();\n}\n",
      'src/destructures-other.ts': "export async function go() {\n  const { other: renamed } = await import('./lib');\n  return renamed();\n}\n",
      'src/passes-on.ts': "export async function go(f: (m: unknown) => void) {\n  const m = await import('./lib');\n  f(m);\n}\n",
      'src/requires.ts': "export function go() {\n  const m = require('./lib');\n  return m.used();\n}\n",
    };
    expect(await affectedBy(users)).toEqual(['src/destructures-other.ts', 'src/passes-on.ts', 'src/reads-other.ts']);
  });

  it('a rest element, a `let`, or a module loaded and never read are whole-module or top-level uses', async () => {
    const users = {
      'src/rest.ts': "export async function go() {\n  const { used, ...rest } = await import('./lib');\n  return [used, rest];\n}\n",
      'src/let.ts': "export async function go() {\n  let m = await import('./lib');\n  return m.used();\n}\n",
      'src/unread.ts': "export async function go() {\n  const m = await import('./lib');\n}\n",
    };
    expect(await affectedBy(users)).toEqual(['src/let.ts', 'src/rest.ts']);
    expect(await affectedBy(users, true)).toEqual(['src/let.ts', 'src/rest.ts', 'src/unread.ts']);
  });
});

import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { analyse } from '../src/run/pipeline.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';
import { chainTo } from './helpers/report-views.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });
const lib = 'export function f(): number {\n  return 1;\n}\n';
const app = "import { f } from './lib';\nexport const value = f();\n";

const brokenFiles = (report: Awaited<ReturnType<typeof analyse>>): string[] => report.affectedFiles.filter((file) => file.isBroken).map((file) => file.file);

describe('a module moved where its specifier still finds it', () => {
  it('lib.ts -> lib/index.ts: the importer resolves to the new file and is not broken', async () => {
    const report = await analyse(changeSet({ 'tsconfig.json': tsconfig, 'src/lib.ts': lib, 'src/app.ts': app }, { 'tsconfig.json': tsconfig, 'src/lib/index.ts': lib, 'src/app.ts': app }), applyDefaults({}, null));
    expect(brokenFiles(report)).toEqual([]);
    expect(report.verdict).not.toBe('fail');
  });

  it('lib.ts -> lib.tsx with an edit: the importer is reached through the new file only', async () => {
    const edited = lib.replace('return 1;', 'return 2;');
    const report = await analyse(changeSet({ 'tsconfig.json': tsconfig, 'src/lib.ts': lib, 'src/app.ts': app }, { 'tsconfig.json': tsconfig, 'src/lib.tsx': edited, 'src/app.ts': app }), applyDefaults({}, null));
    expect(brokenFiles(report)).toEqual([]);
    expect(chainTo(report, 'src/app.ts').map((link) => link.file)).toEqual(['src/lib.tsx', 'src/app.ts']);
  });

  it('util.ts deleted while util/index.ts exists: ./util now means the folder', async () => {
    const folder = 'export function f(): number {\n  return 3;\n}\n';
    const base = { 'tsconfig.json': tsconfig, 'src/lib.ts': lib, 'src/lib/index.ts': folder, 'src/app.ts': app };
    const head = { 'tsconfig.json': tsconfig, 'src/lib/index.ts': folder, 'src/app.ts': app };
    const report = await analyse(changeSet(base, head), applyDefaults({}, null));
    expect(brokenFiles(report)).toEqual([]);
  });

  it('a specifier that finds nothing else still points at the gone file, and is broken', async () => {
    const report = await analyse(changeSet({ 'tsconfig.json': tsconfig, 'src/lib.ts': lib, 'src/app.ts': app }, { 'tsconfig.json': tsconfig, 'src/other.ts': lib, 'src/app.ts': app }), applyDefaults({}, null));
    expect(brokenFiles(report)).toEqual(['src/app.ts']);
    expect(report.verdict).toBe('fail');
  });
});

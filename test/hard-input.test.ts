import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RiskReport } from '../src/shared/types.js';
import {
  affectedOf,
  analyseJson,
  baseProject,
  changedFilesOf,
  cleanupScratch,
  createScratchRepo,
  runRiskBounded,
  symbolsOf,
  unknownsOf,
  type ScratchRepo,
} from './helpers/scratch-repo.js';

afterEach(cleanupScratch);

const changedA = 'export function a(): number {\n  return 2;\n}\n';

/** `base` committed on main, then `change` (path -> content, or null to delete) committed on feature. */
function repoWith(label: string, base: Record<string, string | Buffer>, change: Record<string, string | Buffer | null>): ScratchRepo {
  const repo = createScratchRepo(label, base);
  for (const [path, content] of Object.entries(change)) {
    if (content === null) rmSync(join(repo.dir, path));
    else repo.write(path, content);
  }
  repo.commitAll('change');
  return repo;
}

describe('hard input is analysed correctly (slow, end to end)', () => {
  it('a changed file with a syntax error: analysed as far as possible, a parse-error unknown, never "pass"', () => {
    const repo = repoWith('syntax-error', baseProject, { 'src/a.ts': `${changedA}\nconst broken = ;\n` });
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a body']);
    expect(affectedOf(report)).toEqual(['src/b.ts 1']);
    expect(unknownsOf(report)).toEqual(['parse-error src/a.ts -']);
    expect(report.verdict).toBe('warn');
    expect(report.decidedBy).toMatch(/^onUnknown: /);
  });

  it('a binary file change is listed as binary and not parsed', () => {
    const png = (seed: number): Buffer => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, seed, 0x00, 0xff, 0xfe]);
    const repo = repoWith('binary', { ...baseProject, 'assets/logo.png': png(1) }, { 'assets/logo.png': png(2), 'src/a.ts': changedA });
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(changedFilesOf(report)).toEqual(['assets/logo.png modified binary', 'src/a.ts modified']);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a body']);
    expect(affectedOf(report)).toEqual(['src/b.ts 1']);
    expect(report.unknowns).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  it('a non-UTF-8 (latin-1) source file: a changed accented string is a changed export, not "no change"', () => {
    const latin = (text: string): Buffer => Buffer.from(text, 'latin1');
    const repo = repoWith(
      'latin1',
      { ...baseProject, 'src/label.ts': latin("export const label = 'caf\u00e9';\n"), 'src/title.ts': "import { label } from './label.js';\n\nexport const title = label.toUpperCase();\n" },
      // é -> è: in UTF-8 decoding both bytes become U+FFFD, so a lossy decode sees no change at all.
      { 'src/label.ts': latin("export const label = 'caf\u00e8';\n") },
    );
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(changedFilesOf(report)).toEqual(['src/label.ts modified']);
    expect(report.changedSymbols.map((symbol) => `${symbol.file}#${symbol.name}`)).toEqual(['src/label.ts#label']);
    expect(affectedOf(report)).toEqual(['src/title.ts 1']);
  });

  it('a UTF-16 source file (binary to git) is decoded and analysed, never skipped in silence', () => {
    const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const repo = repoWith(
      'utf16',
      { ...baseProject, 'src/wide.ts': utf16('export const wide = 1;\n'), 'src/use-wide.ts': "import { wide } from './wide.js';\n\nexport const w = wide;\n" },
      { 'src/wide.ts': utf16('export const wide = 2;\n') },
    );
    const result = runRiskBounded(repo.dir, ['--base', 'main', '--format', 'json']);
    expect(result.status).not.toBe(2);
    const report = JSON.parse(result.stdout) as RiskReport;
    // Git calls it binary; risk decodes the UTF-16 byte-order mark and analyses it like any file.
    expect(report.changedSymbols.map((symbol) => `${symbol.file}#${symbol.name} ${symbol.change}`)).toEqual(['src/wide.ts#wide signature']);
    expect(report.affectedFiles.map((file) => file.file)).toEqual(['src/use-wide.ts']);
    expect(report.unknowns).toEqual([]);
  });

  it('a CRLF-only conversion of a file changes no symbol', () => {
    const crlf = baseProject['src/a.ts']?.replace(/\n/g, '\r\n') ?? '';
    const repo = repoWith('crlf', baseProject, { 'src/a.ts': crlf });
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(changedFilesOf(report)).toEqual(['src/a.ts modified']);
    expect(report.changedSymbols).toEqual([]);
    expect(report.affectedFiles).toEqual([]);
    expect(report.unknowns).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  describe('paths with spaces, unicode, a leading dash and quotes', () => {
    const oddFiles = ['src/"quoted".ts', 'src/-dash.ts', 'src/with space/mod.ts', 'src/über module.ts'];
    const base = {
      ...baseProject,
      'src/"quoted".ts': 'export const q = 1;\n',
      'src/-dash.ts': 'export const d = 1;\n',
      'src/with space/mod.ts': 'export const s = 1;\n',
      'src/über module.ts': 'export const u = 1;\n',
      'src/uses.ts': [
        `import { q } from './"quoted".js';`,
        "import { d } from './-dash.js';",
        "import { s } from './with space/mod.js';",
        "import { u } from './über module.js';",
        '',
        'export const all = [q, d, s, u];',
        '',
      ].join('\n'),
    };
    const change = Object.fromEntries(oddFiles.map((path) => [path, (base[path as keyof typeof base] ?? '').replace('= 1', '= 2')]));

    const expectOddPathsReport = (report: RiskReport): void => {
      expect(report.changedFiles.map((file) => [file.path, file.status, file.oldRanges, file.newRanges])).toEqual(
        oddFiles.map((path) => [path, 'modified', [{ start: 1, count: 1 }], [{ start: 1, count: 1 }]]),
      );
      expect(symbolsOf(report)).toEqual(['src/"quoted".ts#q signature', 'src/-dash.ts#d signature', 'src/with space/mod.ts#s signature', 'src/über module.ts#u signature']);
      expect(affectedOf(report)).toEqual(['src/uses.ts 1']);
      expect(report.unknowns).toEqual([]);
    };

    it('committed', () => {
      const repo = repoWith('odd-paths', base, change);
      expectOddPathsReport(analyseJson(repo.dir, ['--base', 'main'], 0));
    });

    it('in the working tree', () => {
      const repo = createScratchRepo('odd-paths-worktree', base);
      for (const [path, content] of Object.entries(change)) repo.write(path, content);
      expectOddPathsReport(analyseJson(repo.dir, ['--worktree'], 0));
    });
  });

  it('a rename without edits, importers updated: the old path loses its exports, nothing is broken', () => {
    const repo = createScratchRepo('rename-pure');
    repo.git('mv', 'src/a.ts', 'src/a2.ts');
    repo.write('src/b.ts', "import { a } from './a2.js';\n\nexport const b = a();\n");
    repo.commitAll('rename');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(changedFilesOf(report)).toEqual(['src/a2.ts renamed <- src/a.ts', 'src/b.ts modified']);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a removed', 'src/b.ts#b body']);
    expect(report.affectedFiles).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  it('a rename with edits, importer not updated: the importer is broken and the verdict fails', () => {
    const repo = createScratchRepo('rename-edit');
    repo.git('mv', 'src/a.ts', 'src/a2.ts');
    repo.write('src/a2.ts', `${baseProject['src/a.ts'] ?? ''}\nexport const extra = 1;\n`);
    repo.commitAll('rename and edit');
    const report = analyseJson(repo.dir, ['--base', 'main'], 1);
    expect(changedFilesOf(report)).toEqual(['src/a2.ts renamed <- src/a.ts']);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a removed', 'src/a2.ts#extra added']);
    expect(affectedOf(report)).toEqual(['src/b.ts 1 broken']);
    expect(report.verdict).toBe('fail');
  });

  it('a deleted file whose exports are still imported: importer broken, its importers affected, verdict fail', () => {
    const repo = repoWith('deleted', { ...baseProject, 'src/c.ts': "import { b } from './b.js';\n\nexport const c = b + 1;\n" }, { 'src/a.ts': null });
    const report = analyseJson(repo.dir, ['--base', 'main'], 1);
    expect(changedFilesOf(report)).toEqual(['src/a.ts deleted']);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a removed']);
    expect(affectedOf(report)).toEqual(['src/b.ts 1 broken', 'src/c.ts 2']);
    expect(report.verdict).toBe('fail');
    expect(report.decidedBy).toMatch(/^onBrokenImport: /);
  });

  it('a mode-only change (chmod +x) changes no symbol', () => {
    const repo = createScratchRepo('mode-only');
    repo.git('update-index', '--chmod=+x', 'src/a.ts');
    repo.git('commit', '-q', '-m', 'chmod');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(changedFilesOf(report)).toEqual(['src/a.ts modified']);
    expect(report.changedSymbols).toEqual([]);
    expect(report.affectedFiles).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  it('an importer that reaches a changed file through a symlink is affected', () => {
    const repo = createScratchRepo('symlink', { ...baseProject, 'src/c.ts': "import { a } from './link.js';\n\nexport const c = a();\n" }, { commit: false });
    symlinkSync('a.ts', join(repo.dir, 'src/link.ts'));
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/a.ts', changedA);
    repo.commitAll('change a');
    const result = runRiskBounded(repo.dir, ['--base', 'main', '--format', 'json']);
    expect({ status: result.status, signal: result.signal, stderr: result.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    const report = JSON.parse(result.stdout) as RiskReport;
    expect(symbolsOf(report)).toEqual(['src/a.ts#a body']);
    expect(affectedOf(report)).toEqual(['src/b.ts 1', 'src/c.ts 1']);
  });

  it('a symlink loop neither hangs nor crashes, and an import of it is an unknown (range and --worktree)', () => {
    const repo = createScratchRepo('symlink-loop', { ...baseProject, 'src/d.ts': "import { l } from './loop1.js';\n\nexport const d = l;\n" }, { commit: false });
    symlinkSync('loop2.ts', join(repo.dir, 'src/loop1.ts'));
    symlinkSync('loop1.ts', join(repo.dir, 'src/loop2.ts'));
    repo.commitAll('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/a.ts', changedA);
    repo.commitAll('change a');
    const isAboutTheLoop = (unknown: { file: string; specifier: string | null }): boolean =>
      (unknown.file === 'src/d.ts' && unknown.specifier === './loop1.js') || unknown.file === 'src/loop1.ts' || unknown.file === 'src/loop2.ts';

    const range = analyseJson(repo.dir, ['--base', 'main'], 0, { timeoutMs: 20_000 });
    expect(symbolsOf(range)).toEqual(['src/a.ts#a body']);
    expect(affectedOf(range)).toEqual(['src/b.ts 1']);
    expect(range.unknowns.filter(isAboutTheLoop)).not.toEqual([]);
    expect(range.verdict).toBe('warn');

    repo.write('src/a.ts', 'export function a(): number {\n  return 3;\n}\n');
    const worktree = analyseJson(repo.dir, ['--worktree'], 0, { timeoutMs: 20_000 });
    expect(symbolsOf(worktree)).toEqual(['src/a.ts#a body']);
    expect(affectedOf(worktree)).toEqual(['src/b.ts 1']);
    expect(worktree.unknowns.filter(isAboutTheLoop)).not.toEqual([]);
    expect(worktree.verdict).toBe('warn');
  });

  it('a git submodule is skipped and listed, not a crash; an import into it is an unknown', () => {
    const origin = createScratchRepo('submodule-origin');
    const repo = createScratchRepo('submodule');
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', origin.dir, 'vendor/sub');
    repo.write('src/a.ts', changedA);
    repo.write('src/e.ts', "import { a } from '../vendor/sub/src/a.js';\n\nexport const e = a();\n");
    repo.commitAll('add a submodule');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(changedFilesOf(report)).toEqual(['.gitmodules added', 'src/a.ts modified', 'src/e.ts added', 'vendor/sub added']);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a body', 'src/e.ts#e added']);
    expect(affectedOf(report)).toEqual(['src/b.ts 1']);
    expect(unknownsOf(report)).toEqual(['unresolved-import src/e.ts ../vendor/sub/src/a.js']);
    expect(report.skipped).toEqual(['vendor/sub']);
    expect(report.verdict).toBe('warn');

    repo.write('src/a.ts', 'export function a(): number {\n  return 3;\n}\n');
    const worktree = analyseJson(repo.dir, ['--worktree'], 0);
    expect(symbolsOf(worktree)).toEqual(['src/a.ts#a body']);
    expect(affectedOf(worktree)).toEqual(['src/b.ts 1']);
    expect(worktree.skipped).toEqual(['vendor/sub']);
  });

  it('a merge commit inside the range: only the branch\'s own changes count, not those merged in from main', () => {
    const repo = createScratchRepo('merge');
    repo.git('checkout', '-q', 'main');
    repo.write('src/m.ts', 'export const m = 1;\n');
    repo.commitAll('main moves on');
    repo.git('checkout', '-q', 'feature');
    repo.write('src/a.ts', changedA);
    repo.commitAll('change a');
    repo.git('merge', '-q', '--no-edit', 'main');
    repo.write('src/a.ts', 'export function a(): number {\n  return 3;\n}\n');
    repo.commitAll('after the merge');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(report.base.sha).toBe(repo.git('rev-parse', 'main').trim());
    expect(changedFilesOf(report)).toEqual(['src/a.ts modified']);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a body']);
    expect(affectedOf(report)).toEqual(['src/b.ts 1']);
  });

  it('an importer whose blob is missing from the object store is an unreadable-file unknown, never "pass"', () => {
    const repo = repoWith('missing-importer-object', baseProject, { 'src/a.ts': changedA });
    const blob = repo.git('rev-parse', 'HEAD:src/b.ts').trim();
    rmSync(join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a body']);
    expect(unknownsOf(report)).toEqual(['unreadable-file src/b.ts -']);
    expect(report.verdict).toBe('warn');
  });

  it('a 5 MB generated file (one huge export list) with one changed and one added export', { timeout: 60_000 }, () => {
    const count = 120_000;
    const huge = (changed: boolean): string => {
      const lines: string[] = [];
      for (let index = 0; index < count; index++) {
        const id = String(index).padStart(6, '0');
        lines.push(`export const item${id} = '${changed && index === 42 ? 'changed' : `value-${id}`}';\n`);
      }
      return lines.join('') + (changed ? 'export const extra = 1;\n' : '');
    };
    const base = {
      ...baseProject,
      // Above the default maxFileSize (2 MiB): this test is about parsing one anyway.
      '.riskrc.json': '{ "maxFileSize": 10000000 }\n',
      'src/huge.ts': huge(false),
      'src/uses-42.ts': "import { item000042 } from './huge.js';\n\nexport const c = item000042;\n",
      'src/uses-1.ts': "import { item000001 } from './huge.js';\n\nexport const o = item000001;\n",
    };
    expect(Buffer.byteLength(base['src/huge.ts'])).toBeGreaterThan(5_000_000);
    const repo = repoWith('huge-file', base, { 'src/huge.ts': huge(true) });
    const report = analyseJson(repo.dir, ['--base', 'main'], 0, { timeoutMs: 50_000 });
    expect(symbolsOf(report)).toEqual(['src/huge.ts#extra added', 'src/huge.ts#item000042 signature']);
    expect(report.changedSymbols.map((symbol) => symbol.line)).toEqual([count + 1, 43]);
    expect(affectedOf(report)).toEqual(['src/uses-42.ts 1']);
    expect(report.verdict).toBe('pass');
  });

  it('a file over maxFileSize (default 2 MiB) is an oversized unknown, not parsed (issue 16, item 9)', { timeout: 60_000 }, () => {
    const generated = (value: string): string => Array.from({ length: 60_000 }, (_, index) => `export const item${index} = '${index === 42 ? value : `value-${index}`}';\n`).join('');
    const base = { ...baseProject, 'src/huge.ts': generated('old'), 'src/uses.ts': "import { item42 } from './huge.js';\n\nexport const u = item42;\n" };
    expect(Buffer.byteLength(base['src/huge.ts'])).toBeGreaterThan(2 * 1024 * 1024);
    const repo = repoWith('oversized', base, { 'src/huge.ts': generated('new'), 'src/a.ts': 'export function a(): string {\n  return "";\n}\n' });
    const report = analyseJson(repo.dir, ['--base', 'main'], 0, { timeoutMs: 50_000 });
    expect(symbolsOf(report)).toEqual(['src/a.ts#a signature']);
    expect(report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file}`)).toEqual(['oversized src/huge.ts']);
    expect(report.unknowns[0]?.reason).toMatch(/^2\.\d MiB is over maxFileSize \(2\.0 MiB\): not parsed/);
    expect(report.verdict).toBe('warn');
  });

  it('an unchanged file over maxFileSize is an oversized unknown in commit mode too, never "could not be read" (field: Effect)', { timeout: 60_000 }, () => {
    // Over 1 MiB on purpose: the scan lets go of texts chunk by chunk, and reading this one
    // again to report it went through a 1 MiB output limit and failed as "unreadable".
    const big = `export const scalarSource = '${'x'.repeat(3 * 1024 * 1024)}';\n`;
    const base = { ...baseProject, 'src/big.ts': big };
    const repo = repoWith('oversized-unchanged', base, { 'src/a.ts': 'export function a(): string {\n  return "";\n}\n' });
    const report = analyseJson(repo.dir, ['--base', 'main'], 0, { timeoutMs: 50_000 });
    const all = [...report.unknowns, ...report.unknownsElsewhere];
    expect(all.map((unknown) => `${unknown.kind} ${unknown.file}`)).toEqual(['oversized src/big.ts']);
    expect(all[0]?.reason).toMatch(/^3\.0 MiB is over maxFileSize \(2\.0 MiB\): not parsed/);
  });

  it('a diff of 5,000 modified files (a codemod) finishes and counts every one', { timeout: 120_000 }, () => {
    const count = 5000;
    const body = (index: number, value: number): string => `export function v${index}(): number {\n  return ${value};\n}\n`;
    const repo = createScratchRepo('five-thousand');
    for (let index = 0; index < count; index++) repo.write(`src/gen/f${index}.ts`, body(index, index));
    repo.write('src/gen/index.ts', Array.from({ length: count }, (_, index) => `export * from './f${index}.js';\n`).join(''));
    repo.write('src/app.ts', "import { v7 } from './gen/index.js';\n\nexport const app = v7();\n");
    repo.commitAll('generated');
    repo.git('branch', '-f', 'main');
    for (let index = 0; index < count; index++) repo.write(`src/gen/f${index}.ts`, body(index, index + 1));
    repo.commitAll('codemod');

    const report = analyseJson(repo.dir, ['--base', 'main'], 1, { timeoutMs: 85_000 });
    expect(report.summary).toEqual({ changedFiles: count, changedSymbols: count, affectedFiles: 2, contractAffectedFiles: 0, maxDepth: 2, unknowns: 0, unknownsElsewhere: 0, affectedTests: 0 });
    expect(new Set(report.changedSymbols.map((symbol) => symbol.change))).toEqual(new Set(['body']));
    expect(affectedOf(report)).toEqual(['src/gen/index.ts 1', 'src/app.ts 2']);
    expect(report.decidedBy).toBe(`thresholds.maxChangedSymbols: ${count} changed exported symbols, limit 50 (over by ${count - 50})`);
  });
});

describe('determinism (slow, end to end)', () => {
  /** Several affected files over three depths, a broken importer, a types-only importer, a test, and two unknowns. */
  const project: Record<string, string> = {
    ...baseProject,
    'src/lib/math.ts': [
      'const rate = 2;',
      'export function double(x: number): number {',
      '  return x * rate;',
      '}',
      'export function triple(x: number): number {',
      '  return x * 3;',
      '}',
      'export function gone(): void {}',
      '',
    ].join('\n'),
    'src/lib/index.ts': "export * from './math.js';\n",
    'src/app.ts': "import { double } from './lib/index.js';\n\nexport function main(): number {\n  return double(2);\n}\n",
    'src/leaf.ts': "import { main } from './app.js';\n\nmain();\n",
    'src/Upper.ts': "import { double } from './lib/math.js';\n\nexport const upper = double(3);\n",
    'src/zeta.ts': "import { double } from './lib/index.js';\n\nexport const zeta = double(4);\n",
    'src/alpha.ts': "import * as lib from './lib/index.js';\n\nexport const alpha = lib.double(5);\n",
    'src/types-user.ts': "import type { double } from './lib/math.js';\n\nexport type Doubler = typeof double;\n",
    'src/old-user.ts': "import { gone } from './lib/math.js';\n\nexport const old = gone;\n",
    'src/other.ts': "import { triple } from './lib/index.js';\n\nexport const other = triple(1);\n",
    'src/dyn.ts': 'export async function load(name: string): Promise<unknown> {\n  return import(`./plugins/${name}.js`);\n}\n',
    'src/missing.ts': "import { nope } from './does-not-exist.js';\n\nexport const missing = nope;\n",
    'test/app.test.ts': "import { main } from '../src/app.js';\n\nmain();\n",
  };
  const change = {
    'src/lib/math.ts': (project['src/lib/math.ts'] ?? '').replace('rate = 2', 'rate = 3').replace('export function gone(): void {}\n', ''),
  };

  it('two runs give byte-identical JSON, and so does the same history in another directory', () => {
    const first = repoWith('determinism-1', project, change);
    const run = (repo: ScratchRepo): string => {
      const result = runRiskBounded(repo.dir, ['--base', 'main', '--format', 'json']);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: '' });
      return result.stdout;
    };
    const output = run(first);
    const report = JSON.parse(output) as RiskReport;
    // Not a trivial report: order matters in every list.
    // types-user.ts reads only `typeof double`, which a body edit cannot change: not affected.
    expect(report.summary).toEqual({ changedFiles: 1, changedSymbols: 2, affectedFiles: 8, contractAffectedFiles: 2, maxDepth: 3, unknowns: 2, unknownsElsewhere: 0, affectedTests: 1 });
    expect(unknownsOf(report)).toEqual(['dynamic-import src/dyn.ts import(`./plugins/${name}.js`)', 'unresolved-import src/missing.ts ./does-not-exist.js']);
    expect(affectedOf(report)).toEqual([
      'src/Upper.ts 1',
      'src/lib/index.ts 1',
      'src/old-user.ts 1 broken',
      'src/alpha.ts 2',
      'src/app.ts 2',
      'src/zeta.ts 2',
      'src/leaf.ts 3',
      'test/app.test.ts 3',
    ]);
    expect(run(first)).toBe(output);

    const second = repoWith('determinism-2', project, change);
    expect(second.git('rev-parse', 'HEAD')).toBe(first.git('rev-parse', 'HEAD'));
    expect(run(second)).toBe(output);
  });

  it('the text report is identical across runs too', () => {
    const repo = repoWith('determinism-text', project, change);
    const first = runRiskBounded(repo.dir, ['--base', 'main']);
    const second = runRiskBounded(repo.dir, ['--base', 'main']);
    expect(first.status).toBe(1);
    expect(second.stdout).toBe(first.stdout);
  });
});

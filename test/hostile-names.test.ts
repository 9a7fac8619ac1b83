import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { analyseJson, changedFilesOf, cleanupScratch, createScratchRepo, expectCleanError, runRiskBounded, symbolsOf, type ScratchRepo } from './helpers/scratch-repo.js';

afterEach(cleanupScratch);

const api = 'export const x = 1;\nexport const y = 2;\n';
const apiWithoutY = 'export const x = 1;\n';
const user = "import { y } from './api.js';\n\nexport const z = y;\n";

/** Writes a file whose name may hold bytes a string cannot (a Buffer name is written as is). */
function writeRaw(repo: ScratchRepo, name: string | Buffer, content: string): void {
  const path = typeof name === 'string' ? Buffer.from(`${repo.dir}/${name}`) : Buffer.concat([Buffer.from(`${repo.dir}/`), name]);
  writeFileSync(path, content);
}

describe('hostile file names (slow, end to end)', () => {
  it('a base-side name holding a newline cannot shift the base versions of other files (issue 16, item 1)', () => {
    const hostile = 'src/0.ts\nHEAD:src/zz.ts';
    const repo = createScratchRepo('newline-shift', {
      'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
      'package.json': '{ "name": "scratch", "type": "module" }\n',
      'src/api.ts': api,
      'src/use.ts': user,
      [hostile]: 'export const q = 1;\n',
    });
    // The change removes `y` (still imported by use.ts) and adds zz.ts equal to the new api.ts:
    // with answers matched by position, api.ts's base would be HEAD:src/zz.ts and nothing would change.
    repo.write('src/api.ts', apiWithoutY);
    repo.write('src/zz.ts', apiWithoutY);
    repo.write(hostile, 'export const q = 2;\n');
    repo.commitAll('remove y');
    const report = analyseJson(repo.dir, ['--base', 'main'], 1);
    expect(symbolsOf(report)).toContain('src/api.ts#y removed');
    expect(symbolsOf(report)).toContain(`${hostile}#q signature`);
  });

  const oddNames = ['src/new\nline.ts', 'src/tab\there.ts', 'src/"quote".ts', 'src/back\\slash.ts', 'src/sp ace.ts'];

  for (const side of ['base', 'head'] as const) {
    it(`names with a newline, tab, quote, backslash and space on the ${side} side`, () => {
      const files: Record<string, string> = { 'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n', 'package.json': '{ "name": "scratch", "type": "module" }\n', 'src/api.ts': api, 'src/use.ts': user };
      if (side === 'base') for (const [index, name] of oddNames.entries()) files[name] = `export const v${index} = 1;\n`;
      const repo = createScratchRepo(`odd-names-${side}`, files);
      for (const [index, name] of oddNames.entries()) repo.write(name, side === 'base' ? `export const v${index} = 2;\n` : `export const v${index} = 1;\n`);
      repo.write('src/api.ts', apiWithoutY);
      repo.commitAll('change');
      const report = analyseJson(repo.dir, ['--base', 'main'], 1);
      expect(symbolsOf(report)).toContain('src/api.ts#y removed');
      for (const [index, name] of oddNames.entries()) expect(symbolsOf(report)).toContain(`${name}#v${index} ${side === 'base' ? 'signature' : 'added'}`);
      expect(changedFilesOf(report)).toEqual(expect.arrayContaining(oddNames.map((name) => `${name} ${side === 'base' ? 'modified' : 'added'}`)));
    });
  }

  for (const side of ['base', 'head'] as const) {
    it(`names with bytes that are not UTF-8 on the ${side} side stay distinct and do not shift anything`, () => {
      const names = [Buffer.from([0x73, 0x72, 0x63, 0x2f, 0xff, 0x2e, 0x74, 0x73]), Buffer.from([0x73, 0x72, 0x63, 0x2f, 0xfe, 0x2e, 0x74, 0x73])]; // src/\xff.ts, src/\xfe.ts
      const repo = createScratchRepo(`latin-names-${side}`, { 'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n', 'package.json': '{ "name": "scratch", "type": "module" }\n', 'src/api.ts': api, 'src/use.ts': user });
      if (side === 'base') {
        names.forEach((name, index) => writeRaw(repo, name, `export const w${index} = 1;\n`));
        repo.git('add', '-A');
        repo.git('commit', '-q', '--amend', '--no-edit');
        repo.git('branch', '-f', 'main', 'HEAD');
      }
      names.forEach((name, index) => writeRaw(repo, name, `export const w${index} = ${side === 'base' ? 2 : 1};\n`));
      repo.write('src/api.ts', apiWithoutY);
      repo.commitAll('change');
      const report = analyseJson(repo.dir, ['--base', 'main'], 1);
      expect(symbolsOf(report)).toContain('src/api.ts#y removed');
      // Two names that differ only in a non-UTF-8 byte are two files with their own symbols, not one.
      const odd = report.changedFiles.filter((file) => file.path !== 'src/api.ts').map((file) => file.path);
      expect(new Set(odd).size).toBe(2);
      expect(report.changedSymbols.filter((symbol) => symbol.file !== 'src/api.ts').map((symbol) => symbol.name).sort()).toEqual(['w0', 'w1']);
    });
  }

  it('`risk affected` never prints a path a test runner would read as an option or as two files (issue 16, item 2)', () => {
    const tests = ['--config=evil.test.ts', '--watch.test.ts', 'a b.test.ts'];
    const files: Record<string, string> = { 'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n', 'package.json': '{ "name": "scratch", "type": "module" }\n', 'src/api.ts': api };
    for (const name of tests) files[name] = "import { y } from './src/api.js';\n\nexport const t = y;\n";
    const repo = createScratchRepo('affected-names', files);
    repo.write('src/api.ts', 'export const x = 1;\nexport const y = 3;\n');
    repo.commitAll('change y');
    const lines = runRiskBounded(repo.dir, ['affected', '--tests', '--base', 'main']);
    expect({ status: lines.status, stderr: lines.stderr }).toEqual({ status: 0, stderr: '' });
    expect(lines.stdout).toBe('./--config=evil.test.ts\n./--watch.test.ts\na b.test.ts\n');
    const nul = runRiskBounded(repo.dir, ['affected', '--tests', '-z', '--base', 'main']);
    expect(nul.stdout).toBe('./--config=evil.test.ts\0./--watch.test.ts\0a b.test.ts\0');

    // A test file whose name holds a newline: lines cannot carry it, -z can.
    repo.write('new\nline.test.ts', "import { y } from './src/api.js';\n\nexport const t = y;\n");
    repo.commitAll('one more test');
    expectCleanError(runRiskBounded(repo.dir, ['affected', '--tests', '--base', 'main']), /^risk: the path "new\\x0aline\.test\.ts" holds a line break/, /^hint: .*-z/);
    const withNewline = runRiskBounded(repo.dir, ['affected', '--tests', '-z', '--base', 'main']);
    expect(withNewline.stdout.split('\0')).toEqual(['./--config=evil.test.ts', './--watch.test.ts', 'a b.test.ts', 'new\nline.test.ts', '']);
  });
});

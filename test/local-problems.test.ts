import { afterEach, describe, expect, it } from 'vitest';
import { analyseJson, baseProject, cleanupScratch, createScratchRepo, expectCleanError, runRiskBounded, symbolsOf } from './helpers/scratch-repo.js';

afterEach(cleanupScratch);

const changedA = 'export function a(): number {\n  return 2;\n}\n';
const nestedParens = (depth: number): string => `import { a } from './a.js';\n\nexport const deep = ${'('.repeat(depth)}a()${')'.repeat(depth)};\n`;
const nestedObject = (depth: number): string => {
  let literal = 'a()';
  for (let level = 0; level < depth; level++) literal = `{ k: ${literal} }`;
  return `import { a } from './a.js';\n\nexport const deep = ${literal};\n`;
};

describe('one broken corner never stops the run (slow, end to end)', () => {
  it('unchanged files nested too deep for the parser (10,000 parentheses, a 5,000-deep object) are parse-error unknowns, not internal errors', () => {
    const repo = createScratchRepo('deep-nesting', { ...baseProject, 'src/parens.ts': nestedParens(10_000), 'src/object.ts': nestedObject(5_000) });
    repo.write('src/a.ts', changedA);
    repo.commitAll('change a');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(symbolsOf(report)).toEqual(['src/a.ts#a body']);
    // They import the changed module, so what they hide counts.
    expect(report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file}`)).toEqual(['parse-error src/object.ts', 'parse-error src/parens.ts']);
    expect(report.unknowns[0]?.reason).toMatch(/nesting too deep for the parser/);
    expect(report.verdict).toBe('warn');
  });

  it('a changed file nested too deep for the parser counts as a change of the whole module: every importer is affected', () => {
    const repo = createScratchRepo('deep-changed', {
      ...baseProject,
      'src/deep.ts': nestedParens(10_000),
      'src/user.ts': "import { deep } from './deep.js';\n\nexport const user = deep;\n",
    });
    repo.write('src/deep.ts', nestedParens(10_001));
    repo.commitAll('deeper');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(symbolsOf(report)).toEqual(['src/deep.ts#(module) signature']);
    expect(report.affectedFiles.map((file) => file.file)).toEqual(['src/user.ts']);
    expect(report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file}`)).toEqual(['parse-error src/deep.ts']);
  });

  it('a tsconfig nested too deep for the JSON parser is an unknown naming it, not an internal error', () => {
    const deepConfig = `{ "compilerOptions": { "types": ${'['.repeat(10_000)}${']'.repeat(10_000)} } }\n`;
    const repo = createScratchRepo('deep-tsconfig', { ...baseProject, 'fuzz/tsconfig.json': deepConfig });
    repo.write('src/a.ts', changedA);
    repo.commitAll('change a');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(report.affectedFiles.map((file) => file.file)).toEqual(['src/b.ts']);
    expect(report.unknownsElsewhere.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.reason}`)).toEqual([
      'unresolved-config fuzz/tsconfig.json unusable tsconfig (nested too deep to parse (maximum call stack size exceeded)); no source file fell back to another config',
    ]);
    expect(report.verdict).toBe('pass');
  });

  it('a change inside a committed node_modules (a test fixture package) is listed as ignored, not an unreadable-file unknown', () => {
    const fixturePackage = 'test/fixtures/node_modules/dual-pkg/import-target.mjs';
    const repo = createScratchRepo('vendored-change', { ...baseProject, [fixturePackage]: 'export default 1;\n' });
    repo.write(fixturePackage, 'export default 2;\n');
    repo.commitAll('edit the fixture package');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(report.ignoredChanges).toEqual([fixturePackage]);
    expect(report.changedSymbols).toEqual([]);
    expect([...report.unknowns, ...report.unknownsElsewhere]).toEqual([]);
    expect(report.verdict).toBe('pass');
  });

  it('`ignore` globs that can never match are rejected with the key path', () => {
    const repo = createScratchRepo('ignore-invalid', { ...baseProject, '.riskrc.json': JSON.stringify({ ignore: ['examples/**', 'test/fixtures/'] }) });
    expectCleanError(runRiskBounded(repo.dir, ['--base', 'main']), /^risk: invalid config in \.riskrc\.json: ignore\.1: "test\/fixtures\/" ends with \/, which no file does; write "test\/fixtures\/\*\*"/);
  });

  it('changing `ignore` is a policy change', () => {
    const repo = createScratchRepo('ignore-policy', { ...baseProject, '.riskrc.json': JSON.stringify({ ignore: ['examples/**'] }) });
    repo.write('.riskrc.json', JSON.stringify({ ignore: ['examples/**', 'src/**'] }));
    repo.write('src/a.ts', changedA);
    repo.commitAll('ignore src');
    const report = analyseJson(repo.dir, ['--base', 'main'], 0);
    expect(report.signals.find((signal) => signal.name === 'policyChanged')?.value).toBe(true);
    // The change it hides is still shown.
    expect(report.ignoredChanges).toEqual(['src/a.ts']);
    expect(report.changedSymbols).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyBaseline, formatBaseline, parseBaseline } from '../src/policy/baseline.js';
import type { RiskReport, Unknown } from '../src/shared/types.js';
import { runRisk } from './helpers/risk-binary.js';
import { baseProject, cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';

afterEach(() => cleanupScratch());

const legacy = {
  ...baseProject,
  'src/legacy.ts': "import { old } from './gone.js';\nimport { a } from './a.js';\n\nexport const legacy = old + a();\n",
  'test/b.test.ts': "import { b } from '../src/b.js';\n\nif (b !== 1) throw new Error('b');\n",
};

describe('baseline', () => {
  it('formats deterministically and applies by identity, not by line', () => {
    const unknowns: Unknown[] = [
      { kind: 'unresolved-import', file: 'src/z.ts', specifier: './x.js', reason: 'r' },
      { kind: 'unresolved-import', file: 'src/a.ts', specifier: './y.js', reason: 'r' },
    ];
    const text = formatBaseline(unknowns, ['src/z.ts', 'src/a.ts', 'src/a.ts']);
    expect(text).toBe(formatBaseline([...unknowns].reverse(), ['src/a.ts', 'src/z.ts']));
    const baseline = parseBaseline(text, '.risk-baseline.json');
    const fresh: Unknown = { kind: 'unresolved-import', file: 'src/a.ts', specifier: './new.js', reason: 'r' };
    expect(applyBaseline(baseline, [...unknowns, fresh], ['src/a.ts', 'src/new.ts'])).toEqual({ unknowns: [fresh], untested: ['src/new.ts'], suppressed: 3 });
    expect(() => parseBaseline('{"version":2}', '.risk-baseline.json')).toThrow(/baseline \.risk-baseline\.json is malformed: version/);
  });

  it('`risk baseline` records today\'s findings; later runs count only new ones (slow)', () => {
    const repo = createScratchRepo('baseline', legacy);
    const written = runRisk(repo.dir, ['baseline']);
    expect(written.status).toBe(0);
    expect(written.stderr).toMatch(/wrote .*\.risk-baseline\.json: 1 unknown\(s\), 1 untested file\(s\) accepted/);
    const baseline = JSON.parse(readFileSync(join(repo.dir, '.risk-baseline.json'), 'utf8')) as { unknowns: unknown[]; untested: string[] };
    expect(baseline).toEqual({ version: 1, unknowns: [{ kind: 'unresolved-import', file: 'src/legacy.ts', specifier: './gone.js' }], untested: ['src/legacy.ts'] });
    expect(runRisk(repo.dir, ['baseline', '--check']).status).toBe(0);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'baseline');
    repo.git('branch', '-f', 'main');

    repo.write('src/a.ts', 'export function a(): number {\n  return 2;\n}\n');
    repo.commitAll('change a');
    const quiet = JSON.parse(runRisk(repo.dir, ['--base', 'main', '--format', 'json']).stdout) as RiskReport;
    expect(quiet.unknowns).toEqual([]);
    expect(quiet.untested).toEqual([]);
    expect(quiet.baseline).toEqual({ file: '.risk-baseline.json', suppressed: 2 });

    repo.write('src/b.ts', "import { a } from './a.js';\nimport { more } from './also-gone.js';\n\nexport const b = a() + more;\n");
    repo.commitAll('new problem');
    const noisy = JSON.parse(runRisk(repo.dir, ['--base', 'main', '--format', 'json']).stdout) as RiskReport;
    expect(noisy.unknowns.map((unknown) => `${unknown.file} ${unknown.specifier ?? ''}`)).toEqual(['src/b.ts ./also-gone.js']);
    expect(runRisk(repo.dir, ['baseline', '--check']).status).toBe(1);
  });

  it('an edit of the baseline is a policy change (slow)', () => {
    const repo = createScratchRepo('baseline-edit', legacy);
    repo.write('.risk-baseline.json', formatBaseline([], []));
    repo.commitAll('empty baseline');
    repo.git('branch', '-f', 'main');
    expect(runRisk(repo.dir, ['baseline']).status).toBe(0);
    repo.commitAll('accept everything');
    const report = JSON.parse(runRisk(repo.dir, ['--base', 'main', '--format', 'json']).stdout) as RiskReport;
    expect(report.signals.find((signal) => signal.name === 'policyChanged')).toMatchObject({ value: true, explanation: 'changed: .risk-baseline.json' });
    expect(report.violations.map((violation) => violation.rule)).toContain('policy-change');
  });
});

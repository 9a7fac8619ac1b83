import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureRepo, type FixtureRepo } from './helpers/fixture-repo.js';
import { runRisk } from './helpers/risk-binary.js';

const repos: FixtureRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

describe('affected-tests (slow, end to end)', () => {
  it('`risk affected` prints the blast radius one path per line; --tests only its test files', () => {
    const repo = createFixtureRepo('affected-tests');
    repos.push(repo);
    const all = runRisk(repo.dir, ['affected', '--base', 'main']);
    expect(all.stderr).toBe('');
    expect(all.status).toBe(0);
    // label.spec.ts imports only `label`, which did not change.
    expect(all.stdout).toBe('src/invoice.ts\nsrc/tax.test.ts\nsrc/tax.ts\ntest/invoice.spec.ts\n');
    const tests = runRisk(repo.dir, ['affected', '--tests', '--base', 'main']);
    expect(tests.stdout).toBe('src/tax.test.ts\ntest/invoice.spec.ts\n');
    // From a subfolder the paths are relative to it, ready for a test runner started there.
    const fromSrc = runRisk(join(repo.dir, 'src'), ['affected', '--tests', '--base', 'main']);
    expect(fromSrc.stdout).toBe('../test/invoice.spec.ts\ntax.test.ts\n');
  });

  it('lists the affected tests in the report, and honours the `tests` globs of the config', () => {
    const repo = createFixtureRepo('affected-tests');
    repos.push(repo);
    const report = JSON.parse(runRisk(repo.dir, ['--base', 'main', '--format', 'json']).stdout) as { affectedTests: string[] };
    expect(report.affectedTests).toEqual(['src/tax.test.ts', 'test/invoice.spec.ts']);
    writeFileSync(join(repo.dir, 'only-spec.json'), JSON.stringify({ tests: ['test/**/*.spec.ts'] }));
    const configured = runRisk(repo.dir, ['affected', '--tests', '--base', 'main', '--config', 'only-spec.json']);
    expect(configured.stdout).toBe('test/invoice.spec.ts\n');
    const missing = runRisk(repo.dir, ['affected', '--base', 'main', '--config', 'no-such.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^risk: config file not found: no-such\.json\nhint: /);
  });

  it('--tests in a package folder prints that package\'s tests; the others go to stderr with the command to run them', () => {
    const repo = createFixtureRepo('affected-tests-packages');
    repos.push(repo);
    const inApp = runRisk(join(repo.dir, 'packages/app'), ['affected', '--tests', '--base', 'main']);
    expect(inApp.status).toBe(0);
    expect(inApp.stdout).toBe('src/main.test.ts\n');
    expect(inApp.stderr).toBe('risk: 1 affected test(s) in other packages, not run from here (or use --all-packages from the root):\n  (cd ../core && npx vitest run src/index.test.ts)\n');
    const inCoreSrc = runRisk(join(repo.dir, 'packages/core/src'), ['affected', '--tests', '--base', 'main']);
    expect(inCoreSrc.stdout).toBe('index.test.ts\n');
    expect(inCoreSrc.stderr).toContain('  (cd ../../app && npx jest src/main.test.ts)\n');
    const all = runRisk(join(repo.dir, 'packages/app'), ['affected', '--tests', '--all-packages', '--base', 'main']);
    expect(all.stdout).toBe('packages/app/src/main.test.ts\npackages/core/src/index.test.ts\n');
    expect(all.stderr).toBe('');
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepo, projectRoot, type FixtureRepo } from './helpers/fixture-repo.js';
import { testEnvironment } from './helpers/test-environment.js';

const binary = join(projectRoot, 'bin', 'risk.js');

function risk(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [binary, ...args], { cwd, encoding: 'utf8', env: testEnvironment() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const repos: FixtureRepo[] = [];
function fixture(name: string): FixtureRepo {
  const repo = createFixtureRepo(name);
  repos.push(repo);
  return repo;
}

afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

beforeAll(() => {
  if (!existsSync(join(projectRoot, 'dist', 'cli.js'))) throw new Error('run `npm run build` before the end-to-end tests (npm test does)');
});

describe('risk binary (slow, end to end)', () => {
  it('exits 0 and prints the blast radius when the change is within policy', () => {
    const repo = fixture('barrel-body-change');
    const result = risk(repo.dir, '--base', 'main');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatchInlineSnapshot(`
      "risk: PASS  main (merge-base 87e74364a5)..HEAD
        every threshold and rule holds and nothing is unknown
      1 changed file(s), 1 changed export(s), 4 affected file(s) (0 contract, 4 behaviour only), max depth 3, 0 unknown(s), 0 affected test(s)

      Changed exports (1)
        . body      src/lib/math.ts#double  reaches 4 file(s)

      Look at first (4 of 4 affected)
        src/alias-user.ts:1  behaviour, depth 1  via src/lib/math.ts#double -> #viaAlias
        src/lib/index.ts:1  behaviour, depth 1  via src/lib/math.ts#double -> #double
        src/app.ts:1  behaviour, depth 2  via src/lib/math.ts#double -> src/lib/index.ts#double -> #main
        src/leaf.ts:1  behaviour, depth 3  via src/lib/math.ts#double -> src/lib/index.ts#double -> src/app.ts#main

      Also: 5 untested file(s) (--verbose)

      policy: built-in defaults (no config file); tsconfig: tsconfig.json
      "
    `);
  });

  it('exits 1 when a threshold is exceeded, saying which and by how much', () => {
    const repo = fixture('policy-thresholds');
    const result = risk(repo.dir, '--base', 'main');
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^risk: FAIL {2}main \(merge-base [0-9a-f]{10}\)\.\.HEAD\n {2}fail {2}thresholds\.maxAffectedFiles: 2 affected files, limit 1 \(over by 1\)\n/);
    expect(result.stdout).toContain('policy: .riskrc.json');
    // With every report going to files, the verdict still reaches the terminal.
    const filesOnly = risk(repo.dir, '--base', 'main', '-f', 'json=out/r.json', '-f', 'sarif=out/r.sarif');
    expect(filesOnly.status).toBe(1);
    expect(filesOnly.stdout).toBe('');
    expect(filesOnly.stderr).toBe('risk: FAIL (thresholds.maxAffectedFiles: 2 affected files, limit 1 (over by 1)); report written to out/r.json, out/r.sarif\n');
  });

  it('writes a deterministic JSON report to --output', () => {
    const repo = fixture('policy-thresholds');
    const first = join(repo.dir, 'first.json');
    const second = join(repo.dir, 'second.json');
    expect(risk(repo.dir, '--base', 'main', '--format', 'json', '--output', first).status).toBe(1);
    expect(risk(repo.dir, '--base', 'main', '--format', 'json', '--output', second).status).toBe(1);
    const text = readFileSync(first, 'utf8');
    expect(readFileSync(second, 'utf8')).toBe(text);
    const report = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual([
      'version', 'overview', 'mode', 'base', 'head', 'tsconfigs', 'config', 'policy', 'changedFiles', 'changedSymbols',
      'affectedFiles', 'chains', 'packages', 'unknowns', 'unknownsElsewhere', 'ignoredChanges', 'affectedTests', 'skipped', 'summary', 'signals', 'publicApi', 'critical', 'untested',
      'nonCode', 'provenance', 'owners', 'signOff', 'baseline', 'verdict', 'decidedBy', 'violations',
    ]);
    expect(report.verdict).toBe('fail');
    // Chains are shared: checkout's chain runs through cart's link (index 1), which is not repeated.
    expect(report.chains).toEqual([
      { file: 'src/price.ts', symbol: 'price', parent: null },
      { file: 'src/cart.ts', symbol: 'total', parent: 0 },
      { file: 'src/checkout.ts', symbol: 'checkout', parent: 1 },
    ]);
    expect(report.affectedFiles).toEqual([
      { file: 'src/cart.ts', depth: 1, via: 1, impact: 'behaviour', importLine: 1, typeOnly: false, exports: ['total'], isBroken: false },
      { file: 'src/checkout.ts', depth: 2, via: 2, impact: 'behaviour', importLine: 1, typeOnly: false, exports: ['checkout'], isBroken: false },
    ]);
  });

  describe('exits 2 with one message and a hint, never a stack trace', () => {
    const expectCleanError = (result: ReturnType<typeof risk>, message: RegExp, hint: RegExp): void => {
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(message);
      expect(lines[1]).toMatch(hint);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    };

    it('outside a git repository', () => {
      const dir = mkdtempSync(join(tmpdir(), 'risk-norepo-'));
      try {
        expectCleanError(risk(dir, '--base', 'main'), /^risk: .* is not inside a git repository$/, /^hint: /);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('for a --cwd that is not a directory', () => {
      expectCleanError(risk(tmpdir(), '--cwd', join(tmpdir(), 'no-such-dir-for-risk')), /^risk: .*no-such-dir-for-risk is not a directory$/, /^hint: pass --cwd the folder of a git repository/);
    });

    it('for an unknown base ref', () => {
      const repo = fixture('barrel-body-change');
      expectCleanError(risk(repo.dir, '--base', 'no-such-branch'), /^risk: unknown git ref "no-such-branch" \(--base\)$/, /^hint: /);
    });

    it('for a ref that looks like an option', () => {
      const repo = fixture('barrel-body-change');
      expectCleanError(risk(repo.dir, '--base=--upload-pack=touch /tmp/x'), /looks like an option/, /^hint: /);
    });

    it('for an invalid config key, naming the key and the file', () => {
      const repo = fixture('barrel-body-change');
      writeFileSync(join(repo.dir, '.riskrc.json'), JSON.stringify({ thresholds: { maxAffectedFile: 3 } }));
      expectCleanError(risk(repo.dir, '--base', 'main'), /^risk: invalid config in \.riskrc\.json: thresholds\.maxAffectedFile: unknown key$/, /^hint: /);
    });

    it('for a config file that is not valid JSON', () => {
      const repo = fixture('barrel-body-change');
      writeFileSync(join(repo.dir, '.riskrc.json'), '{ "thresholds": ');
      expectCleanError(risk(repo.dir, '--base', 'main'), /^risk: invalid config syntax in \.riskrc\.json: Unexpected end of JSON input/, /^hint: /);
    });

    it('for a config syntax error after a code frame, with its line and column', () => {
      const repo = fixture('barrel-body-change');
      writeFileSync(join(repo.dir, '.riskrc.json'), '{\n  "onBrokenImport": "warn",\n}\n');
      expectCleanError(risk(repo.dir, '--base', 'main'), /^risk: invalid config syntax in \.riskrc\.json: .* \(line 3, column 1\)$/, /^hint: /);
    });

    it('for an empty config file, or one that is null, instead of silently using the defaults', () => {
      const repo = fixture('barrel-body-change');
      for (const text of ['', 'null']) {
        writeFileSync(join(repo.dir, '.riskrc.json'), text);
        expectCleanError(risk(repo.dir, '--base', 'main'), /^risk: the config file \.riskrc\.json is empty$/, /^hint: put a JSON object in it/);
      }
    });

    it('when the repository has no tsconfig', () => {
      const repo = fixture('barrel-body-change');
      repo.git('rm', '-q', 'tsconfig.json');
      repo.git('commit', '-q', '-m', 'drop tsconfig');
      expectCleanError(risk(repo.dir, '--base', 'main'), /^risk: no tsconfig\.json or jsconfig\.json found/, /^hint: .*--project/);
    });

    it('for an output file that cannot be written, printing no report', () => {
      const repo = fixture('barrel-body-change');
      expectCleanError(risk(repo.dir, '--base', 'main', '--output', 'tsconfig.json/report.txt'), /^risk: cannot write .*tsconfig\.json\/report\.txt: /, /^hint: /);
    });

    it('for an unknown option, also of a subcommand, or an unknown subcommand', () => {
      const repo = fixture('barrel-body-change');
      expectCleanError(risk(repo.dir, '--bogus'), /^risk: unknown option '--bogus'$/, /^hint: run `risk --help`/);
      expectCleanError(risk(repo.dir, 'hook', 'frob'), /^risk: unknown command 'frob'$/, /^hint: run `risk --help`/);
      expectCleanError(risk(repo.dir, 'baseline', '--nope'), /^risk: unknown option '--nope'$/, /^hint: run `risk --help`/);
    });

    it('for a stray argument that reads like a base', () => {
      const repo = fixture('barrel-body-change');
      expectCleanError(risk(repo.dir, 'main'), /^risk: unexpected argument "main"/, /^hint: to compare with a branch, use: risk --base main$/);
      expectCleanError(risk(repo.dir, 'afected'), /^risk: unexpected argument "afected"/, /^hint: did you mean: risk affected$/);
      expectCleanError(risk(repo.dir, '--base', 'main', 'extra'), /^risk: unexpected argument "extra"/, /^hint: drop it: the base is --base main$/);
    });
  });
});

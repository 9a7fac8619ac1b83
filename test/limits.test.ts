import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureRepo, type FixtureRepo } from './helpers/fixture-repo.js';
import { runRisk } from './helpers/risk-binary.js';

const repos: FixtureRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function fixture(): FixtureRepo {
  const repo = createFixtureRepo('barrel-body-change');
  repos.push(repo);
  return repo;
}

describe('--timeout and --max-memory: fail closed (slow, end to end)', () => {
  it('gives up with exit 2 and no report when the time limit is hit', () => {
    const result = runRisk(fixture().dir, ['--base', 'main', '--timeout', '0.001', '--no-cache']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('risk: the analysis did not finish within 0.001 s (--timeout)\nhint: raise --timeout, or analyse a smaller range\n');
  });

  it('gives up with exit 2 and no report when the memory limit is hit', () => {
    const result = runRisk(fixture().dir, ['--base', 'main', '--max-memory', '4', '--no-cache']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('risk: the analysis ran out of memory (--max-memory 4 MiB)\nhint: raise --max-memory, or analyse a smaller range\n');
  });

  it('gives the same report under generous limits, errors included', () => {
    const repo = fixture();
    const plain = runRisk(repo.dir, ['--base', 'main', '--format', 'json', '--no-cache']);
    const limited = runRisk(repo.dir, ['--base', 'main', '--format', 'json', '--no-cache', '--timeout', '120', '--max-memory', '2048']);
    expect(limited.status).toBe(0);
    expect(limited.stdout).toBe(plain.stdout);
    const unknownRef = runRisk(repo.dir, ['--base', 'nope', '--timeout', '120']);
    expect(unknownRef.status).toBe(2);
    expect(unknownRef.stderr).toBe('risk: unknown git ref "nope" (--base)\nhint: check the name with `git branch -a`; in CI, fetch the base branch first\n');
  });

  it('refuses a limit that is not a positive number', () => {
    const result = runRisk(fixture().dir, ['--base', 'main', '--timeout', 'soon']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('risk: --timeout "soon" is not a positive number\nhint: e.g. --timeout 60\n');
  });

  it('refuses a limit out of range with the allowed range, never a TimeoutOverflowWarning (issue 16, item 11)', () => {
    const repo = fixture();
    for (const value of ['3000000', '1e308', '0.0001']) {
      const result = runRisk(repo.dir, ['--base', 'main', '--timeout', value]);
      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: '' });
      expect(result.stderr).toBe(`risk: --timeout ${value} is out of range\nhint: use seconds from 0.001 to 2147483 (about 24 days)\n`);
    }
    for (const value of ['1e9', '0.5']) {
      const result = runRisk(repo.dir, ['--base', 'main', '--max-memory', value]);
      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 2, stdout: '' });
      expect(result.stderr).toBe(`risk: --max-memory ${value} is out of range\nhint: use MiB from 1 to 1048576 (1 TiB)\n`);
    }
  });
});

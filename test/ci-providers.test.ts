import { afterAll, describe, expect, it } from 'vitest';
import { runRisk } from './helpers/risk-binary.js';
import type { RiskReport } from '../src/shared/types.js';
import { baseProject, cleanupScratch, createChangedScratchRepo, createScratchRepo } from './helpers/scratch-repo.js';

afterAll(cleanupScratch);

describe('CI providers (slow, end to end)', () => {
  it('analyses a Buildkite pull request from its variables, announcing the range', () => {
    const repo = createChangedScratchRepo('buildkite');
    // The pull request's target as the CI clone has it: a remote-tracking branch.
    repo.git('update-ref', 'refs/remotes/origin/main', 'main');
    const head = repo.git('rev-parse', 'HEAD').trim();
    const result = runRisk(repo.dir, ['--format', 'json'], { CI: 'true', BUILDKITE: 'true', BUILDKITE_PULL_REQUEST: '4', BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'main', BUILDKITE_COMMIT: head });
    expect(result.stderr).toBe(`risk: Buildkite pull request: analysing origin/main...${head}\n`);
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { changedSymbols: { name: string }[] }).changedSymbols.map((symbol) => symbol.name)).toEqual(['a']);
  });

  it('exits 2 in CI without a range, asking for --base instead of guessing one', () => {
    const repo = createChangedScratchRepo('circleci');
    const result = runRisk(repo.dir, [], { CI: 'true', CIRCLECI: 'true', CIRCLE_SHA1: repo.git('rev-parse', 'HEAD').trim() });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('risk: no range to analyse in CI: CircleCI does not tell a job which branch a pull request targets\nhint: pass --base <ref> (e.g. --base origin/main, with history back to the merge-base fetched) or --head/--staged/--worktree\n');
    // An explicit --base is all it needs.
    expect(runRisk(repo.dir, ['--base', 'main'], { CI: 'true', CIRCLECI: 'true' }).status).toBe(0);
  });

  it('exits 2 on a CI provider it has no range rules for, naming it', () => {
    const repo = createChangedScratchRepo('travis');
    const result = runRisk(repo.dir, [], { CI: 'true', TRAVIS: 'true' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^risk: no range to analyse in CI: Travis CI gives risk no pull-request range\n/);
  });

  it('reads a --config file (the action\'s config input) from the base commit, so a change cannot relax it', () => {
    const strict = '{ "thresholds": { "maxChangedSymbols": 0 } }\n';
    const repo = createScratchRepo('ci-config', { ...baseProject, 'policy/risk.json': strict });
    repo.write('src/a.ts', 'export function a(): number {\n  return 2;\n}\n');
    repo.write('policy/risk.json', '{ "thresholds": { "maxChangedSymbols": 10 } }\n');
    repo.commitAll('change a, relax the policy');
    const result = runRisk(repo.dir, ['--base', 'main', '--config', 'policy/risk.json', '--format', 'json'], { CI: 'true' });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as RiskReport;
    expect(report.policy).toEqual({ origin: 'base-commit', commit: repo.git('rev-parse', 'main').trim() });
    expect(report.violations.map((violation) => violation.rule)).toContain('thresholds.maxChangedSymbols');
    const script = runRisk(repo.dir, ['--base', 'main', '--config', 'policy/risk.mjs'], { CI: 'true' });
    expect(script.status).toBe(2);
    expect(script.stderr).toMatch(/^risk: --config policy\/risk.mjs: in CI only JSON or YAML configs are read/);
  });
});

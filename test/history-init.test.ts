import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGit } from '../src/git/git.js';
import { readFirstParentHistory } from '../src/git/history-log.js';
import { defaultThresholds } from '../src/config/defaults.js';
import { buildInitConfig } from '../src/run/history/init-config.js';
import { labelCommits } from '../src/run/history/labels.js';
import { packageName } from '../src/shared/package-info.js';
import type { RiskReport } from '../src/shared/types.js';
import { initRepository, runGit } from './helpers/fixture-repo.js';
import { cleanupScratch, createScratchDir, createScratchRepo, expectCleanError, runRiskBounded, type ScratchRepo } from './helpers/scratch-repo.js';

afterEach(cleanupScratch);

/** Commits with increasing author dates, one day apart, so history windows are deterministic. */
function commitOn(repo: ScratchRepo, day: number, message: string): string {
  repo.git('add', '-A');
  const date = `2026-01-${String(day).padStart(2, '0')}T12:00:00Z`;
  runGit(repo.dir, ['-c', `user.name=Fixture`, 'commit', '-q', '--allow-empty', '-m', message, `--date=${date}`]);
  return repo.git('rev-parse', 'HEAD').trim();
}

/** A short history: a feature, a comment, a fix of the feature's line, a change and its revert. */
function historyRepo(): { repo: ScratchRepo; shas: Record<string, string> } {
  const repo = createScratchRepo('history', {}, { commit: false });
  repo.write('tsconfig.json', '{ "compilerOptions": { "strict": true } }\n');
  repo.write('src/calc.ts', 'export function total(items: number[]): number {\n  return 0;\n}\n');
  repo.write('src/use.ts', "import { total } from './calc';\nexport const sum = total([1, 2]);\n");
  repo.write('src/calc.test.ts', "import { total } from './calc';\ntotal([]);\n");
  const base = commitOn(repo, 1, 'initial');
  repo.write('src/calc.ts', 'export function total(items: number[]): number {\n  let sum = 1;\n  for (const item of items) sum += item;\n  return sum;\n}\n');
  const feature = commitOn(repo, 2, 'feat: total adds the items');
  repo.write('src/calc.ts', 'export function total(items: number[]): number {\n  // start from the neutral element\n  let sum = 1;\n  for (const item of items) sum += item;\n  return sum;\n}\n');
  const comment = commitOn(repo, 3, 'chore: explain the start value');
  repo.write('src/calc.ts', 'export function total(items: number[]): number {\n  let sum = 0;\n  for (const item of items) sum += item;\n  return sum;\n}\n');
  const fix = commitOn(repo, 4, 'fix: total starts from 0');
  repo.write('src/extra.ts', 'export const extra = 1;\n');
  const extra = commitOn(repo, 5, 'feat: extra export');
  repo.git('rm', '-q', 'src/extra.ts');
  const revert = commitOn(repo, 6, 'Revert "feat: extra export"\n\nThis reverts commit ' + extra + '.');
  return { repo, shas: { base, feature, comment, fix, extra, revert } };
}

describe('labels from history (slow)', { timeout: 120_000 }, () => {
  it('blames the lines a fix changes (SZZ, comment-only lines skipped) and finds reverts', async () => {
    const { repo, shas } = historyRepo();
    const git = createGit(repo.dir);
    const history = await readFirstParentHistory(git, 'HEAD');
    const labels = await labelCommits(git, history, new Set([shas.feature, shas.comment, shas.fix, shas.extra] as string[]));
    expect(labels.get(shas.feature as string)).toEqual({ isReverted: false, isBugIntroducing: true, fixTimes: [Date.parse('2026-01-04T12:00:00Z') / 1000] });
    expect(labels.get(shas.comment as string)?.isBugIntroducing).toBe(false);
    expect(labels.get(shas.fix as string)?.isBugIntroducing).toBe(false);
    expect(labels.get(shas.extra as string)).toMatchObject({ isReverted: true, isBugIntroducing: false });
  });
});

describe('risk init and risk calibrate (slow, end to end)', { timeout: 300_000 }, () => {
  it('writes .riskrc.json from the replayed history, and never overwrites it without --force', () => {
    const { repo } = historyRepo();
    const result = runRiskBounded(repo.dir, ['init', '--commits', '10'], { timeoutMs: 120_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^risk: 5 of the last 5 first-parent commits analysed/);
    expect(result.stdout).toMatch(/\naffectedFiles: p50 \d+, p90 \d+, p99 \d+, max \d+ \(5 commits\)\n\s+0 \| #+ \d+\n/);
    expect(result.stdout).toMatch(/With the defaults \(no config file\):\n/);
    expect(result.stderr).toMatch(/risk: no risk model: only 5 analysed commit\(s\): a model needs at least 60/);
    const config = JSON.parse(readFileSync(join(repo.dir, '.riskrc.json'), 'utf8')) as Record<string, unknown>;
    expect(config.$schema).toBe(`./node_modules/${packageName}/schema/riskrc.schema.json`);
    expect(config.approvers).toEqual([]);
    expect(config.tests).toEqual(['**/*.{test,spec}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
    expect(Object.keys(config.thresholds as object)).toEqual(['maxAffectedFiles', 'maxContractAffectedFiles', 'maxChangedSymbols', 'maxDepth']);
    // The contract limit is calibrated like the others (it is the one that fails by default), from the printed percentiles.
    const contract = /\ncontractAffectedFiles: p50 \d+, p90 (\d+), p99 (\d+),/.exec(result.stdout);
    expect(contract).not.toBeNull();
    expect((config.thresholds as Record<string, unknown>).maxContractAffectedFiles).toEqual({ warn: Math.max(1, Number(contract![1])), fail: Math.max(1, Number(contract![2])) });
    expect((config.rules as { id: string }[]).map((rule) => rule.id)).not.toContain('contract-radius-fail');
    expect(config.score).toBeUndefined();

    const again = runRiskBounded(repo.dir, ['init', '--commits', '10'], { timeoutMs: 120_000 });
    expectCleanError(again, /^risk: .*\.riskrc\.json already exists$/, /^hint: pass --force/);
    expect(runRiskBounded(repo.dir, ['init', '--commits', '10', '--force', '--no-model', '--percentiles', '50,80'], { timeoutMs: 120_000 }).status).toBe(0);

    const calibrate = runRiskBounded(repo.dir, ['calibrate', '--commits', '10'], { timeoutMs: 120_000 });
    expect(calibrate.status).toBe(0);
    expect(calibrate.stdout).toMatch(/Policy: \.riskrc\.json\nOver these 5 commits, this policy would have:\n/);
    expect(calibrate.stdout).toMatch(/verdicts: [\d.]+% pass, [\d.]+% warn, [\d.]+% fail/);
    // Read-only apart from the config init writes.
    expect(repo.git('status', '--porcelain')).toBe('?? .riskrc.json\n');
  });

  it('calibrate --model with too little history exits 2 and states the minimum', () => {
    const { repo } = historyRepo();
    expectCleanError(runRiskBounded(repo.dir, ['calibrate', '--model', '--json', '--commits', '10'], { timeoutMs: 120_000 }), /^risk: only 5 analysed commit\(s\): a model needs at least 60$/, /^hint: replay more history/);
  });

  it('bad input: percentiles, no history, no TypeScript, an unwritable path', () => {
    const { repo } = historyRepo();
    expectCleanError(runRiskBounded(repo.dir, ['init', '--percentiles', '99,90']), /^risk: --percentiles "99,90": the fail percentile must be above the warn percentile$/);
    expectCleanError(runRiskBounded(repo.dir, ['init', '--percentiles', '0,90']), /^risk: --percentiles "0,90": each must be between 1 and 100$/);
    writeFileSync(join(repo.dir, 'not-a-folder'), '');
    expectCleanError(runRiskBounded(repo.dir, ['init', '--commits', '3', '--no-model', '--output', 'not-a-folder/risk.json'], { timeoutMs: 120_000 }), /^risk: cannot write .*not-a-folder\/risk\.json: /, /^hint: choose a writable path/);
    expect(existsSync(join(repo.dir, '.riskrc.json'))).toBe(false);

    const empty = createScratchDir('no-history');
    initRepository((...args) => runGit(empty, args));
    expectCleanError(runRiskBounded(empty, ['init']), /^risk: .* has no commits yet/);

    const plain = createScratchRepo('no-typescript', { 'README.md': '# hi\n', 'index.js': 'module.exports = 1;\n' });
    expectCleanError(runRiskBounded(plain.dir, ['init']), /^risk: .* has no TypeScript files at HEAD$/);
  });

  it('a model in the config gives riskScore and riskPercentile, explained, usable by rules', () => {
    const { repo } = historyRepo();
    const quantiles = Array.from({ length: 101 }, (_, index) => index / 100);
    const score = { version: 1, intercept: 0, weights: { linesAdded: { weight: 1, mean: 0.5, scale: 1 }, priorChanges: { weight: 0.5, mean: 0, scale: 1 } }, quantiles };
    repo.write('.riskrc.json', JSON.stringify({ score, rules: [{ id: 'risky', when: { signal: 'riskPercentile', gte: 50 }, severity: 'warn' }] }));
    const result = runRiskBounded(repo.dir, ['--base', 'HEAD~3', '--head', 'HEAD~2', '--format', 'json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as RiskReport;
    const riskScore = report.signals.find((signal) => signal.name === 'riskScore');
    expect(riskScore?.value).toBeGreaterThan(0.5);
    expect(riskScore?.explanation).toMatch(/^\+0\.69 earlier commits to these files in the last year \(3\); \+0\.19 lines added \(1\)$/);
    expect(report.signals.find((signal) => signal.name === 'riskPercentile')?.value).toBeGreaterThan(50);
    expect(report.violations.map((violation) => violation.rule)).toContain('rules.risky');
  });
});

describe('buildInitConfig', () => {
  const distribution = (signal: string, values: number[]) => ({ signal, values, percentiles: { p50: 0, p90: 0, p99: 0, max: values[values.length - 1] ?? 0 } });

  it('sets every threshold from its signal, and keeps the default when no replayed commit reported the signal', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    const config = buildInitConfig({
      distributions: [distribution('affectedFiles', values), distribution('changedSymbols', values), distribution('maxDepth', values.map(() => 2))],
      percentiles: [90, 99],
      testGlobs: [],
      model: null,
    });
    expect(config.thresholds).toEqual({
      maxAffectedFiles: { warn: 90, fail: 99 },
      maxContractAffectedFiles: defaultThresholds.maxContractAffectedFiles,
      maxChangedSymbols: { warn: 90, fail: 99 },
      maxDepth: { warn: 2, fail: 2 },
    });
    const withContract = buildInitConfig({ distributions: [distribution('contractAffectedFiles', values.map((value) => value * 3))], percentiles: [90, 99], testGlobs: [], model: null });
    expect(withContract.thresholds?.maxContractAffectedFiles).toEqual({ warn: 270, fail: 297 });
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RiskReport } from '../src/shared/types.js';
import { runRisk } from './helpers/risk-binary.js';
import { baseProject, cleanupScratch, createScratchDir, createScratchRepo, type ScratchRepo } from './helpers/scratch-repo.js';

afterEach(() => cleanupScratch());

interface Key {
  path: string;
  line: string;
  email: string;
}

function createKey(dir: string, name: string): Key {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-t', 'ed25519', '-N', '', '-f', path, '-q', '-C', `${name}@shop.test`]);
  return { path, line: readFileSync(`${path}.pub`, 'utf8').trim(), email: `${name}@shop.test` };
}

/** Every change to src/ needs a senior's sign-off; the senior's key is in the base policy. */
function policyWith(approverKeys: Key[]): string {
  return `${JSON.stringify(
    {
      approvers: approverKeys.map((key, index) => ({ name: index === 0 ? 'senior@shop.test' : `extra${index}@shop.test`, sshKey: key.line })),
      rules: [{ id: 'needs-senior', when: { signal: 'changedSymbols', gt: 0 }, severity: 'fail', requireSignOff: true }],
    },
    null,
    2,
  )}\n`;
}

function setup(): { repo: ScratchRepo; senior: Key; author: Key; head: string } {
  const keys = createScratchDir('sign-off-keys');
  const senior = createKey(keys, 'senior');
  const author = createKey(keys, 'author');
  const repo = createScratchRepo('sign-off', { ...baseProject, '.riskrc.json': policyWith([senior]) });
  repo.write('src/a.ts', 'export function a(): number {\n  return 2;\n}\n');
  const head = repo.commitAll('change a');
  repo.git('config', 'gpg.format', 'ssh');
  return { repo, senior, author, head };
}

/** Runs `risk approve` as the holder of `key`. */
function approveAs(repo: ScratchRepo, key: Key, commit = 'HEAD'): string {
  repo.git('config', 'user.signingkey', key.path);
  repo.git('config', 'user.email', key.email);
  const result = runRisk(repo.dir, ['approve', commit]);
  expect(result.stderr).toMatch(/risk: approved [0-9a-f]{12}/);
  expect(result.status).toBe(0);
  if (key.email === 'senior@shop.test') expect(result.stderr).not.toContain('warning');
  return result.stdout.trim();
}

function analyse(repo: ScratchRepo, env: Record<string, string> = {}): { status: number | null; report: RiskReport } {
  const result = runRisk(repo.dir, ['--base', 'main', '--format', 'json'], env);
  return { status: result.status, report: JSON.parse(result.stdout) as RiskReport };
}

describe('senior sign-off (slow)', () => {
  it('fails without an approval, and passes (as a warning) with a valid one from a listed approver', () => {
    const { repo, senior, head } = setup();
    const before = analyse(repo);
    expect(before.status).toBe(1);
    expect(before.report.signOff).toEqual({ requiredBy: ['rules.needs-senior'], approvals: [], approvedBy: [] });

    const tag = approveAs(repo, senior);
    expect(tag).toBe(`risk-approval/${head}/senior@shop.test`);
    const after = analyse(repo);
    expect(after.status).toBe(0);
    expect(after.report.verdict).toBe('warn');
    expect(after.report.signOff.approvedBy).toEqual(['senior@shop.test']);
    expect(after.report.violations[0]?.message).toMatch(/signed off by senior@shop\.test/);
  });

  it('does not count an approval signed by the author\'s own key (forged)', () => {
    const { repo, author } = setup();
    repo.git('config', 'user.signingkey', author.path);
    repo.git('config', 'user.email', author.email);
    const approved = runRisk(repo.dir, ['approve']);
    expect(approved.status).toBe(0);
    expect(approved.stderr).toMatch(/risk: warning: this approval does not count under the current policy: signed by SHA256:\S+, which is not an approver/);
    const { status, report } = analyse(repo);
    expect(status).toBe(1);
    expect(report.signOff.approvals.map((check) => check.status)).toEqual(['unknown-key']);
    expect(report.signOff.approvals[0]?.reason).toMatch(/not an approver/);
    expect(report.decidedBy).toMatch(/found only: risk-approval\/[0-9a-f]{40}\/author@shop\.test: /);
  });

  it('does not count an approval of an earlier commit once new commits are added (stale)', () => {
    const { repo, senior } = setup();
    approveAs(repo, senior);
    repo.write('src/a.ts', 'export function a(): number {\n  return 3;\n}\n');
    repo.commitAll('sneak in another change');
    const { status, report } = analyse(repo);
    expect(status).toBe(1);
    expect(report.signOff.approvals.map((check) => `${check.status} ${check.approver ?? '-'}`)).toEqual(['other-commit senior@shop.test']);
    expect(report.signOff.approvedBy).toEqual([]);
  });

  it('does not count an unsigned trailer or an unsigned tag', () => {
    const { repo } = setup();
    repo.write('src/a.ts', 'export function a(): number {\n  return 4;\n}\n');
    const head = repo.commitAll('change a\n\nApproved-by: senior@shop.test');
    repo.git('tag', '-a', '-m', `risk approval\n\ncommit ${head}\n`, `risk-approval/${head}/senior@shop.test`, head);
    const { status, report } = analyse(repo);
    expect(status).toBe(1);
    expect(report.signOff.approvals.map((check) => check.status)).toEqual(['unsigned']);
  });

  it('in CI, judges a change that edits its own policy by the base policy: adding your own key does not help', () => {
    const { repo, senior, author } = setup();
    repo.write('.riskrc.json', policyWith([senior, author]));
    repo.commitAll('add myself as an approver');
    approveAs(repo, author);

    const ci = analyse(repo, { CI: 'true' });
    expect(ci.status).toBe(1);
    expect(ci.report.policy).toEqual({ origin: 'base-commit', commit: repo.git('rev-parse', 'main').trim() });
    expect(ci.report.signals.find((signal) => signal.name === 'policyChanged')).toMatchObject({ value: true, explanation: 'changed: .riskrc.json' });
    expect(ci.report.violations.map((violation) => violation.rule)).toEqual(['rules.needs-senior', 'policy-change']);
    expect(ci.report.signOff.approvals.map((check) => check.status)).toEqual(['unknown-key']);

    approveAs(repo, senior);
    expect(analyse(repo, { CI: 'true' }).status).toBe(0);
  });

  it('in CI reads a --config file from the base commit only (an uncommitted one is refused); shows a local override in the report', () => {
    const { repo } = setup();
    repo.write('tmp-policy.json', '{}\n');
    const refused = runRisk(repo.dir, ['--base', 'main', '--config', 'tmp-policy.json'], { CI: 'true' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^risk: config file tmp-policy.json does not exist at the base commit [0-9a-f]{12}\n/);
    const local = runRisk(repo.dir, ['--base', 'main', '--config', 'tmp-policy.json', '--format', 'json']);
    expect((JSON.parse(local.stdout) as RiskReport).policy.origin).toBe('override');
    expect(runRisk(repo.dir, ['--base', 'main', '--config', 'tmp-policy.json']).stdout).toMatch(/local --config override/);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureRepo, runGit, type FixtureRepo } from './helpers/fixture-repo.js';
import { runRisk } from './helpers/risk-binary.js';
import { testEnvironment } from './helpers/test-environment.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A fixture repo with a bare `origin` that already has main, and risk's pre-push hook installed. */
function repoWithRemote(scenario: string): { repo: FixtureRepo; remote: string } {
  const repo = createFixtureRepo(scenario);
  cleanups.push(repo.cleanup);
  const remote = mkdtempSync(join(tmpdir(), 'risk-remote-'));
  cleanups.push(() => rmSync(remote, { recursive: true, force: true }));
  runGit(remote, ['init', '-q', '--bare', '-b', 'main']);
  repo.git('remote', 'add', 'origin', remote);
  repo.git('push', '-q', 'origin', 'main');
  const installed = runRisk(repo.dir, ['hook', 'install']);
  expect(installed.status).toBe(0);
  return { repo, remote };
}

/** `git push` through the real hook; the hook's output arrives on git's stderr/stdout. */
function push(dir: string, ...args: string[]): { status: number | null; output: string } {
  const env = testEnvironment({ GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', XDG_CACHE_HOME: join(dir, '.git', 'test-cache') });
  const result = spawnSync('git', ['push', ...args], { cwd: dir, encoding: 'utf8', env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const remoteBranches = (remote: string): string => runGit(remote, ['for-each-ref', '--format=%(refname)', 'refs/heads']);

describe('pre-push hook (slow, real bare remote)', () => {
  it('prints hook-manager snippets instead of installing with --print', () => {
    const repo = createFixtureRepo('barrel-body-change');
    cleanups.push(repo.cleanup);
    const printed = runRisk(repo.dir, ['hook', 'install', '--print']);
    expect(printed.status).toBe(0);
    // Committed by the team, so no absolute path: npm's runner (the fixture has no other lockfile).
    expect(printed.stdout).toMatch(/^# husky: add to \.husky\/pre-push\nnpx --no-install risk --pre-push "\$1" "\$2"\n/);
    expect(printed.stdout).toContain('"simple-git-hooks": { "pre-push": "npx --no-install risk --pre-push \\"$1\\" \\"$2\\"" }');
    expect(printed.stdout).toMatch(/run: npx --no-install risk --pre-push \{1\} \{2\}\n {6}use_stdin: true\n$/);
    expect(printed.stdout).not.toContain(process.execPath);
    writeFileSync(join(repo.dir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    expect(runRisk(repo.dir, ['hook', 'install', '--print']).stdout).toMatch(/^# husky: add to \.husky\/pre-push\npnpm exec risk --pre-push "\$1" "\$2"\n/);
    expect(runGit(repo.dir, ['rev-parse', '--git-path', 'hooks/pre-push']).trim()).toBe('.git/hooks/pre-push');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-push'))).toBe(false);
  });

  it('lets a push within policy through, analysing a new branch from the merge-base with the default branch', () => {
    const { repo, remote } = repoWithRemote('barrel-body-change');
    const result = push(repo.dir, 'origin', 'feature');
    expect(result.status).toBe(0);
    expect(result.output).toContain('risk: push refs/heads/feature -> origin refs/heads/feature: analysing origin/main..');
    expect(result.output).toContain('Verdict: PASS');
    expect(remoteBranches(remote)).toBe('refs/heads/feature\nrefs/heads/main\n');
  });

  it('blocks a push that fails the policy, with the report', () => {
    const { repo, remote } = repoWithRemote('policy-thresholds');
    const result = push(repo.dir, 'origin', 'feature');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('Verdict: FAIL (thresholds.maxAffectedFiles: 2 affected files, limit 1 (over by 1))');
    expect(remoteBranches(remote)).toBe('refs/heads/main\n');
    // The documented escape hatch still works.
    expect(push(repo.dir, '--no-verify', 'origin', 'feature').status).toBe(0);
  });

  it('analyses only the new commits of an existing branch, skips deletions, and handles two refs at once', () => {
    const { repo, remote } = repoWithRemote('barrel-body-change');
    expect(push(repo.dir, 'origin', 'feature').status).toBe(0);
    // A comment-only commit: the pushed range changes no export.
    writeFileSync(join(repo.dir, 'src/other.ts'), "import { triple } from './lib/index.js';\n\n// tripled once\nexport const tripled = triple(3);\n");
    repo.git('commit', '-q', '-am', 'comment');
    repo.git('branch', 'second', 'main');
    const both = push(repo.dir, 'origin', 'feature', 'second');
    expect(both.status).toBe(0);
    expect(both.output).toMatch(/push refs\/heads\/feature -> origin refs\/heads\/feature: analysing origin\/feature\.\./);
    expect(both.output).toMatch(/push refs\/heads\/second -> origin refs\/heads\/second: analysing origin\/main\.\./);
    expect(both.output).toContain('No exported symbol changed.');
    const deletion = push(repo.dir, 'origin', '--delete', 'second');
    expect(deletion.status).toBe(0);
    expect(deletion.output).toContain('risk: nothing to analyse (the push sends no new commits: only deletions, or tags of commits the remote has)');
    expect(remoteBranches(remote)).toBe('refs/heads/feature\nrefs/heads/main\n');
  });

  it('never analyses approval tags, skips tags of pushed commits, and analyses a tag that sends new commits', () => {
    const { repo, remote } = repoWithRemote('policy-thresholds');
    // The feature branch fails the policy and is not on the remote.
    repo.git('tag', '-a', '-m', 'risk approval', `risk-approval/${repo.git('rev-parse', 'feature').trim()}/senior@example.test`, 'feature');
    const approval = push(repo.dir, 'origin', 'refs/tags/risk-approval/*');
    expect(approval.status).toBe(0);
    expect(approval.output).toContain('risk: nothing to analyse');
    repo.git('tag', 'v1', 'main');
    expect(push(repo.dir, 'origin', 'v1').status).toBe(0);
    repo.git('tag', 'v2', 'feature');
    const release = push(repo.dir, 'origin', 'v2');
    expect(release.status).not.toBe(0);
    expect(release.output).toMatch(/push refs\/tags\/v2 -> origin refs\/tags\/v2: analysing origin\/main\.\./);
    expect(runGit(remote, ['tag', '-l'])).not.toContain('v2');
  });
});

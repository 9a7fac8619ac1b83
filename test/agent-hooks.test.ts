import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findGitSteps } from '../src/hook/agent-command.js';
import { parseClaudeHookInput } from '../src/hook/claude-hook-input.js';
import { detectAgent } from '../src/provenance/agent-marker.js';
import type { RiskReport } from '../src/shared/types.js';
import { createFixtureRepo, type FixtureRepo } from './helpers/fixture-repo.js';
import { runRisk } from './helpers/risk-binary.js';
import { cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';
import { testEnvironment } from './helpers/test-environment.js';

describe('which git step an agent command takes', () => {
  it('finds commits and pushes, with -C, -a and a git add before the commit', () => {
    expect(findGitSteps('git commit -m "fix: tax"')).toEqual([{ kind: 'commit', includesUnstaged: false, cwd: null }]);
    expect(findGitSteps('git commit -am "wip"')).toEqual([{ kind: 'commit', includesUnstaged: true, cwd: null }]);
    expect(findGitSteps('git add -A && git commit -m x && git push origin HEAD')).toEqual([
      { kind: 'commit', includesUnstaged: true, cwd: null },
      { kind: 'push', cwd: null },
    ]);
    expect(findGitSteps('cd app; git -C packages/core -c user.name=x commit --amend')).toEqual([{ kind: 'commit', includesUnstaged: false, cwd: 'packages/core' }]);
    expect(findGitSteps('/usr/bin/git push --force-with-lease')).toEqual([{ kind: 'push', cwd: null }]);
  });

  it('ignores commands that neither commit nor push', () => {
    expect(findGitSteps('git status && git diff --stat')).toEqual([]);
    expect(findGitSteps('npm test | tee out.txt')).toEqual([]);
    expect(findGitSteps('git log --grep commit')).toEqual([]);
  });
});

describe('agent markers and hook input', () => {
  it('RISK_AGENT names any agent; CLAUDECODE=1 is Claude Code; nothing else counts', () => {
    expect(detectAgent({ RISK_AGENT: 'cursor' })).toBe('cursor (RISK_AGENT)');
    expect(detectAgent({ CLAUDECODE: '1' })).toBe('Claude Code (CLAUDECODE=1)');
    expect(detectAgent({ CLAUDECODE: '0', RISK_AGENT: ' ' })).toBeNull();
  });

  it('reads tool_name, tool_input.command and cwd of a PreToolUse input', () => {
    const input = { session_id: 's', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git push', description: 'push' }, cwd: '/repo' };
    expect(parseClaudeHookInput(JSON.stringify(input))).toEqual({ toolName: 'Bash', command: 'git push', cwd: '/repo' });
    expect(parseClaudeHookInput('{"tool_name":"Edit","tool_input":{"file_path":"a.ts"}}')).toEqual({ toolName: 'Edit', command: null, cwd: null });
    expect(() => parseClaudeHookInput('not json')).toThrow('the hook input on stdin is not JSON');
  });
});

/** git with the test environment (no CI or agent variables unless given) and a fixed identity. */
function gitIn(dir: string, args: string[], env: Record<string, string> = {}): { status: number | null; stderr: string } {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: testEnvironment({ GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...env }) });
  return { status: result.status, stderr: result.stderr };
}

function claudeInput(dir: string, command: string): string {
  return JSON.stringify({ session_id: 'test', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command, description: 'test' }, cwd: dir });
}

describe('agent hooks on a change that removes a database and an export still in use (slow)', () => {
  let repo: FixtureRepo | undefined;
  afterEach(() => {
    repo?.cleanup();
    cleanupScratch();
  });

  it('risk hook install --pre-commit: git commit is blocked with the short report; HEAD does not move', { timeout: 120_000 }, () => {
    repo = createFixtureRepo('mcp-agent-change');
    const head = repo.git('rev-parse', 'HEAD');
    const install = runRisk(repo.dir, ['hook', 'install', '--pre-commit']);
    expect(install.status).toBe(0);
    expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toContain('hook pre-commit');
    repo.git('add', '-A');

    const human = gitIn(repo.dir, ['commit', '-m', 'Drop roundPrice and the orders database']);
    expect(human.status).toBe(1);
    expect(human.stderr).toContain('risk: FAIL (staged change)');
    expect(human.stderr).toContain('  DESTRUCTIVE infra/main.tf: removed resource aws_db_instance.orders\n');
    expect(human.stderr).toContain('still importing something removed: packages/app/src/display.ts, packages/core/src/index.ts');
    expect(human.stderr).toContain('  provenance: unknown\n');
    expect(human.stderr).not.toContain('agent-wide-change');
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);

    // The same commit by Claude Code (which sets CLAUDECODE=1 for the commands it runs): the agent rule fires too.
    const agent = gitIn(repo.dir, ['commit', '-m', 'Drop roundPrice and the orders database'], { CLAUDECODE: '1' });
    expect(agent.status).toBe(1);
    expect(agent.stderr).toContain('  fail rules.agent-wide-change: An agent');
    expect(agent.stderr).toContain('  provenance: ai-assisted\n');
    // An agent is never told to commit its way past a sign-off: the approval comes after a review.
    expect(agent.stderr).toContain("needs a senior's sign-off by one of senior@shop.test: have it reviewed before it is committed");
    expect(agent.stderr).not.toContain('commit the change');

    const uninstall = runRisk(repo.dir, ['hook', 'uninstall', '--pre-commit']);
    expect(uninstall.stderr).toContain('pre-commit hook removed');
    expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
  });

  it('risk hook claude: exit 2 with the reason on stderr for git commit; other commands and an empty push pass', { timeout: 120_000 }, () => {
    repo = createFixtureRepo('mcp-agent-change');
    // Nothing is staged yet: `git commit` alone would record nothing, `git add -A && git commit` records it all.
    expect(runRisk(repo.dir, ['hook', 'claude'], {}, claudeInput(repo.dir, 'git commit -m wip'))).toMatchObject({ status: 0, stderr: '' });
    const blocked = runRisk(repo.dir, ['hook', 'claude'], {}, claudeInput(repo.dir, 'git add -A && git commit -m "Drop the orders database"'));
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toMatch(/^risk: FAIL \(worktree change\): /);
    expect(blocked.stderr).toContain('  DESTRUCTIVE infra/main.tf: removed resource aws_db_instance.orders\n');
    expect(blocked.stderr).toContain('  fail rules.agent-wide-change: ');
    expect(blocked.stderr).toContain('  provenance: ai-assisted\n');
    expect(blocked.stderr).toContain('risk: `git commit` blocked by the repository\'s risk policy.');

    repo.git('add', '-A');
    expect(runRisk(repo.dir, ['hook', 'claude'], {}, claudeInput(repo.dir, 'git commit -m wip')).status).toBe(2);
    expect(runRisk(repo.dir, ['hook', 'claude'], {}, claudeInput(repo.dir, 'npm test'))).toMatchObject({ status: 0, stderr: '' });
    // The branch has no commits of its own yet: the push sends nothing risky.
    expect(runRisk(repo.dir, ['hook', 'claude'], {}, claudeInput(repo.dir, 'git push -u origin feature')).status).toBe(0);
    expect(repo.git('status', '--porcelain')).toBe('M  infra/main.tf\nM  packages/core/src/price.ts\n');
  });

  it('risk hook claude fails closed: bad input or a folder it cannot analyse blocks', () => {
    const garbage = runRisk(process.cwd(), ['hook', 'claude'], {}, 'not json');
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).toBe(
      'risk: the hook input on stdin is not JSON\nhint: run `risk hook claude` only as a Claude Code PreToolUse hook (it reads the tool call as JSON on stdin)\nrisk: the change could not be checked, so the git step is blocked; fix the problem above or ask a person to run it\n',
    );
    const outside = runRisk(process.cwd(), ['hook', 'claude'], {}, claudeInput('/', 'git commit -m x'));
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^risk: \/ is not inside a git repository\nhint: /);
  });

  it('risk hook install --claude-code prints the settings entry', () => {
    const printed = runRisk(process.cwd(), ['hook', 'install', '--claude-code']);
    expect(printed.status).toBe(0);
    const settings = JSON.parse(printed.stdout) as { hooks: { PreToolUse: { matcher: string; hooks: { type: string; command: string }[] }[] } };
    expect(settings.hooks.PreToolUse[0]!.matcher).toBe('Bash');
    expect(settings.hooks.PreToolUse[0]!.hooks[0]!.type).toBe('command');
    // Settings files are committed: the project's package runner, never this machine's paths.
    expect(settings.hooks.PreToolUse[0]!.hooks[0]!.command).toBe('npx --no-install risk hook claude');
  });
});

describe('the default policy on destroyed infrastructure (slow)', () => {
  afterEach(() => cleanupScratch());

  it('needs a sign-off whatever the provenance; keeping the resource passes', { timeout: 120_000 }, () => {
    const repo = createScratchRepo('destroy-default', {
      'package.json': '{ "name": "infra-only" }\n',
      'tsconfig.json': '{}\n',
      'infra/main.tf': 'resource "aws_db_instance" "orders" {\n  engine = "postgres"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n',
    });
    repo.write('infra/main.tf', 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n');
    for (const env of [{}, { CLAUDECODE: '1' }] as Record<string, string>[]) {
      const result = runRisk(repo.dir, ['--worktree', '--format', 'json'], env);
      expect(result.status).toBe(1);
      const report = JSON.parse(result.stdout) as RiskReport;
      expect(report.violations.find((violation) => violation.rule === 'rules.destructive-infrastructure')).toMatchObject({ severity: 'fail', needsSignOff: true });
      expect(report.signOff.requiredBy).toEqual(['rules.destructive-infrastructure']);
    }
    writeFileSync(join(repo.dir, 'infra/main.tf'), 'resource "aws_db_instance" "orders" {\n  engine = "postgres"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "logs-2"\n}\n');
    expect(runRisk(repo.dir, ['--worktree']).status).toBe(0);
  });
});

import type { Command } from 'commander';
import { isAbsolute, resolve } from 'node:path';
import { findGitSteps, type GitStep } from '../../hook/agent-command.js';
import { parseClaudeHookInput } from '../../hook/claude-hook-input.js';
import { detectAgent } from '../../provenance/agent-marker.js';
import { formatShortReport } from '../../report/short-text.js';
import { runWithLimits } from '../../run/limits.js';
import { ExitCode, formatRiskError, isRiskError } from '../../shared/errors.js';
import type { DiffMode, RiskReport } from '../../shared/types.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';

/** Claude Code blocks a tool call only on this exit code, and shows the hook's stderr to the model. */
const claudeBlocks = 2;

/**
 * The runners that agent hooks call: `risk hook pre-commit` (from git's pre-commit hook) and
 * `risk hook claude` (a Claude Code PreToolUse hook on Bash). Both judge the change with the
 * policy of HEAD, so a change cannot relax its own rules, and print the short report as the reason.
 */
export function defineAgentHookCommands(hook: Command, io: Io): void {
  hook
    .command('pre-commit')
    .description("run by git's pre-commit hook: check the staged change; a failing policy blocks the commit")
    .option('-C, --cwd <dir>', 'the repository', process.cwd())
    .action(async (flags: { cwd: string; debug?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
        const report = await analyseStep(resolve(flags.cwd), 'staged', detectAgent(process.env));
        if (report.verdict === 'pass') return ExitCode.Ok;
        io.stderr(formatShortReport(report));
        if (report.verdict === 'warn') return ExitCode.Ok;
        // A signed approval needs a commit to sign: the reviewer commits past this hook, and the pre-push hook and CI then ask for the approval.
        io.stderr('risk: commit blocked. Narrow the change; or a person who reviewed it commits with git commit --no-verify (a required sign-off is then checked on push and in CI)\n');
        return ExitCode.PolicyFailed;
      });
    });

  hook
    .command('claude')
    .description('a Claude Code PreToolUse hook (matcher "Bash"): before `git commit` or `git push`, check the change and block it (exit 2) when the policy fails')
    .action(async () => {
      io.exitCode = await checkClaudeToolCall(io);
    });
}

/** Exit 0 lets the tool call run; exit 2 blocks it, with stderr as the reason Claude reads. Fails closed. */
async function checkClaudeToolCall(io: Io): Promise<number> {
  try {
    const input = parseClaudeHookInput(await io.readStdin());
    if (input.command === null) return ExitCode.Ok;
    const base = input.cwd ?? process.cwd();
    const agent = detectAgent(process.env) ?? 'Claude Code (PreToolUse hook)';
    for (const step of findGitSteps(input.command)) {
      const cwd = step.cwd === null ? base : isAbsolute(step.cwd) ? step.cwd : resolve(base, step.cwd);
      const report = await analyseStep(cwd, modeOf(step), agent);
      if (report.verdict !== 'fail') continue;
      io.stderr(formatShortReport(report));
      io.stderr(`risk: \`git ${step.kind}\` blocked by the repository's risk policy. Narrow the change (see the rules above), or stop and ask a person to review it and sign it off; do not bypass this check.\n`);
      return claudeBlocks;
    }
    return ExitCode.Ok;
  } catch (error) {
    // Unsure is not safe: a change risk cannot analyse is not committed behind its back.
    io.stderr(isRiskError(error) ? formatRiskError(error) : `risk: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    io.stderr('risk: the change could not be checked, so the git step is blocked; fix the problem above or ask a person to run it\n');
    return claudeBlocks;
  }
}

/**
 * `git commit` records the index; when it will record more (`-a`, or `git add -A && git commit`)
 * the working tree covers it (untracked files too: checking more, never less). `git push` sends
 * the branch's commits: the default range (upstream, else origin/HEAD, main, master).
 */
function modeOf(step: GitStep): DiffMode {
  if (step.kind === 'push') return 'range';
  return step.includesUnstaged ? 'worktree' : 'staged';
}

async function analyseStep(cwd: string, mode: DiffMode, agent: string | null): Promise<RiskReport> {
  const [report] = await runWithLimits(
    { request: { cwd, mode, policyFrom: 'base', agent: agent ?? undefined }, wantsProgress: false, prePush: null },
    { timeoutMs: undefined, maxMemoryMb: undefined },
    { onNotice: () => undefined },
  );
  return report!;
}

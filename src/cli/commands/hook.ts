import type { Command } from 'commander';
import { resolve } from 'node:path';
import { installPrePushHook, uninstallPrePushHook } from '../../hook/install-hook.js';
import { formatHookManagerSnippets } from '../../hook/manager-snippets.js';
import { detectRunnerCommand } from '../../hook/package-runner.js';
import { installPreCommitHook, preCommitInvocation, uninstallPreCommitHook } from '../../hook/pre-commit-hook.js';
import { formatClaudeCodeSettings } from '../../hook/claude-settings.js';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { defineAgentHookCommands } from './agent-hooks.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';

/** `risk hook install|uninstall`: the git pre-push hook. */
export function defineHookCommand(program: Command, io: Io): void {
  const hook = program.command('hook').description('manage the git pre-push hook');
  hook
    .command('install')
    .description('install a pre-push hook that runs risk on what you push')
    .option('--force', 'replace an existing pre-push hook (it is kept as pre-push.risk-backup)')
    .option('--print', 'only print the line to add to husky, lefthook or simple-git-hooks')
    .option('-C, --cwd <dir>', 'repository to install into', process.cwd())
    .option('--pre-commit', 'install the pre-commit hook instead: risk on the staged change; a failing policy blocks the commit')
    .option('--claude-code', "print the .claude/settings.json hooks entry that checks Claude Code's git commit and git push (PreToolUse)")
    .action(async (flags: { force?: boolean; print?: boolean; preCommit?: boolean; claudeCode?: boolean; cwd: string; debug?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
        // Hook-manager files are committed: their line must not name this machine's paths.
        const managerCommand = detectRunnerCommand(resolve(flags.cwd));
        if (flags.claudeCode) {
          if (flags.preCommit) throw new UsageError('--claude-code and --pre-commit are two different hooks', 'pick one per run');
          // .claude/settings.json is usually committed too: the portable runner, not this machine's paths.
          io.stdout(formatClaudeCodeSettings(managerCommand));
          return ExitCode.Ok;
        }
        if (flags.preCommit) {
          if (flags.print) {
            io.stdout(`# husky: add to .husky/pre-commit\n${preCommitInvocation(managerCommand)}\n`);
            return ExitCode.Ok;
          }
          const result = await installPreCommitHook({ cwd: resolve(flags.cwd), force: flags.force === true, command: selfCommand() });
          io.stderr(`risk: pre-commit hook ${result.action}: ${result.path}\nSkip it once with: git commit --no-verify\n`);
          return ExitCode.Ok;
        }
        if (flags.print) {
          io.stdout(formatHookManagerSnippets(managerCommand));
          return ExitCode.Ok;
        }
        const result = await installPrePushHook({ cwd: resolve(flags.cwd), force: flags.force === true, command: selfCommand(), managerCommand });
        io.stderr(`risk: pre-push hook ${result.action}: ${result.path}\nSkip it once with: git push --no-verify\n`);
        return ExitCode.Ok;
      });
    });
  hook
    .command('uninstall')
    .description('remove the pre-push hook installed by risk (and restore a replaced one)')
    .option('-C, --cwd <dir>', 'repository to remove it from', process.cwd())
    .option('--pre-commit', 'remove the pre-commit hook instead')
    .action(async (flags: { cwd: string; preCommit?: boolean; debug?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
        if (flags.preCommit) {
          const result = await uninstallPreCommitHook(resolve(flags.cwd));
          io.stderr(`risk: pre-commit hook ${result.action}: ${result.path}\n`);
          return ExitCode.Ok;
        }
        const result = await uninstallPrePushHook(resolve(flags.cwd));
        io.stderr(`risk: pre-push hook ${result.action}: ${result.path}\n`);
        return ExitCode.Ok;
      });
    });
  defineAgentHookCommands(hook, io);
}

/** The command .git/hooks/pre-push runs (a file no one commits): this very binary, with this very Node. */
function selfCommand(): string {
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  return `${quote(process.execPath)} ${quote(resolve(process.argv[1] ?? 'risk'))}`;
}

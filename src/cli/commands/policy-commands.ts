import type { Command } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { computeBaseline } from '../../run/baseline-run.js';
import { checkApprovals, createApproval } from '../../sign-off/approvals.js';
import { loadConfig } from '../../config/load-config.js';
import { createGit, type Git } from '../../git/git.js';
import { findRepositoryRootOrThrow, resolveCommitOrThrow } from '../../git/refs.js';
import { ExitCode } from '../../shared/errors.js';

/** What the extra commands need from the CLI: its error guard and its writers. */
export interface CommandHost {
  guard: (flags: { debug?: boolean }, action: () => Promise<number>) => Promise<number>;
  setExitCode: (code: number) => void;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Verifies the new approval against the policy on disk, so an approver learns at once that
 * their key is not listed (the approval would count for nothing). CI judges by the base
 * commit's policy, which this cannot know; an unreadable policy just skips the check.
 */
async function checkOwnApproval(git: Git, root: string, sha: string, tag: string): Promise<string | null> {
  let approvers;
  try {
    approvers = (await loadConfig(root)).approvers;
  } catch {
    return null;
  }
  if (approvers.length === 0) return 'the policy lists no approvers, so no approval counts yet (add "approvers" to the config)';
  const check = (await checkApprovals(git, { headSha: sha, baseSha: null, approvers })).find((entry) => entry.tag === tag);
  if (check === undefined || check.status === 'valid') return null;
  return `this approval does not count under the current policy: ${check.reason}`;
}

/** `risk approve` and `risk baseline`. */
export function addPolicyCommands(program: Command, host: CommandHost): void {
  program
    .command('approve')
    .description('sign off a commit: create a signed tag risk-approval/<sha>/<you> with your git signing key (SSH or GPG)')
    .argument('[commit]', 'the commit to approve (default: HEAD); an approval covers exactly this commit', 'HEAD')
    .option('-m, --note <text>', 'a note kept in the approval')
    .option('--force', 'replace your earlier approval tag of this commit')
    .option('-C, --cwd <dir>', 'repository', process.cwd())
    .option('--debug', 'print stack traces for errors')
    .addHelpText(
      'after',
      '\nPush the tag so CI sees it: git push origin "refs/tags/risk-approval/*"\nIn CI and in the pre-push hook only keys listed in the base commit\'s policy ("approvers") count;\na local run checks against the working tree\'s policy.',
    )
    .action(async (commit: string, flags: { note?: string; force?: boolean; cwd: string; debug?: boolean }) => {
      host.setExitCode(
        await host.guard(flags, async () => {
          const git = createGit(resolve(flags.cwd));
          const root = await findRepositoryRootOrThrow(git);
          const rootGit = createGit(root);
          const sha = await resolveCommitOrThrow(rootGit, commit, 'approve');
          const tag = await createApproval(rootGit, { commit: sha, note: flags.note, force: flags.force === true });
          host.stdout(`${tag}\n`);
          host.stderr(`risk: approved ${sha.slice(0, 12)}; publish it with: git push origin refs/tags/${tag}\n`);
          const notice = await checkOwnApproval(rootGit, root, sha, tag);
          if (notice !== null) host.stderr(`risk: warning: ${notice}\n`);
          return ExitCode.Ok;
        }),
      );
    });

  program
    .command('baseline')
    .description('record the current findings (unresolved imports, untested files) so only new ones count')
    .option('-o, --output <file>', 'where to write it (default: the config\'s "baseline", .risk-baseline.json at the repository root)')
    .option('--check', 'write nothing; exit 1 when the baseline file is not up to date')
    .option('-p, --project <tsconfig>', 'resolve every file with this tsconfig')
    .option('-c, --config <file>', 'policy file instead of the one at the repository root')
    .option('-C, --cwd <dir>', 'repository', process.cwd())
    .option('--debug', 'print stack traces for errors')
    .action(async (flags: { output?: string; check?: boolean; project?: string; config?: string; cwd: string; debug?: boolean }) => {
      host.setExitCode(
        await host.guard(flags, async () => {
          const result = await computeBaseline({ cwd: resolve(flags.cwd), configPath: flags.config, project: flags.project });
          const target = flags.output === undefined ? join(result.root, result.path) : isAbsolute(flags.output) ? flags.output : resolve(flags.cwd, flags.output);
          const summary = `${result.unknowns} unknown(s), ${result.untested} untested file(s)`;
          if (flags.check) {
            const current = await readFile(target, 'utf8').catch(() => null);
            if (current === result.text) {
              host.stderr(`risk: ${target} is up to date (${summary})\n`);
              return ExitCode.Ok;
            }
            host.stderr(`risk: ${target} is ${current === null ? 'missing' : 'out of date'} (now ${summary}); run \`risk baseline\`\n`);
            return ExitCode.PolicyFailed;
          }
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, result.text);
          host.stderr(`risk: wrote ${target}: ${summary} accepted. Commit it; changing it later needs sign-off.\n`);
          return ExitCode.Ok;
        }),
      );
    });
}

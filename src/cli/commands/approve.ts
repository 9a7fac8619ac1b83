import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/load-config.js';
import { createGit, type Git } from '../../git/git.js';
import { findRepositoryRootOrThrow, resolveCommitOrThrow } from '../../git/refs.js';
import { ExitCode } from '../../shared/errors.js';
import { checkApprovals, createApproval } from '../../sign-off/approvals.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';

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

/** `risk approve [commit]`: a signed approval tag. */
export function defineApproveCommand(program: Command, io: Io): void {
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
      io.exitCode = await guard(flags, io, async () => {
          const git = createGit(resolve(flags.cwd));
          const root = await findRepositoryRootOrThrow(git);
          const rootGit = createGit(root);
          const sha = await resolveCommitOrThrow(rootGit, commit, 'approve');
          const tag = await createApproval(rootGit, { commit: sha, note: flags.note, force: flags.force === true });
          io.stdout(`${tag}\n`);
          io.stderr(`risk: approved ${sha.slice(0, 12)}; publish it with: git push origin refs/tags/${tag}\n`);
          const notice = await checkOwnApproval(rootGit, root, sha, tag);
          if (notice !== null) io.stderr(`risk: warning: ${notice}\n`);
          return ExitCode.Ok;
        });
    });

}

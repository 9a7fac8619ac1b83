import { spawn } from 'node:child_process';
import { GitError } from '../shared/errors.js';
import { gitEnvironment } from './git.js';

/** What one git process printed, and how it ended. */
export interface GitOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * The signing tools' own variables: where GnuPG keeps its keyring and how ssh-keygen and gpg
 * reach their agents. None starts with GIT_, so none can change git's configuration; and a
 * keyring is never trusted on its own (approvals compare fingerprints from the policy).
 */
const signingVariables = ['GNUPGHOME', 'GPG_TTY', 'SSH_AUTH_SOCK', 'DISPLAY'];

/**
 * Runs git for signing and signature checks, outside `Git.run`, because:
 * - `verify-tag` reports the signature on stderr and says "not verified" with its exit code,
 *   while `Git.run` returns stdout only and throws on a non-zero exit;
 * - the checks pin `gpg.program` / `gpg.ssh.program` with `-c`, which the read-only `Git`
 *   never does (it only ever switches things off);
 * - `Git` passes only `gitEnvironment`, which lacks GNUPGHOME and SSH_AUTH_SOCK, so gpg would
 *   look in the wrong keyring and ssh-keygen could not reach the agent.
 * The environment is `gitEnvironment` plus the variables above, read at call time.
 */
export function runSigningGit(cwd: string, args: string[]): Promise<GitOutput> {
  const env: Record<string, string> = { ...gitEnvironment };
  for (const name of signingVariables) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => reject(new GitError(`could not run git ${args.find((arg) => !arg.startsWith('-') && !arg.includes('=')) ?? ''}: ${error.message}`, 'check that git is installed and on PATH')));
    child.on('close', (code) => {
      resolve({ exitCode: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

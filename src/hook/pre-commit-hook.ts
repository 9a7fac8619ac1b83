import { readFile, rename, rm, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { findHooksFolderOrThrow } from './hooks-folder.js';
import { exists, writeHookAtomically, type HookResult } from './install-hook.js';

/**
 * The git pre-commit hook: risk on the staged change before the commit exists. Works for any
 * agent (and any person) that commits through git. Kept apart from the pre-push hook's file so
 * both can be installed, removed and recognised on their own.
 */

export const preCommitMarker = '# risk-pre-commit-hook v1';
const preCommitPattern = /^# risk-pre-commit-hook v\d+\b/m;
export const preCommitBackupName = 'pre-commit.risk-backup';

/** The line a hook manager (husky .husky/pre-commit, lefthook, simple-git-hooks) runs. */
export function preCommitInvocation(command: string): string {
  return `${command} hook pre-commit`;
}

export function renderPreCommitScript(command: string): string {
  return [
    '#!/bin/sh',
    preCommitMarker,
    '# Installed by risk: checks the blast radius of the staged change before it is committed.',
    '# Skip it for one commit with `git commit --no-verify`.',
    `# Remove it with risk's hook uninstall --pre-commit (which also restores ${preCommitBackupName}), or delete this file.`,
    `exec ${preCommitInvocation(command)}`,
    '',
  ].join('\n');
}

/** Installs the pre-commit hook like the pre-push one: never over someone else's hook unless `force`. */
export async function installPreCommitHook(options: { cwd: string; force: boolean; command: string }): Promise<HookResult> {
  if (options.command.trim() === '' || /[\r\n]/.test(options.command)) {
    throw new UsageError('the command for the pre-commit hook must be one non-empty line', 'this is a bug in how risk was invoked; please report it');
  }
  const folder = await findHooksFolderOrThrow(options.cwd);
  const path = join(folder.path, 'pre-commit');
  if (folder.sharedScope !== undefined && !options.force) {
    throw new UsageError(
      `core.hooksPath from ${folder.sharedScope} git config points at ${folder.path}, which every repository uses`,
      `pass --force to install there anyway, or add this line to your hook manager's pre-commit: ${preCommitInvocation(options.command)}`,
    );
  }
  const state = await inspect(path);
  if (state === 'foreign' && !options.force) {
    throw new UsageError(
      `${path} already exists and was not written by risk`,
      `pass --force to move it to ${preCommitBackupName} and install risk's hook, or add this line to your hook manager's pre-commit: ${preCommitInvocation(options.command)}`,
    );
  }
  await mkdir(folder.path, { recursive: true });
  if (state === 'foreign') {
    const backupPath = join(folder.path, preCommitBackupName);
    if (await exists(backupPath)) throw new UsageError(`cannot move ${path} aside: ${backupPath} already exists`, `move or delete ${backupPath} first; it holds a hook risk replaced earlier`);
    await rename(path, backupPath);
  }
  await writeHookAtomically(path, renderPreCommitScript(options.command));
  return { path, action: state === 'absent' ? 'installed' : state === 'ours' ? 'updated' : 'replaced' };
}

export async function uninstallPreCommitHook(cwd: string): Promise<HookResult> {
  const folder = await findHooksFolderOrThrow(cwd);
  const path = join(folder.path, 'pre-commit');
  const state = await inspect(path);
  if (state === 'absent') return { path, action: 'not-installed' };
  if (state === 'foreign') throw new UsageError(`${path} was not written by risk; leaving it alone`, 'if you added risk through a hook manager, remove the risk line from its config');
  await rm(path);
  const backupPath = join(folder.path, preCommitBackupName);
  if (!(await exists(backupPath))) return { path, action: 'removed' };
  await rename(backupPath, path);
  return { path, action: 'restored' };
}

async function inspect(path: string): Promise<'absent' | 'ours' | 'foreign'> {
  if (!(await exists(path))) return 'absent';
  try {
    return preCommitPattern.test(await readFile(path, 'utf8')) ? 'ours' : 'foreign';
  } catch {
    return 'foreign';
  }
}

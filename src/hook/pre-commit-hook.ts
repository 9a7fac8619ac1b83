import { installHook, uninstallHook, type HookKind, type HookResult } from './install-hook.js';

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

const preCommitKind: HookKind = {
  name: 'pre-commit',
  backupName: preCommitBackupName,
  render: renderPreCommitScript,
  isOurs: (text) => preCommitPattern.test(text),
  managerLine: preCommitInvocation,
  managerPlaces: { sharedScope: "your hook manager's pre-commit", foreign: "your hook manager's pre-commit", uninstall: 'a hook manager' },
};

/** Installs the pre-commit hook like the pre-push one: never over someone else's hook unless `force`. */
export function installPreCommitHook(options: { cwd: string; force: boolean; command: string }): Promise<HookResult> {
  return installHook(preCommitKind, options);
}

export function uninstallPreCommitHook(cwd: string): Promise<HookResult> {
  return uninstallHook(preCommitKind, cwd);
}

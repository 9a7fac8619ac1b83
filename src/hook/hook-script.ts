/**
 * The text of the pre-push hook that risk installs. Kept apart from the file handling so
 * the marker that tells "our hook" from "someone else's hook" is defined in one place.
 */

/** First comment line of every hook risk writes; the version lets a later risk rewrite older hooks. */
export const hookMarker = '# risk-pre-push-hook v1';

/** Any version of our marker counts as ours, so upgrading risk can still update or remove old hooks. */
const markerPattern = /^# risk-pre-push-hook v\d+\b/m;

/** Where a foreign hook is parked by a forced install; uninstall puts it back. */
export const backupName = 'pre-push.risk-backup';

/** True when the hook text was written by risk (any version), so rewriting or deleting it loses nothing. */
export function isRiskHook(text: string): boolean {
  return markerPattern.test(text);
}

/**
 * The command line a hook runs. git passes the remote name and URL as $1 and $2 and the
 * pushed refs on stdin; the arguments are quoted so an empty or spaced URL stays one word.
 */
export function prePushInvocation(command: string): string {
  return `${command} --pre-push "$1" "$2"`;
}

/**
 * A POSIX sh hook. `exec` replaces the shell so risk reads git's stdin directly and its
 * exit code becomes the hook's: non-zero stops the push.
 */
export function renderHookScript(command: string): string {
  return [
    '#!/bin/sh',
    hookMarker,
    '# Installed by risk: checks the blast radius of what you push before it leaves.',
    '# Made by `risk hook install`: the line below names that installation by absolute path.',
    '# After moving or upgrading risk (or on another machine) run `risk hook install` again to refresh it;',
    '# for a line a team can commit to husky, lefthook or simple-git-hooks, see `risk hook install --print`.',
    '# Skip it for one push with `git push --no-verify`.',
    `# Remove it with risk's hook uninstall (which also restores ${backupName}), or delete this file.`,
    `exec ${prePushInvocation(command)}`,
    '',
  ].join('\n');
}

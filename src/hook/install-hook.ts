import { chmod, lstat, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.js';
import { backupName, isRiskHook, prePushInvocation, renderHookScript } from './hook-script.js';
import { findHooksFolderOrThrow } from './hooks-folder.js';

/** What `installPrePushHook` needs from the CLI. */
export interface InstallOptions {
  /** Any directory inside the repository's working tree. */
  cwd: string;
  /** Move a foreign pre-push hook to `pre-push.risk-backup` (and accept a machine-wide core.hooksPath) instead of refusing. */
  force: boolean;
  /** Shell-quoted command that runs risk, e.g. '"/usr/bin/node" "/abs/risk/bin/risk.js"'. */
  command: string;
  /** The portable command for hook-manager lines in hints, e.g. 'npx --no-install risk' (default: `command`). */
  managerCommand?: string;
}

/** What happened to the hook file, for the CLI to report. */
export interface HookResult {
  /** Absolute path of the `pre-push` file. */
  path: string;
  action: 'installed' | 'updated' | 'replaced' | 'removed' | 'restored' | 'not-installed';
}

/** `ours` carries risk's marker, so it may be rewritten or deleted; anything else belongs to the user. */
type HookState = 'absent' | 'ours' | 'foreign';

/**
 * Installs risk as the repository's pre-push hook in the folder git really uses. Rewrites
 * an older risk hook; refuses to overwrite anyone else's hook unless `force`, which parks it
 * in `pre-push.risk-backup`. Touches nothing outside the hooks folder.
 */
export async function installPrePushHook(options: InstallOptions): Promise<HookResult> {
  assertUsableCommand(options.command);
  const folder = await findHooksFolderOrThrow(options.cwd);
  const path = join(folder.path, 'pre-push');
  if (folder.sharedScope !== undefined && !options.force) {
    // A hook in a global or system hooksPath runs for every repository on the machine.
    throw new UsageError(
      `core.hooksPath from ${folder.sharedScope} git config points at ${folder.path}, which every repository uses`,
      `pass --force to install there anyway, or add this line to your hook manager: ${hookManagerLine(options.managerCommand ?? options.command)}`,
    );
  }

  const state = await inspectHook(path);
  if (state === 'foreign' && !options.force) {
    throw new UsageError(
      `${path} already exists and was not written by risk`,
      `pass --force to move it to ${backupName} and install risk's hook, or add this line to your hook manager (husky, lefthook, simple-git-hooks): ${hookManagerLine(options.managerCommand ?? options.command)}`,
    );
  }

  await mkdir(folder.path, { recursive: true });
  if (state === 'foreign') {
    const backupPath = join(folder.path, backupName);
    // An earlier forced install already parked a hook there; overwriting it would lose it for good.
    if (await exists(backupPath)) {
      throw new UsageError(`cannot move ${path} aside: ${backupPath} already exists`, `move or delete ${backupPath} first; it holds a hook risk replaced earlier`);
    }
    await rename(path, backupPath);
  }
  await writeHookAtomically(path, renderHookScript(options.command));
  return { path, action: state === 'absent' ? 'installed' : state === 'ours' ? 'updated' : 'replaced' };
}

/**
 * Removes risk's pre-push hook and puts back a hook that a forced install moved aside.
 * A hook risk did not write is left alone and reported as a UsageError.
 */
export async function uninstallPrePushHook(cwd: string): Promise<HookResult> {
  const folder = await findHooksFolderOrThrow(cwd);
  const path = join(folder.path, 'pre-push');
  const state = await inspectHook(path);
  if (state === 'absent') return { path, action: 'not-installed' };
  if (state === 'foreign') {
    throw new UsageError(
      `${path} was not written by risk; leaving it alone`,
      'if you added risk through a hook manager (husky, lefthook, simple-git-hooks), remove the risk line from its config',
    );
  }
  await rm(path);
  const backupPath = join(folder.path, backupName);
  if (!(await exists(backupPath))) return { path, action: 'removed' };
  await rename(backupPath, path);
  return { path, action: 'restored' };
}

/**
 * The one line to add to husky (`.husky/pre-push`) or simple-git-hooks (`"pre-push": "..."`,
 * JSON-escaped) instead of installing. Both run it through sh with git's arguments and stdin.
 * lefthook runs `run:` without positional arguments: there, write `{1} {2}` for `"$1" "$2"`
 * and set `use_stdin: true`, or risk sees no pushed refs.
 */
export function hookManagerLine(command: string): string {
  return prePushInvocation(command);
}

/** A newline would end the `exec` line early and run the rest as a separate shell command. */
function assertUsableCommand(command: string): void {
  if (command.trim() === '' || /[\r\n]/.test(command)) {
    throw new UsageError('the command for the pre-push hook must be one non-empty line', 'this is a bug in how risk was invoked; please report it');
  }
}

async function inspectHook(path: string): Promise<HookState> {
  if (!(await exists(path))) return 'absent';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    // A dangling symlink, a directory or an unreadable file cannot be ours: treat it as the user's.
    return 'foreign';
  }
  return isRiskHook(text) ? 'ours' : 'foreign';
}

/** lstat, not stat: a dangling symlink named pre-push still occupies the name. */
async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Writes next to the target and renames over it, so a push never runs a half-written hook
 * and a symlinked pre-push is replaced rather than written through to a file outside the folder.
 */
async function writeHookAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.risk-tmp-${process.pid}`;
  try {
    await writeFile(temporary, text, { mode: 0o755 });
    // writeFile's mode is filtered through the umask; hooks must be executable or git skips them.
    await chmod(temporary, 0o755);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

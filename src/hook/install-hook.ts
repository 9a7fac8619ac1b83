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
 * One of risk's git hooks: its file name, where a replaced hook is parked, its script, how risk
 * recognises its own file, and how hints name the hook-manager line to use instead.
 */
export interface HookKind {
  name: 'pre-push' | 'pre-commit';
  backupName: string;
  render: (command: string) => string;
  isOurs: (text: string) => boolean;
  managerLine: (command: string) => string;
  /** Where hints say to add the manager line: after a machine-wide hooksPath, over a foreign hook, and on uninstall. */
  managerPlaces: { sharedScope: string; foreign: string; uninstall: string };
}

const prePushKind: HookKind = {
  name: 'pre-push',
  backupName,
  render: renderHookScript,
  isOurs: isRiskHook,
  managerLine: (command) => hookManagerLine(command),
  managerPlaces: { sharedScope: 'your hook manager', foreign: 'your hook manager (husky, lefthook, simple-git-hooks)', uninstall: 'a hook manager (husky, lefthook, simple-git-hooks)' },
};

/**
 * Installs risk as the repository's pre-push hook in the folder git really uses. Rewrites
 * an older risk hook; refuses to overwrite anyone else's hook unless `force`, which parks it
 * in `pre-push.risk-backup`. Touches nothing outside the hooks folder.
 */
export function installPrePushHook(options: InstallOptions): Promise<HookResult> {
  return installHook(prePushKind, options);
}

/**
 * Removes risk's pre-push hook and puts back a hook that a forced install moved aside.
 * A hook risk did not write is left alone and reported as a UsageError.
 */
export function uninstallPrePushHook(cwd: string): Promise<HookResult> {
  return uninstallHook(prePushKind, cwd);
}

/** Installs a hook of `kind`: never over someone else's hook (or into a machine-wide folder) unless `force`. */
export async function installHook(kind: HookKind, options: InstallOptions): Promise<HookResult> {
  assertUsableCommand(kind, options.command);
  const folder = await findHooksFolderOrThrow(options.cwd);
  const path = join(folder.path, kind.name);
  const managerLine = kind.managerLine(options.managerCommand ?? options.command);
  if (folder.sharedScope !== undefined && !options.force) {
    // A hook in a global or system hooksPath runs for every repository on the machine.
    throw new UsageError(
      `core.hooksPath from ${folder.sharedScope} git config points at ${folder.path}, which every repository uses`,
      `pass --force to install there anyway, or add this line to ${kind.managerPlaces.sharedScope}: ${managerLine}`,
    );
  }

  const state = await inspectHook(kind, path);
  if (state === 'foreign' && !options.force) {
    throw new UsageError(
      `${path} already exists and was not written by risk`,
      `pass --force to move it to ${kind.backupName} and install risk's hook, or add this line to ${kind.managerPlaces.foreign}: ${managerLine}`,
    );
  }

  await mkdir(folder.path, { recursive: true });
  if (state === 'foreign') {
    const backupPath = join(folder.path, kind.backupName);
    // An earlier forced install already parked a hook there; overwriting it would lose it for good.
    if (await exists(backupPath)) {
      throw new UsageError(`cannot move ${path} aside: ${backupPath} already exists`, `move or delete ${backupPath} first; it holds a hook risk replaced earlier`);
    }
    await rename(path, backupPath);
  }
  await writeHookAtomically(path, kind.render(options.command));
  return { path, action: state === 'absent' ? 'installed' : state === 'ours' ? 'updated' : 'replaced' };
}

/** Removes risk's hook of `kind` and puts back the hook a forced install moved aside. */
export async function uninstallHook(kind: HookKind, cwd: string): Promise<HookResult> {
  const folder = await findHooksFolderOrThrow(cwd);
  const path = join(folder.path, kind.name);
  const state = await inspectHook(kind, path);
  if (state === 'absent') return { path, action: 'not-installed' };
  if (state === 'foreign') {
    throw new UsageError(`${path} was not written by risk; leaving it alone`, `if you added risk through ${kind.managerPlaces.uninstall}, remove the risk line from its config`);
  }
  await rm(path);
  const backupPath = join(folder.path, kind.backupName);
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
function assertUsableCommand(kind: HookKind, command: string): void {
  if (command.trim() === '' || /[\r\n]/.test(command)) {
    throw new UsageError(`the command for the ${kind.name} hook must be one non-empty line`, 'this is a bug in how risk was invoked; please report it');
  }
}

async function inspectHook(kind: HookKind, path: string): Promise<HookState> {
  if (!(await exists(path))) return 'absent';
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    // A dangling symlink, a directory or an unreadable file cannot be ours: treat it as the user's.
    return 'foreign';
  }
  return kind.isOurs(text) ? 'ours' : 'foreign';
}

/** lstat, not stat: a dangling symlink named pre-push still occupies the name. */
export async function exists(path: string): Promise<boolean> {
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
export async function writeHookAtomically(path: string, text: string): Promise<void> {
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

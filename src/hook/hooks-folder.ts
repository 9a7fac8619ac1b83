import { readConfigScope, readGitPath } from '../git/queries.js';
import { isAbsolute, resolve } from 'node:path';
import { createGit } from '../git/git.js';
import { findRepositoryRootOrThrow } from '../git/refs.js';

/** Where git looks for this repository's hooks, and whether that folder is shared with other repositories. */
export interface HooksFolder {
  /** Absolute path of the folder git runs hooks from. */
  path: string;
  /** Set when `core.hooksPath` comes from global or system config, so a hook there runs for every repository. */
  sharedScope: 'global' | 'system' | undefined;
}

/**
 * Asks git for its hooks folder instead of assuming `.git/hooks`: `--git-path hooks`
 * follows `core.hooksPath`, linked worktrees and `$GIT_DIR`. Throws GitError outside a
 * repository or in a bare one. Never creates anything.
 */
export async function findHooksFolderOrThrow(cwd: string): Promise<HooksFolder> {
  const root = await findRepositoryRootOrThrow(createGit(cwd));
  // Asking from the top level makes a relative answer relative to it on every git version;
  // git also runs hooks from the top level, which is how it reads a relative core.hooksPath.
  const git = createGit(root);
  const gitPath = await readGitPath(git, 'hooks');
  const path = isAbsolute(gitPath) ? gitPath : resolve(root, gitPath);
  const scopeName = await readConfigScope(git, 'core.hooksPath');
  const sharedScope = scopeName === 'global' || scopeName === 'system' ? scopeName : undefined;
  return { path, sharedScope };
}

import { createGit } from './git.js';

/** The folder `cwd` is in, relative to the repository root (`packages/a/`), as git prints it. */
export async function readFolderPrefix(cwd: string): Promise<string> {
  return (await createGit(cwd).run(['rev-parse', '--show-prefix'])).trim();
}

/** Whether git ignores `path` (repo-relative); `check-ignore -q` exits 0 only for an ignored path. */
export async function isIgnoredByGit(root: string, path: string): Promise<boolean> {
  return (await createGit(root).tryRun(['check-ignore', '-q', path])) !== undefined;
}

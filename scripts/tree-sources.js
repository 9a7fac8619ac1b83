// The source files of one commit of the repository in the current folder, for the scripts that
// compare a reader with TypeScript on a real tree: read from git objects as risk reads them,
// 500 at a time, and let go after each chunk. Needs a build (`npm run build`).
import { createGit } from '../dist/git/git.js';
import { readCommitTree } from '../dist/git/tree-snapshot.js';
import { isSourceFile, isVendoredPath } from '../dist/shared/source-files.js';

/** Calls `visit(path, text)` for every readable source file of `rev` under 1 MB; returns how many sources the tree has. */
export async function forEachSource(rev, visit) {
  const git = createGit(process.cwd());
  const root = (await git.run(['rev-parse', '--show-toplevel'])).trim();
  const snapshot = await readCommitTree(createGit(root), (await git.run(['rev-parse', rev])).trim());
  const sources = snapshot.paths.filter((path) => isSourceFile(path) && !isVendoredPath(path));
  for (let start = 0; start < sources.length; start += 500) {
    const chunk = sources.slice(start, start + 500);
    await snapshot.loadTexts(chunk);
    for (const path of chunk) {
      const text = snapshot.files.get(path);
      if (text !== undefined && text.length <= 1_000_000) visit(path, text);
    }
    snapshot.forgetTexts?.(chunk);
  }
  return sources.length;
}

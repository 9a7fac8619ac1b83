import { posix } from 'node:path';
import { readFolderPrefix } from '../git/working-tree-facts.js';
import type { RiskReport } from '../shared/types.js';
import type { Io } from './io.js';
import { findPackageFolder, guessRunner, scopeTests } from './test-scope.js';

/**
 * `risk affected --tests`: the tests of the current folder's package on stdout (relative to
 * the folder, ready for `vitest run` / `jest` started here); those of other packages on stderr,
 * each package with the command that runs them there.
 */
export async function printTestsByPackage(reports: RiskReport[], cwd: string, io: Io, formatPaths: (paths: string[]) => string): Promise<void> {
  const prefix = await readFolderPrefix(cwd);
  const repoRoot = cwdRoot(cwd, prefix);
  const scope = scopeTests(reports, prefix, findPackageFolder(repoRoot, prefix));
  io.stdout(formatPaths(scope.here));
  if (scope.elsewhere.length === 0) return;
  const count = scope.elsewhere.reduce((sum, group) => sum + group.tests.length, 0);
  const lines = [`risk: ${count} affected test(s) in other packages, not run from here (or use --all-packages from the root):`];
  for (const group of scope.elsewhere) {
    const folder = posix.relative(prefix.replace(/\/+$/, ''), group.folder) || '.';
    lines.push(`  (cd ${quote(folder)} && ${guessRunner(repoRoot, group.folder)} ${group.tests.map(quote).join(' ')})`);
  }
  io.stderr(`${lines.join('\n')}\n`);
}

/** The repository root from the current folder and its prefix (`packages/a/` -> `../..`). */
function cwdRoot(cwd: string, prefix: string): string {
  const depth = prefix.split('/').filter(Boolean).length;
  return depth === 0 ? cwd : posix.join(cwd, ...Array<string>(depth).fill('..'));
}

/** Shell-quotes a path when it holds anything but safe characters. */
function quote(path: string): string {
  return /^[\w./@+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

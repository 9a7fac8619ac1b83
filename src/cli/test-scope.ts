import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { packageOf } from '../report/summary.js';
import { compareStrings } from '../shared/compare.js';
import type { RiskReport } from '../shared/types.js';

/** Affected tests split by where a test runner can run them. */
export interface TestScope {
  /** Tests of the package the command runs in, relative to the current folder. */
  here: string[];
  /** Tests of other packages: the folder (repo-relative, '' for the root) and its tests relative to it. */
  elsewhere: { folder: string; tests: string[] }[];
}

/**
 * Splits the affected tests of the reports by package: a runner started in a package folder
 * (vitest, jest) only finds the tests of that package, so those are printed relative to the
 * current folder and the others are grouped by their package folder. `cwdPrefix` is the
 * current folder relative to the repository root (git's show-prefix), `cwdPackage` the
 * folder of the package.json nearest to it.
 */
export function scopeTests(reports: RiskReport[], cwdPrefix: string, cwdPackage: string): TestScope {
  const here = new Set<string>();
  const elsewhere = new Map<string, Set<string>>();
  for (const report of reports) {
    for (const test of report.affectedTests) {
      const folder = packageOf(test, report.packages)?.folder ?? '';
      if (folder === cwdPackage) {
        here.add(posix.relative(cwdPrefix, test));
        continue;
      }
      const tests = elsewhere.get(folder) ?? new Set<string>();
      tests.add(folder === '' ? test : posix.relative(folder, test));
      elsewhere.set(folder, tests);
    }
  }
  return {
    here: [...here].sort(compareStrings),
    elsewhere: [...elsewhere].sort(([a], [b]) => compareStrings(a, b)).map(([folder, tests]) => ({ folder, tests: [...tests].sort(compareStrings) })),
  };
}

/** The repo-relative folder of the package.json nearest to `prefix` (walking up, the root included), '' for the root. */
export function findPackageFolder(root: string, prefix: string): string {
  let folder = prefix.replace(/\/+$/, '');
  while (folder !== '' && folder !== '.') {
    if (existsSync(join(root, folder, 'package.json'))) return folder;
    folder = posix.dirname(folder);
    if (folder === '.') folder = '';
  }
  return '';
}

/** `vitest run` or `jest` when the package (or the root) depends on one, else a placeholder for the runner. */
export function guessRunner(root: string, folder: string): string {
  for (const candidate of [folder, '']) {
    const manifest = readManifest(join(root, candidate, 'package.json'));
    if (manifest === undefined) continue;
    const names = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
    if (names.has('vitest')) return 'npx vitest run';
    if (names.has('jest')) return 'npx jest';
  }
  return '<test runner>';
}

function readManifest(path: string): { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed) : undefined;
  } catch {
    // No or unreadable package.json: nothing to guess from.
    return undefined;
  }
}

import picomatch from 'picomatch';
import { compareStrings } from '../shared/compare.js';
import { isSourceFile } from '../shared/source-files.js';
import type { AffectedFile, ChangedFile } from '../shared/types.js';

/**
 * Test files inside the blast radius: changed test files and affected files that match the
 * test globs. These are what `vitest related` / `jest --findRelatedTests` should run.
 */
export function findAffectedTests(changedFiles: ChangedFile[], affectedFiles: AffectedFile[], globs: string[]): string[] {
  const isTest = picomatch(globs, { dot: true });
  const candidates = [
    ...changedFiles.filter((file) => file.status !== 'deleted').map((file) => file.path),
    ...affectedFiles.map((file) => file.file),
  ];
  return [...new Set(candidates.filter((path) => isSourceFile(path) && isTest(path)))].sort(compareStrings);
}

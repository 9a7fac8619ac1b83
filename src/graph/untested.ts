import picomatch from 'picomatch';
import { compareStrings } from '../shared/compare.js';
import { isDeclarationFile, isSourceFile } from '../shared/source-files.js';

/**
 * Files among `candidates` that no test file reaches through imports, directly or through
 * other files. File-level on purpose: a test that imports a module exercises it, whatever
 * symbol it names; declaration files and tests themselves are not candidates.
 */
export function findUntestedFiles(importers: ReadonlyMap<string, ReadonlySet<string>>, allFiles: readonly string[], candidates: Iterable<string>, testGlobs: string[]): string[] {
  const isTest = picomatch(testGlobs, { dot: true });
  const wanted = [...new Set(candidates)].filter((file) => isSourceFile(file) && !isDeclarationFile(file) && !isTest(file));
  // A few candidates (a small change): look up from each through its importers for a test,
  // which visits their importers only; past a budget of one visit per file of the tree, one
  // walk down from every test is cheaper. Both give the same answer.
  let budget = allFiles.length;
  const untested: string[] = [];
  let reached: Set<string> | undefined;
  for (const file of wanted) {
    if (reached === undefined) {
      const found = findTestAbove(file, importers, (path) => isSourceFile(path) && isTest(path), budget);
      if (found !== undefined) {
        budget -= found.visits;
        if (!found.isTested) untested.push(file);
        continue;
      }
      reached = reachedFromTests(importers, allFiles, isTest);
    }
    if (!reached.has(file)) untested.push(file);
  }
  return untested.sort(compareStrings);
}

/** Whether a test imports `file`, directly or through other files; undefined when that takes more than `budget` visits. */
function findTestAbove(file: string, importers: ReadonlyMap<string, ReadonlySet<string>>, isTestFile: (path: string) => boolean, budget: number): { isTested: boolean; visits: number } | undefined {
  const seen = new Set<string>([file]);
  const stack = [file];
  let visits = 0;
  while (stack.length > 0) {
    for (const importer of importers.get(stack.pop() as string) ?? []) {
      if (isTestFile(importer)) return { isTested: true, visits };
      if (seen.has(importer)) continue;
      if (++visits > budget) return undefined;
      seen.add(importer);
      stack.push(importer);
    }
  }
  return { isTested: false, visits };
}

/** Every file some test file reaches through imports. */
function reachedFromTests(importers: ReadonlyMap<string, ReadonlySet<string>>, allFiles: readonly string[], isTest: (path: string) => boolean): Set<string> {
  const imports = new Map<string, string[]>();
  for (const [target, sources] of importers) {
    for (const source of sources) {
      const list = imports.get(source);
      if (list === undefined) imports.set(source, [target]);
      else list.push(target);
    }
  }
  const reached = new Set<string>();
  const stack = allFiles.filter((path) => isSourceFile(path) && isTest(path));
  while (stack.length > 0) {
    const file = stack.pop() as string;
    for (const target of imports.get(file) ?? []) {
      if (reached.has(target)) continue;
      reached.add(target);
      stack.push(target);
    }
  }
  return reached;
}

import picomatch from 'picomatch';
import { compareStrings } from '../shared/compare.js';
import { isSourceFile } from '../shared/source-files.js';

/**
 * Files among `candidates` that no test file reaches through imports, directly or through
 * other files. File-level on purpose: a test that imports a module exercises it, whatever
 * symbol it names; declaration files and tests themselves are not candidates.
 */
export function findUntestedFiles(importers: ReadonlyMap<string, ReadonlySet<string>>, allFiles: readonly string[], candidates: Iterable<string>, testGlobs: string[]): string[] {
  const isTest = picomatch(testGlobs, { dot: true });
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
  const untested = new Set<string>();
  for (const file of candidates) {
    if (!isSourceFile(file) || file.endsWith('.d.ts') || /\.d\.[mc]ts$/.test(file) || isTest(file) || reached.has(file)) continue;
    untested.add(file);
  }
  return [...untested].sort(compareStrings);
}

import type { RepoFiles } from '../graph/repo-files.js';
import { isDeclarationFile } from '../shared/source-files.js';
import { starMatch } from '../shared/star-pattern.js';
/** `declare module 'name'` (a block or a shorthand): the name, in group 2. */
const ambientModule = /\bdeclare\s+module\s+(['"])([^'"\n]+)\1/g;

/**
 * Module names declared by `declare module 'astro:content' { ... }` in the declaration files
 * given, with the files that declare each. Such a module is no file and no package: an import of
 * it is an unresolved-import unknown (its code comes from a bundler plugin, a runtime, a
 * platform), but its types, and often its exports (`export { defineCollection } from
 * 'astro/content/config'`), come from the declaring file. Patterns (`'*?raw'`,
 * `'virtual:app-*'`) hold one `*`, as TypeScript matches them.
 */
export function ambientModuleDeclarers(files: Pick<RepoFiles, 'readText'>, candidates: Iterable<string>): (specifier: string) => string[] {
  const declared: [name: string, file: string][] = [];
  for (const file of [...new Set(candidates)].filter(isDeclarationFile).sort()) {
    const text = files.readText(file);
    if (text === undefined || !text.includes('module')) continue;
    for (const match of text.matchAll(ambientModule)) {
      const name = match[2] as string;
      // A relative name is an augmentation of a file, not a module of its own.
      if (!name.startsWith('.')) declared.push([name, file]);
    }
  }
  return (specifier) => [...new Set(declared.filter(([name]) => starMatch(name, specifier) !== undefined).map(([, file]) => file))];
}

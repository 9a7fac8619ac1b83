import type { RepoFiles } from '../graph/repo-files.js';

/** A declaration file: where `declare module 'name' { ... }` declares a module of that name. */
const declarationFile = /\.d\.[mc]?ts$/;
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
  for (const file of [...new Set(candidates)].filter((path) => declarationFile.test(path)).sort()) {
    const text = files.readText(file);
    if (text === undefined || !text.includes('module')) continue;
    for (const match of text.matchAll(ambientModule)) {
      const name = match[2] as string;
      // A relative name is an augmentation of a file, not a module of its own.
      if (!name.startsWith('.')) declared.push([name, file]);
    }
  }
  return (specifier) => [...new Set(declared.filter(([name]) => matchesModuleName(name, specifier)).map(([, file]) => file))];
}

function matchesModuleName(name: string, specifier: string): boolean {
  const star = name.indexOf('*');
  if (star < 0) return name === specifier;
  const prefix = name.slice(0, star);
  const suffix = name.slice(star + 1);
  return specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
}

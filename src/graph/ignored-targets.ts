import { posix } from 'node:path';
import type Ignore from 'ignore';
import { lazyRequire } from '../shared/lazy-require.js';
import type { Unknown } from '../shared/types.js';
import type { RepoFiles } from './repo-files.js';
import { aliasTargets } from './resolve-module.js';
import type { ResolutionConfig } from './tsconfig.js';

const loadIgnore = lazyRequire<typeof Ignore>('ignore');

/**
 * What a missing module may be written as on disk: the path itself, or with an extension. Not a
 * folder's index file: an unanchored `index.js` line (compiled output beside sources) would call
 * any missing folder git-ignored.
 */
const onDisk = ['', '.ts', '.tsx', '.mts', '.d.ts', '.js', '.jsx', '.mjs'];

/**
 * Adds to the reason of an import whose target is missing (a relative path, or a `paths` alias
 * that matched) that the target is git-ignored, when a .gitignore of the tree says so: a file a
 * tool generates or a build writes (TanStack Router's `./routeTree.gen`, Payload's
 * `../importMap.js`, shadcn's `@/styles/*`), so it is not in the analysed commit. It stays an
 * unknown; only its reason changes. Worked out on every run from the head tree (never cached),
 * so cold and warm runs say the same.
 */
export async function explainIgnoredTargets(unknowns: Unknown[], files: Pick<RepoFiles, 'readOtherTexts' | 'root'>, treePaths: readonly string[], configFor: (file: string) => ResolutionConfig): Promise<Unknown[]> {
  const targets = unknowns.map((unknown) => (unknown.kind === 'unresolved-import' && unknown.specifier !== null ? missingTargets(unknown, files, configFor) : []));
  if (targets.every((list) => list.length === 0)) return unknowns;
  // Only the .gitignore files of the targets' own folders (and of a target as a folder), read together.
  const present = new Set(treePaths.filter((path) => path === '.gitignore' || path.endsWith('/.gitignore')));
  const wanted = new Set<string>();
  for (const target of targets.flat()) for (const gitignore of gitignoresAbove(`${target}/-`)) if (present.has(gitignore)) wanted.add(gitignore);
  const ignoredBy = createGitIgnoreMatcher(await files.readOtherTexts([...wanted].sort()));
  const memo = new Map<string, { path: string; gitignore: string } | undefined>();
  return unknowns.map((unknown, index) => {
    for (const target of targets[index] ?? []) {
      if (!memo.has(target)) memo.set(target, ignoredForm(target, ignoredBy));
      const found = memo.get(target);
      if (found === undefined) continue;
      // A path into node_modules is an installed package, not something the project builds.
      const what = /(?:^|\/)node_modules\//.test(target) ? 'an installed package' : 'generated or built';
      return { ...unknown, reason: `${unknown.reason}; ${found.path} is git-ignored (${found.gitignore}): ${what}, so not in the analysed commit` };
    }
    return unknown;
  });
}

/** The first form of `target` on disk that a .gitignore ignores, and which one. */
function ignoredForm(target: string, ignoredBy: (path: string) => string | undefined): { path: string; gitignore: string } | undefined {
  for (const suffix of onDisk) {
    const gitignore = ignoredBy(target + suffix);
    if (gitignore !== undefined) return { path: target + suffix, gitignore };
  }
  return undefined;
}

/** The .gitignore paths that apply to a repo-relative path: one in each folder above it, the root's first. */
function gitignoresAbove(path: string): string[] {
  const segments = path.split('/');
  return segments.map((_, depth) => (depth === 0 ? '.gitignore' : `${segments.slice(0, depth).join('/')}/.gitignore`));
}

/** The repo-relative paths a missing import meant, for the two reasons that say it is missing. */
function missingTargets(unknown: Unknown, files: Pick<RepoFiles, 'root'>, configFor: (file: string) => ResolutionConfig): string[] {
  const specifier = unknown.specifier ?? '';
  if (unknown.reason.startsWith('no such file in the repository') && specifier.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(unknown.file), specifier.split('?')[0] ?? specifier));
    return target.startsWith('..') ? [] : [target];
  }
  if (unknown.reason.startsWith('path alias matched but no file found')) {
    return aliasTargets(specifier, configFor(unknown.file).options)
      .map((path) => posix.relative(files.root, path))
      .filter((path) => path !== '' && !path.startsWith('..'));
  }
  return [];
}

/** The .gitignore (of `texts`, by path) that ignores a repo-relative path, if any: each applies below its own folder. */
function createGitIgnoreMatcher(texts: ReadonlyMap<string, string>): (path: string) => string | undefined {
  const ignore = loadIgnore();
  const rules = new Map([...texts].map(([path, text]) => [path, ignore().add(text)]));
  return (path) => {
    const segments = path.split('/');
    for (const [depth, gitignore] of gitignoresAbove(path).entries()) {
      const matcher = rules.get(gitignore);
      if (matcher === undefined) continue;
      try {
        if (matcher.ignores(segments.slice(depth).join('/'))) return gitignore;
      } catch {
        // a path `ignore` refuses to judge: no note, the reason stays as it was
      }
    }
    return undefined;
  };
}

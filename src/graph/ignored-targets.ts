import { posix } from 'node:path';
import type Ignore from 'ignore';
import { lazyRequire } from '../shared/lazy-require.js';
import type { Unknown } from '../shared/types.js';
import type { RepoFiles } from './repo-files.js';
import { aliasTargets } from './resolve-module.js';
import type { ResolutionConfig } from './tsconfig.js';

const loadIgnore = lazyRequire<typeof Ignore>('ignore');

/** What a missing module may be written as on disk: the path itself, or with an extension or an index file. */
const onDisk = ['', '.ts', '.tsx', '.mts', '.d.ts', '.js', '.jsx', '.mjs', '/index.ts', '/index.tsx', '/index.js'];

/**
 * Adds to the reason of an import whose target is missing (a relative path, or a `paths` alias
 * that matched) that the target is git-ignored, when a .gitignore of the tree says so: a file a
 * tool generates or a build writes (TanStack Router's `./routeTree.gen`, Payload's
 * `../importMap.js`, shadcn's `@/styles/*`), so it is not in the analysed commit. It stays an
 * unknown; only its reason changes. Worked out on every run from the head tree (never cached),
 * so cold and warm runs say the same.
 */
export function explainIgnoredTargets(unknowns: Unknown[], files: Pick<RepoFiles, 'readText' | 'root' | 'toRepoPath'>, treePaths: readonly string[], configFor: (file: string) => ResolutionConfig): Unknown[] {
  let ignoredBy: ((path: string) => string | undefined) | undefined;
  const memo = new Map<string, string | undefined>();
  return unknowns.map((unknown) => {
    if (unknown.kind !== 'unresolved-import' || unknown.specifier === null) return unknown;
    const targets = missingTargets(unknown, files, configFor);
    if (targets.length === 0) return unknown;
    ignoredBy ??= createGitIgnoreMatcher(files, treePaths);
    for (const target of targets) {
      if (!memo.has(target)) memo.set(target, onDisk.map((suffix) => ignoredBy?.(target + suffix)).find((file) => file !== undefined));
      const gitignore = memo.get(target);
      if (gitignore !== undefined) return { ...unknown, reason: `${unknown.reason}; ${target} is git-ignored (${gitignore}): generated or built, so not in the analysed commit` };
    }
    return unknown;
  });
}

/** The repo-relative paths a missing import meant, for the two reasons that say it is missing. */
function missingTargets(unknown: Unknown, files: Pick<RepoFiles, 'root' | 'toRepoPath'>, configFor: (file: string) => ResolutionConfig): string[] {
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

/**
 * The .gitignore (repo-relative) that ignores a repo-relative path, if any: each one applies below
 * its own folder. Only the .gitignore files of a path's own folders are read, each once (a
 * monorepo has dozens, and each read outside the batch costs a git process).
 */
function createGitIgnoreMatcher(files: Pick<RepoFiles, 'readText'>, treePaths: readonly string[]): (path: string) => string | undefined {
  const ignore = loadIgnore();
  const present = new Set(treePaths.filter((path) => path === '.gitignore' || path.endsWith('/.gitignore')));
  const loaded = new Map<string, ReturnType<typeof ignore>>();
  const rulesOf = (gitignore: string): ReturnType<typeof ignore> => {
    let rules = loaded.get(gitignore);
    if (rules === undefined) {
      rules = ignore().add(files.readText(gitignore) ?? '');
      loaded.set(gitignore, rules);
    }
    return rules;
  };
  return (path) => {
    const segments = path.split('/');
    for (let depth = 0; depth < segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      const gitignore = folder === '' ? '.gitignore' : `${folder}/.gitignore`;
      if (!present.has(gitignore)) continue;
      try {
        if (rulesOf(gitignore).ignores(segments.slice(depth).join('/'))) return gitignore;
      } catch {
        // a path `ignore` refuses to judge: no note, the reason stays as it was
      }
    }
    return undefined;
  };
}

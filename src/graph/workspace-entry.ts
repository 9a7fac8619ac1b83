import { posix } from 'node:path';
import { isDeclarationFile, isSourceFile } from '../shared/source-files.js';
import { underBuildFolder, type RepoFiles } from './repo-files.js';

/**
 * Last resort for a workspace import TypeScript could not resolve with the importer's
 * conditions (e.g. an `exports` map whose source entry sits under a custom condition such as
 * `"@org/source"`, and whose other targets are not built): every target the `exports` entry
 * names, under any condition, then `types`/`module`/`main`, mapped to sources; the first that
 * is a repository source file wins. A package importing one of its files is certainly using it.
 */
export function findWorkspaceEntry(files: RepoFiles, packageDirectory: string, subpath: string): string | undefined {
  const manifest = packageManifest(files, packageDirectory);
  if (manifest === undefined) return undefined;
  const candidates = [...targetsOf(manifest.exports, subpath)];
  if (subpath === '.') candidates.push(...[manifest.types, manifest.typings, manifest.module, manifest.main].filter((entry): entry is string => typeof entry === 'string'));
  if (subpath !== '.') candidates.push(subpath);
  // Conventional source folders last: a package whose entries all point at build output
  // (or at a JS shim that requires it) still has its sources there.
  candidates.push(subpath === '.' ? 'src/index' : posix.join('src', subpath));
  const found = candidates
    .map((target) => resolveTarget(files, posix.normalize(posix.join(packageDirectory, target))))
    .filter((path): path is string => path !== undefined);
  return found.find((path) => /\.[mc]?tsx?$/.test(path) && !isDeclarationFile(path)) ?? found[0];
}

/**
 * Whether a workspace package's `exports` maps `subpath` to a repository file that is no module
 * TypeScript resolves (`./debug` -> `./components/Debug.astro`, `./styles/*` -> a stylesheet):
 * importing it loads an asset, not an unresolved module.
 */
export function exportsNonModuleFile(files: RepoFiles, packageDirectory: string, subpath: string): boolean {
  const manifest = packageManifest(files, packageDirectory);
  if (manifest === undefined) return false;
  return [...targetsOf(manifest.exports, subpath)].some((target) => {
    const path = posix.normalize(posix.join(packageDirectory, target));
    return !isSourceFile(path) && files.exists(path);
  });
}

/** Files a module import loads as a resource: styles, images, fonts. None can import a module. */
const staticAsset = /\.(?:css|scss|sass|less|styl|pcss|svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|eot)$/i;

/**
 * The file a workspace package's `exports` maps `subpath` to when every target, under every
 * condition, is a stylesheet, image or font (`./index.css` -> `./dist/prod/index.css`): what
 * the import loads then is a build product of no module, whether or not it is built yet.
 */
export function exportedStaticAsset(files: RepoFiles, packageDirectory: string, subpath: string): string | undefined {
  const manifest = packageManifest(files, packageDirectory);
  if (manifest === undefined) return undefined;
  const targets = [...selectedTargets(manifest.exports, subpath)];
  if (targets.length === 0 || !targets.every((target) => staticAsset.test(target))) return undefined;
  return posix.normalize(posix.join(packageDirectory, targets[0] ?? ''));
}

/**
 * The repository file a workspace package's `exports` maps `subpath` to (as Node would choose
 * the key) when it is a file of the tree but no module (`./onboarding.zip` ->
 * `./onboarding/onboarding.zip`): the import loads that file, an asset.
 */
export function exportedRepositoryAsset(files: Pick<RepoFiles, 'readText' | 'exists'>, packageDirectory: string, subpath: string): string | undefined {
  const manifest = packageManifest(files, packageDirectory);
  if (manifest === undefined) return undefined;
  for (const target of selectedTargets(manifest.exports, subpath)) {
    const path = posix.normalize(posix.join(packageDirectory, target));
    if (target.startsWith('./') && !isSourceFile(path) && files.exists(path)) return path;
  }
  return undefined;
}

/**
 * The repository file the package.json `imports` map of `packageDirectory` sends a `#specifier`
 * to (`#lib/*` -> `./src/lib/*`), if there is one: where TypeScript found no module (a font, a
 * stylesheet), the import loads that file.
 */
export function importsMapFile(files: RepoFiles, packageDirectory: string, specifier: string): string | undefined {
  const manifest = packageManifest(files, packageDirectory);
  if (manifest?.imports === null || typeof manifest?.imports !== 'object') return undefined;
  for (const target of selectedTargets(manifest.imports, specifier)) {
    const path = posix.normalize(posix.join(packageDirectory, target));
    if (target.startsWith('./') && files.exists(path)) return path;
  }
  return undefined;
}

/** The source file a repo-relative path names, with TypeScript's and Node's extensions and index files tried. */
export function resolveTarget(files: RepoFiles, path: string): string | undefined {
  for (const candidate of [path, ...['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '/index.ts', '/index.tsx', '/index.js'].map((suffix) => path + suffix)]) {
    const repoPath = files.toRepoPath(files.absolute(candidate));
    if (repoPath !== undefined && isSourceFile(repoPath)) return repoPath;
  }
  return undefined;
}

/** Every string target for `subpath` in an `exports` value, whatever the conditions. */
function* targetsOf(exports: unknown, subpath: string): Generator<string> {
  if (typeof exports === 'string') {
    if (subpath === '.') yield exports;
    return;
  }
  if (exports === null || typeof exports !== 'object') return;
  const entries = Object.entries(exports as Record<string, unknown>);
  const isSubpathMap = entries.some(([key]) => key.startsWith('.') || key.startsWith('#'));
  if (!isSubpathMap) {
    if (subpath === '.') yield* allStrings(exports);
    return;
  }
  for (const [key, value] of entries) {
    if (key === subpath) yield* allStrings(value);
    const star = key.indexOf('*');
    if (star >= 0 && subpath.startsWith(key.slice(0, star)) && subpath.endsWith(key.slice(star + 1))) {
      const match = subpath.slice(star, subpath.length - (key.length - star - 1));
      for (const target of allStrings(value)) yield target.replace('*', match);
    }
  }
}

/**
 * The targets Node itself would choose among for `subpath` (under any condition): the entry of
 * that exact key, else of the matching pattern with the longest part before its `*`. The same
 * for a `#specifier` in an `imports` map.
 */
function* selectedTargets(exports: unknown, subpath: string): Generator<string> {
  const entries = exports !== null && typeof exports === 'object' && !Array.isArray(exports) ? (exports as Record<string, unknown>) : undefined;
  if (entries === undefined || !Object.keys(entries).some((key) => key.startsWith('.') || key.startsWith('#'))) {
    yield* targetsOf(exports, subpath);
    return;
  }
  if (Object.hasOwn(entries, subpath)) {
    yield* allStrings(entries[subpath]);
    return;
  }
  const patterns = Object.keys(entries).filter((key) => {
    // Node's rule: one `*`, matching at least one character.
    const star = key.indexOf('*');
    return star >= 0 && key.indexOf('*', star + 1) < 0 && subpath.length >= key.length && subpath.startsWith(key.slice(0, star)) && subpath.endsWith(key.slice(star + 1));
  });
  const best = patterns.sort((a, b) => b.indexOf('*') - a.indexOf('*') || b.length - a.length)[0];
  if (best !== undefined) yield* targetsOf({ [best]: entries[best] }, subpath);
}

/**
 * Why a workspace import found no entry: what the package's `exports` maps the path to (under
 * Node's choice of key) and that none of it is a file here or maps back to a source.
 */
export function missingEntryReason(files: Pick<RepoFiles, 'readText'>, packageName: string, packageDirectory: string, subpath: string): string {
  const exports = packageManifest(files, packageDirectory)?.exports;
  if (exports === undefined || exports === null) {
    const place = subpath === '.' ? 'no main, types or src/index file' : `no ${subpath.slice(2)} file or source in the package (a build output?)`;
    return `workspace package ${packageName} has no entry point for this path: its package.json has no exports, and there is ${place}`;
  }
  const targets = [...new Set(selectedTargets(exports, subpath))];
  if (targets.length === 0) return `workspace package ${packageName} does not export ${subpath} (no such key in its package.json exports)`;
  const shown = targets.length > 2 ? `${targets.slice(0, 2).join(', ')} and ${targets.length - 2} more` : targets.join(', ');
  const guess = targets.some((target) => underBuildFolder.test(target)) ? 'an unbuilt output?' : 'generated, or added by a tool?';
  return `workspace package ${packageName} exports ${subpath} as ${shown}: not in the repository (${guess}) and no source file maps to it`;
}

/** Every string in an `exports` value (targets under any condition, in arrays too), in order. */
export function* allStrings(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* allStrings(item);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) yield* allStrings(item);
}

/** The package.json fields module resolution and the public-API signal read; all unchecked. */
export interface Manifest {
  name?: unknown;
  version?: unknown;
  dependencies?: unknown;
  devDependencies?: unknown;
  optionalDependencies?: unknown;
  /** Yarn's, npm's and pnpm's ways to force a version (resolve-module.ts' installsFromRegistry). */
  resolutions?: unknown;
  overrides?: unknown;
  pnpm?: unknown;
  private?: unknown;
  exports?: unknown;
  imports?: unknown;
  types?: unknown;
  typings?: unknown;
  module?: unknown;
  main?: unknown;
}

/** The package.json of a package folder of the tree ('' for the root), or undefined when missing or no JSON object. */
export function packageManifest(files: Pick<RepoFiles, 'readText'>, packageDirectory: string): Manifest | undefined {
  return readManifest(files.readText(posix.join(packageDirectory, 'package.json')));
}

/** A package.json's fields, or undefined when it is not a JSON object. */
export function readManifest(text: string | undefined): Manifest | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

import { posix } from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { loadTypeScript, ts } from '../symbols/typescript.js';

/** Folder listing as TypeScript's file matcher wants it; both lists sorted (see indexDirectories). */
export interface DirectoryEntries {
  files: string[];
  directories: string[];
}

/**
 * `include` matches only these extensions (TypeScript's, JavaScript's, and JSON for explicit
 * `*.json` patterns); a case-insensitive superset of them.
 */
const listableFile = /\.(?:[cm]?[jt]sx?|json)$/i;

/** A path `include` could match (see listableFile): the only paths the listing looks at. */
export function isListablePath(path: string): boolean {
  return listableFile.test(path);
}

/**
 * Absolute folder -> its files and subfolders (names only, sorted the way TypeScript sorts them),
 * for every folder of the tree that holds a file `include` could match: the matcher never
 * returns other files, and a medusa-sized tree has thousands of documentation pages it would
 * otherwise sort and skip once per config.
 */
export function indexDirectories(root: string, paths: readonly string[]): Map<string, DirectoryEntries> {
  const index = new Map<string, DirectoryEntries>();
  const entriesOf = (directory: string): DirectoryEntries => {
    let found = index.get(directory);
    if (found === undefined) {
      found = { files: [], directories: [] };
      index.set(directory, found);
      if (directory !== root) entriesOf(posix.dirname(directory)).directories.push(posix.basename(directory));
    }
    return found;
  };
  for (const path of paths) {
    if (!listableFile.test(path)) continue;
    const absolute = `${root}/${path}`;
    entriesOf(posix.dirname(absolute)).files.push(posix.basename(absolute));
  }
  // Code-unit order, as TypeScript's compareStringsCaseSensitive: its matcher then sorts sorted lists.
  for (const entries of index.values()) {
    entries.files.sort();
    entries.directories.sort();
  }
  return index;
}

/** TypeScript's validated `files`/`include`/`exclude` of a parsed config (`configFileSpecs`, internal). */
interface ConfigFileSpecs {
  validatedFilesSpec?: readonly string[] | undefined;
  validatedIncludeSpecs?: readonly string[] | undefined;
  validatedExcludeSpecs?: readonly string[] | undefined;
}

/** The internal helpers of TypeScript this port calls; checked at runtime. */
interface Internals {
  getFileMatcherPatterns(path: string, excludes: readonly string[] | undefined, includes: readonly string[] | undefined, useCaseSensitiveFileNames: boolean, currentDirectory: string): {
    includeFilePatterns: readonly string[] | undefined;
    includeDirectoryPattern: string | undefined;
    excludePattern: string | undefined;
    basePaths: readonly string[];
  };
  getRegexFromPattern(pattern: string, useCaseSensitiveFileNames: boolean): RegExp;
  getRegularExpressionsForWildcards(specs: readonly string[], basePath: string, usage: 'files'): readonly string[] | undefined;
  getSupportedExtensions(options: Ts.CompilerOptions, extraFileExtensions: readonly unknown[]): readonly (readonly string[])[];
  getSupportedExtensionsWithJsonIfResolveJsonModule(options: Ts.CompilerOptions, supported: readonly (readonly string[])[]): readonly (readonly string[])[];
  normalizePath(path: string): string;
  getNormalizedAbsolutePath(path: string, currentDirectory: string): string;
  combinePaths(path: string, ...paths: string[]): string;
}

const internalNames: (keyof Internals)[] = [
  'getFileMatcherPatterns',
  'getRegexFromPattern',
  'getRegularExpressionsForWildcards',
  'getSupportedExtensions',
  'getSupportedExtensionsWithJsonIfResolveJsonModule',
  'normalizePath',
  'getNormalizedAbsolutePath',
  'combinePaths',
];

/** What changeExtension strips, in TypeScript's order (its `extensionsToRemove`). */
const extensionsToRemove = ['.d.ts', '.d.mts', '.d.cts', '.mjs', '.mts', '.cjs', '.cts', '.ts', '.js', '.tsx', '.jsx', '.json'];

/** Lists the files a parsed config selects; undefined when this compiler lacks the internals the port needs. */
export type ConfigLister = (specs: unknown, basePath: string, options: Ts.CompilerOptions) => string[] | undefined;

/**
 * TypeScript's getFileNamesFromConfigSpecs with its matchFiles walk, for a case-sensitive tree
 * whose folders are `index`, ported line by line (same regular expressions from TypeScript's own
 * builders, same visiting order, same extension priorities) but without its per-file path
 * helpers: listing every config of a monorepo is most of the cost of loading its tsconfigs. A
 * test compares the two on fixtures of every kind of pattern.
 */
export function createConfigLister(root: string, index: () => ReadonlyMap<string, DirectoryEntries>): ConfigLister {
  loadTypeScript();
  const internals = ts as unknown as Partial<Internals>;
  if (internalNames.some((name) => typeof internals[name] !== 'function')) return () => undefined;
  const helpers = internals as Internals;
  // Configs of one package (tsconfig.json, tsconfig.build.json...) often match one folder the same way.
  const walks = new Map<string, readonly string[]>();
  const walk: Walk = (path, extensions, excludes, includes) => {
    const key = JSON.stringify([path, extensions, excludes ?? null, includes]);
    let found = walks.get(key);
    if (found === undefined) {
      found = matchFiles(helpers, root, index, path, extensions, excludes, includes);
      walks.set(key, found);
    }
    return found;
  };
  return (specs, basePath, options) => (typeof specs === 'object' && specs !== null ? listSpecFiles(helpers, walk, specs, basePath, options) : undefined);
}

type Walk = (path: string, extensions: readonly string[], excludes: readonly string[] | undefined, includes: readonly string[]) => readonly string[];

function listSpecFiles(helpers: Internals, walk: Walk, specs: ConfigFileSpecs, rawBasePath: string, options: Ts.CompilerOptions): string[] {
  const basePath = helpers.normalizePath(rawBasePath);
  const literalFiles = new Map<string, string>();
  const wildcardFiles = new Map<string, string>();
  const wildcardJsonFiles = new Map<string, string>();
  const { validatedFilesSpec, validatedIncludeSpecs, validatedExcludeSpecs } = specs;
  const supported = helpers.getSupportedExtensions(options, []);
  const withJson = helpers.getSupportedExtensionsWithJsonIfResolveJsonModule(options, supported);
  if (validatedFilesSpec) {
    for (const fileName of validatedFilesSpec) {
      const file = helpers.getNormalizedAbsolutePath(fileName, basePath);
      literalFiles.set(file, file);
    }
  }
  let jsonOnlyIncludes: RegExp[] | undefined;
  if (validatedIncludeSpecs && validatedIncludeSpecs.length > 0) {
    for (const file of walk(basePath, withJson.flat(), validatedExcludeSpecs, validatedIncludeSpecs)) {
      if (fileExtensionIs(file, '.json')) {
        if (jsonOnlyIncludes === undefined) {
          const includes = validatedIncludeSpecs.filter((spec) => spec.endsWith('.json'));
          const patterns = helpers.getRegularExpressionsForWildcards(includes, basePath, 'files')?.map((pattern) => `^${pattern}$`);
          jsonOnlyIncludes = patterns ? patterns.map((pattern) => helpers.getRegexFromPattern(pattern, true)) : [];
        }
        if (jsonOnlyIncludes.some((regex) => regex.test(file)) && !literalFiles.has(file) && !wildcardJsonFiles.has(file)) wildcardJsonFiles.set(file, file);
        continue;
      }
      if (hasFileWithHigherPriorityExtension(file, literalFiles, wildcardFiles, supported)) continue;
      removeWildcardFilesWithLowerPriorityExtension(file, wildcardFiles, supported);
      if (!literalFiles.has(file) && !wildcardFiles.has(file)) wildcardFiles.set(file, file);
    }
  }
  return [...literalFiles.values(), ...wildcardFiles.values(), ...wildcardJsonFiles.values()];
}

/** TypeScript's matchFiles with a case-sensitive host, identity realpath and no depth limit. */
function matchFiles(helpers: Internals, root: string, index: () => ReadonlyMap<string, DirectoryEntries>, rawPath: string, extensions: readonly string[], excludes: readonly string[] | undefined, includes: readonly string[]): string[] {
  const path = helpers.normalizePath(rawPath);
  const currentDirectory = helpers.normalizePath(root);
  const patterns = helpers.getFileMatcherPatterns(path, excludes, includes, true, currentDirectory);
  const includeFileRegexes = patterns.includeFilePatterns?.map((pattern) => helpers.getRegexFromPattern(pattern, true));
  const includeDirectoryRegex = patterns.includeDirectoryPattern ? helpers.getRegexFromPattern(patterns.includeDirectoryPattern, true) : undefined;
  const excludeRegex = patterns.excludePattern ? helpers.getRegexFromPattern(patterns.excludePattern, true) : undefined;
  const results: string[][] = includeFileRegexes ? includeFileRegexes.map(() => []) : [[]];
  const visited = new Set<string>();
  const folders = index();
  const combine = (directory: string, name: string): string =>
    // combinePaths, without its checks where they cannot apply: a name with no separator and no
    // drive colon is appended (`C:` alone would be a root of its own).
    directory !== '' && !name.includes('\\') && !name.includes(':') && !directory.includes('\\') ? (directory.endsWith('/') ? directory + name : `${directory}/${name}`) : helpers.combinePaths(directory, name);
  const visit = (directory: string, absolute: string): void => {
    if (visited.has(absolute)) return;
    visited.add(absolute);
    const entries = folders.get(directory.endsWith('/') ? directory.slice(0, -1) : directory);
    if (entries === undefined) return;
    for (const current of entries.files) {
      const name = combine(directory, current);
      const absoluteName = combine(absolute, current);
      if (!extensions.some((extension) => fileExtensionIs(name, extension))) continue;
      if (excludeRegex?.test(absoluteName) === true) continue;
      if (!includeFileRegexes) {
        results[0]?.push(name);
      } else {
        const includeIndex = includeFileRegexes.findIndex((regex) => regex.test(absoluteName));
        if (includeIndex !== -1) results[includeIndex]?.push(name);
      }
    }
    for (const current of entries.directories) {
      const name = combine(directory, current);
      const absoluteName = combine(absolute, current);
      if ((!includeDirectoryRegex || includeDirectoryRegex.test(absoluteName)) && !(excludeRegex?.test(absoluteName) === true)) visit(name, absoluteName);
    }
  };
  for (const basePath of patterns.basePaths) visit(basePath, helpers.combinePaths(currentDirectory, basePath));
  return results.flat();
}

function fileExtensionIs(path: string, extension: string): boolean {
  return path.length > extension.length && path.endsWith(extension);
}

/** The first extension group the file ends with an extension of (TypeScript's `forEach` over groups). */
function extensionGroupOf(file: string, groups: readonly (readonly string[])[]): readonly string[] | undefined {
  return groups.find((group) => group.some((extension) => fileExtensionIs(file, extension)));
}

/** TypeScript's changeExtension: the first of extensionsToRemove the path ends with (after a dot) is replaced. */
function changeExtension(path: string, extension: string): string {
  for (const candidate of extensionsToRemove) {
    if (path.length >= candidate.length && path.charCodeAt(path.length - candidate.length) === 46 && path.endsWith(candidate)) return path.slice(0, path.length - candidate.length) + extension;
  }
  return path;
}

function hasFileWithHigherPriorityExtension(file: string, literalFiles: ReadonlyMap<string, string>, wildcardFiles: ReadonlyMap<string, string>, groups: readonly (readonly string[])[]): boolean {
  const group = extensionGroupOf(file, groups);
  if (!group) return false;
  for (const extension of group) {
    if (fileExtensionIs(file, extension) && (extension !== '.ts' || !fileExtensionIs(file, '.d.ts'))) return false;
    const higherPriorityPath = changeExtension(file, extension);
    if (literalFiles.has(higherPriorityPath) || wildcardFiles.has(higherPriorityPath)) {
      if (extension === '.d.ts' && (fileExtensionIs(file, '.js') || fileExtensionIs(file, '.jsx'))) continue;
      return true;
    }
  }
  return false;
}

function removeWildcardFilesWithLowerPriorityExtension(file: string, wildcardFiles: Map<string, string>, groups: readonly (readonly string[])[]): void {
  const group = extensionGroupOf(file, groups);
  if (!group) return;
  for (let index = group.length - 1; index >= 0; index--) {
    const extension = group[index] ?? '';
    if (fileExtensionIs(file, extension)) return;
    wildcardFiles.delete(changeExtension(file, extension));
  }
}

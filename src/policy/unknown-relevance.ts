import { posix } from 'node:path';
import picomatch from 'picomatch';
import { buildFolders, type RepoFiles } from '../graph/repo-files.js';
import { ambientModuleDeclarers } from './ambient-modules.js';
import { frameworkModuleSource } from '../graph/framework-aliases.js';
import { selfLoopReason } from '../graph/resolve-module.js';
import { globPatterns } from '../graph/module-globs.js';
import type { ResolutionConfig } from '../graph/tsconfig.js';
import { isSourceFile } from '../shared/source-files.js';
import type { Unknown } from '../shared/types.js';
import { createPackageFolderLookup } from '../shared/package-folders.js';
import { toPackageName } from '../shared/package-name.js';
import { toRepoRelative } from '../shared/repo-relative.js';
import { starMatch } from '../shared/star-pattern.js';

export interface RelevanceInput {
  unknowns: Unknown[];
  /** Changed files, both sides of renames and deletions included. */
  changedPaths: string[];
  affectedPaths: string[];
  /** Reverse import edges of the head tree, or null when no graph was built. */
  importers: ReadonlyMap<string, ReadonlySet<string>> | null;
  files: RepoFiles;
  configFor: (file: string) => ResolutionConfig;
  /** Every config in use: an alias any of them defines may be what a specifier meant. */
  configs: readonly ResolutionConfig[];
  /** Config unknowns: config path -> the source files resolved without it (see describeConfigProblems). */
  configScopes: ReadonlyMap<string, readonly string[]>;
}

/** A path in (or naming) a build folder; not `types`, which as often holds sources (`./types`). */
const builtOutput = new RegExp(`(?:^|/)(?:${buildFolders.filter((folder) => folder !== 'types').join('|')})/`);

/**
 * Splits the unknowns into those that could hide an edge into this change's blast radius
 * (they count towards `onUnknown`) and those elsewhere in the repository (reported, not
 * counted). An unknown counts when
 *  - it sits in a changed or affected file (for a config: one of the files it concerns is);
 *  - its specifier could name a changed or affected module: a relative path into a folder that
 *    holds one, a `paths` alias (of any tsconfig) or `baseUrl` path (of the file's) whose target holds one,
 *    a workspace package that holds one, or any bare specifier of a file whose tsconfig is
 *    broken or lacks its base, when that config's folder holds one (its aliases are unknown),
 *    or an alias no config in use defines whose rest (after its first one or two segments)
 *    ends a reached module's path in the file's own package, or a relative path into a build
 *    folder (unbuilt output) of a package that holds one, or a shim's import that leads back
 *    to itself (selfLoopReason) in a package that holds one;
 *  - it is a computed import(), a parse error or an unreadable file in a file that imports from
 *    a package (nearest package.json) holding a changed file, or, for a computed import() and an
 *    unreadable file, in such a package; or a module glob whose written pattern matches a
 *    changed or affected file;
 *  - it imports a module that `declare module` declares in a declaration file that is changed,
 *    affected, or imports a changed or affected module.
 * Everything else could only hide edges between files this change does not touch.
 */
export function splitUnknownsByRelevance(input: RelevanceInput): { counting: Unknown[]; elsewhere: Unknown[] } {
  const inBlast = new Set([...input.changedPaths, ...input.affectedPaths]);
  // Only modules can be named by a specifier (a changed README or package.json cannot); a
  // missed edge to an affected module hides as much as one to a changed module.
  const changedModules = input.changedPaths.filter(isSourceFile);
  const reachedModules = [...changedModules, ...input.affectedPaths];
  const reached = new Set(reachedModules);
  const holdsChange = (folder: string): boolean => reachedModules.some((path) => folder === '' || path.startsWith(`${folder}/`));
  // The module a path names, with any extension, or a folder holding one.
  const namesModule = (target: string): boolean => reached.has(target) || reachedModules.some((path) => path.startsWith(`${target}.`) || path.startsWith(`${target}/`));
  // ... or a path into a folder that holds one.
  const namesChange = (target: string): boolean => namesModule(target) || holdsChange(dirnameOf(target));
  const packageOf = createPackageFolderLookup(input.files.manifestDirectories);
  const changedPackages = new Set(changedModules.map(packageOf));
  const reachedPackages = new Set(reachedModules.map(packageOf));
  const packageFolderHolds = (folder: string): boolean => reachedPackages.has(folder);
  // Only a few kinds of unknown need it, and it looks at every edge of the graph: on demand.
  let importersOfChangedPackages: Set<string> | undefined;
  const importsChangedPackage = (file: string): boolean => (importersOfChangedPackages ??= collectImportersOfPackages(input.importers, changedPackages, packageOf)).has(file);
  const nearChangedPackage = (file: string): boolean => importsChangedPackage(file) || changedPackages.has(packageOf(file));
  const brokenConfigOf = new Map<string, string>();
  for (const [config, scope] of input.configScopes) for (const file of scope) brokenConfigOf.set(file, config);

  // Every changed file (a JSON a glob loads is one too) and every affected one.
  const reachedFiles = [...input.changedPaths, ...input.affectedPaths];
  const globMatchesReached = (file: string, expression: string): boolean => {
    const patterns = globPatterns(expression, dirnameOf(file), packageOf(file));
    if (patterns.length === 0) return false;
    const isMatch = picomatch(patterns, { dot: true });
    return reachedFiles.some((path) => isMatch(path));
  };

  const isRelevant = (unknown: Unknown): boolean => {
    if (inBlast.has(unknown.file)) return true;
    switch (unknown.kind) {
      case 'unresolved-config': {
        const scope = input.configScopes.get(unknown.file);
        return scope === undefined || scope.some((file) => inBlast.has(file));
      }
      case 'unresolved-import':
        // A shim that re-exports its package's unbuilt output (whatever its folder is called).
        if (unknown.reason === selfLoopReason && packageFolderHolds(packageOf(unknown.file))) return true;
        return unknown.specifier === null || couldNameChange(unknown.file, unknown.specifier);
      case 'dynamic-import':
        return nearChangedPackage(unknown.file) || (unknown.specifier !== null && globMatchesReached(unknown.file, unknown.specifier));
      case 'unreadable-file':
      case 'oversized':
        return nearChangedPackage(unknown.file);
      case 'parse-error':
        return importsChangedPackage(unknown.file);
      case 'augmentation':
        // Raised only on changed files, which are in the blast radius: this is unreachable.
        return true;
      case 'unparsed-importer':
        // Raised only for a component that imports a reached module and may use what changed.
        return true;
    }
  };

  const couldNameChange = (file: string, specifier: string): boolean => {
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = posix.normalize(posix.join(dirnameOf(file), specifier)).replace(/\/$/, '');
      // A path out of the repository cannot name one of its files.
      if (target.startsWith('..') || target.startsWith('/')) return false;
      if (namesChange(target === '.' ? '' : target)) return true;
      // Unbuilt output (`./dist/core-internal` of a shim .d.ts) is built from the sources of
      // its package: if those hold a reached module, the output may be what re-exports it.
      // (Not through node_modules, whose packages have no tracked package.json to tell which.)
      return builtOutput.test(`${target}/`) && !target.includes('node_modules/') && packageFolderHolds(packageOf(target));
    }
    const options = input.configFor(file).options;
    // The file's own aliases first; then those of every other config, since a file resolved
    // with the wrong config (or none) may mean an alias defined elsewhere.
    for (const config of [input.configFor(file), ...input.configs]) {
      const { paths, pathsBasePath, baseUrl } = config.options;
      const base = typeof pathsBasePath === 'string' ? pathsBasePath : baseUrl;
      for (const target of aliasTargets(specifier, paths)) {
        const repoPath = base === undefined ? undefined : toRepoRelative(input.files.root, posix.join(base, target));
        if (repoPath !== undefined && namesChange(repoPath)) return true;
      }
    }
    if (options.baseUrl !== undefined) {
      const repoPath = toRepoRelative(input.files.root, posix.join(options.baseUrl, specifier));
      // A one-segment name (`minimist`) is a module directly in the baseUrl folder or nothing:
      // under a root `baseUrl: "."` that folder holds every change, so only the module counts.
      const names = specifier.includes('/') ? namesChange : namesModule;
      if (repoPath !== undefined && names(repoPath)) return true;
    }
    const packageFolder = input.files.workspacePackages.get(toPackageName(specifier));
    if (packageFolder !== undefined && holdsChange(packageFolder)) return true;
    // A framework's own module (`$env/static/public`) in the framework's repository: its package's.
    const providerName = frameworkModuleSource(specifier)?.packageName;
    const provider = providerName === undefined ? undefined : input.files.workspacePackages.get(providerName);
    if (provider !== undefined && holdsChange(provider)) return true;
    // The file's own config lost its settings: an alias it defined is unknown, and would most
    // likely point into that config's project.
    const config = brokenConfigOf.get(file);
    if (config !== undefined && holdsChange(dirnameOf(config))) return true;
    return couldBeUnknownAlias(file, specifier);
  };

  // An alias no config in use defines (`~/components/card` of an app's own tsconfig, when
  // `--project` resolves every file with another one): it most likely maps into the file's
  // own package, so it counts when a reached module of that package ends with what follows
  // the alias prefix.
  const reachedByPackage = new Map<string, string[]>();
  for (const path of reachedModules) {
    const stem = path.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
    const list = reachedByPackage.get(packageOf(path));
    if (list === undefined) reachedByPackage.set(packageOf(path), [stem]);
    else list.push(stem);
  }
  const couldBeUnknownAlias = (file: string, specifier: string): boolean => {
    const stems = reachedByPackage.get(packageOf(file));
    if (stems === undefined) return false;
    const parts = specifier.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/(index)?$/, '').split('/');
    for (let prefix = 1; prefix <= 2 && prefix < parts.length; prefix++) {
      const rest = parts.slice(prefix).join('/');
      if (stems.some((stem) => stem === rest || stem.endsWith(`/${rest}`))) return true;
    }
    return false;
  };

  // A module only `declare module 'name'` declares (astro:content, cloudflare:workers) is no
  // file: its import is unknown. When the declaring file is reached or imports a reached module
  // (`export { defineCollection } from 'astro/content/config'` inside the block), the import may
  // use what changed: it counts, and says why. On demand: most runs have no such unknown.
  let declarersOf: ((specifier: string) => string[]) | undefined;
  const reachingDeclarers = (unknown: Unknown): string[] => {
    const { specifier } = unknown;
    if (unknown.kind !== 'unresolved-import' || specifier === null || specifier.startsWith('.') || specifier.startsWith('/')) return [];
    declarersOf ??= ambientModuleDeclarers(input.files, [...reachedModules, ...reachedModules.flatMap((path) => [...(input.importers?.get(path) ?? [])])]);
    return declarersOf(specifier);
  };

  const counting: Unknown[] = [];
  const elsewhere: Unknown[] = [];
  for (const unknown of input.unknowns) {
    if (isRelevant(unknown)) {
      counting.push(unknown);
      continue;
    }
    const declarers = reachingDeclarers(unknown);
    if (declarers.length === 0) elsewhere.push(unknown);
    else counting.push({ ...unknown, reason: `${unknown.reason}; \`declare module\` in ${declarers.join(', ')} declares it, and that file is or imports a changed or affected module` });
  }
  return { counting, elsewhere };
}

/** The substituted targets of every `paths` pattern that matches the specifier. */
function aliasTargets(specifier: string, paths: Record<string, string[]> | undefined): string[] {
  const targets: string[] = [];
  for (const [pattern, replacements] of Object.entries(paths ?? {})) {
    const captured = starMatch(pattern, specifier);
    if (captured === undefined) continue;
    for (const replacement of replacements) targets.push(replacement.replace('*', captured));
  }
  return targets;
}

/** Files with an import edge into a file of one of these packages. */
function collectImportersOfPackages(importers: ReadonlyMap<string, ReadonlySet<string>> | null, packages: ReadonlySet<string>, packageOf: (path: string) => string): Set<string> {
  const found = new Set<string>();
  // By key first: the graph snapshot builds a target's set of importers only when asked for it.
  for (const target of importers?.keys() ?? []) {
    if (!packages.has(packageOf(target))) continue;
    for (const source of importers?.get(target) ?? []) found.add(source);
  }
  return found;
}

function dirnameOf(path: string): string {
  const directory = posix.dirname(path);
  return directory === '.' ? '' : directory;
}

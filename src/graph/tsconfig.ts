import { posix } from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { loadTypeScript, ts } from '../symbols/typescript.js';
import { ConfigError } from '../shared/errors.js';
import type { Unknown } from '../shared/types.js';
import { compareStrings } from '../shared/compare.js';
import { toRepoRelative } from '../shared/repo-relative.js';
import { isSourceFile, isVendoredPath } from '../shared/source-files.js';
import type { BuildOutputFolder, RepoFiles } from './repo-files.js';
import { createParseHost, type ReadObserver } from './tsconfig-host.js';
import { isListablePath } from './tsconfig-listing.js';
import { compareConfigNames, createOwnerLookup } from './tsconfig-owners.js';
import { describeConfigProblems } from './tsconfig-problems.js';
import { isBrokenConfig, parseProject, type BrokenConfig, type ParsedProject } from './tsconfig-parse.js';

/** The compiler options that govern module resolution for one part of the repo. */
export interface ResolutionConfig {
  /** Repo-relative path of the tsconfig/jsconfig, or null for built-in defaults. */
  configPath: string | null;
  options: Ts.CompilerOptions;
  /** Bare module names a framework provides to the files of this config (`$app`): external, never unresolved. */
  frameworkModules?: string[];
}

export interface ResolutionConfigs {
  /**
   * The config that owns a file: the closest config whose `files`/`include`/`exclude` select it
   * (following `extends` and `references`), else the nearest config above it, else defaults.
   */
  configFor: (file: string) => ResolutionConfig;
  /** Repo-relative paths of the configs that own at least one source file, sorted. */
  loaded: string[];
  /** Broken configs and missing `extends` targets: what they leave unknown, and for which files. */
  unknowns: Unknown[];
  /** Config path of each of those unknowns -> the source files resolved without it (or without its base). */
  unknownScopes: Map<string, string[]>;
  /** Every config in use (its `paths` aliases are what an unresolved specifier may have meant). */
  configs: ResolutionConfig[];
}

const primaryNames = new Set(['tsconfig.json', 'jsconfig.json']);

/**
 * Loads every tsconfig*.json/jsconfig*.json of the head tree (and configs they reference), or
 * only `explicitPath`. `treePaths` lists every file of the head tree: `include` globs are
 * matched against it. A broken config anywhere in the tree is an unknown, never the end of the
 * run: the files it would own fall back to the nearest usable config above them (or the
 * defaults), and a config whose `extends` target is missing is used with its own settings.
 */
export function loadResolutionConfigs(
  files: RepoFiles,
  configPaths: string[],
  explicitPath: string | undefined,
  treePaths: readonly string[],
  observer?: ReadObserver,
): ResolutionConfigs {
  loadTypeScript();
  const host = createParseHost(files, treePaths, observer);
  const extendedCache = new Map<string, Ts.ExtendedConfigCacheEntry>();
  const sources = treePaths.filter((path) => isSourceFile(path) && !isVendoredPath(path));
  const exists = (path: string): boolean => {
    const found = files.exists(path);
    if (!isListablePath(path)) observer?.treeProbe('exists', path, found);
    return found;
  };
  if (explicitPath !== undefined) {
    if (!exists(explicitPath)) {
      throw new ConfigError(`tsconfig not found: ${explicitPath}`, 'pass --project with a path relative to the repository root');
    }
    // Named on purpose (--project or `project`): a broken one prevents the analysis that was asked for.
    const project = parseProject(files, host, explicitPath, extendedCache, false);
    if (isBrokenConfig(project)) throw new ConfigError(`${explicitPath}: ${project.reason}`, `${project.hint}, or pass another --project`);
    const config = toResolutionConfig(project);
    return { configFor: () => config, loaded: [explicitPath], configs: [config], ...describeConfigProblems([project], [], sources, () => config) };
  }
  const candidates = configPaths.filter((path) => /(^|\/)[^/]*[tj]sconfig[^/]*\.json$/.test(path) && !isVendoredPath(path));
  if (candidates.length === 0) {
    throw new ConfigError('no tsconfig.json or jsconfig.json found in the repository', 'add a tsconfig.json at the project root, or pass --project <path>');
  }
  const parsed = new Map<string, ParsedProject | BrokenConfig>();
  const queue = [...candidates].sort(compareStrings);
  while (queue.length > 0) {
    const path = queue.shift() ?? '';
    if (parsed.has(path)) continue;
    // A tsconfig.json/jsconfig.json describes a project whatever extends it: list its files now
    // rather than parse it a second time below (most configs of a monorepo are such).
    const result = parseProject(files, host, path, extendedCache, primaryNames.has(posix.basename(path)));
    parsed.set(path, result);
    // A reference may name a config that the file-name filter above did not pick up.
    if (!isBrokenConfig(result)) queue.push(...result.references.filter((reference) => !parsed.has(reference) && exists(reference)));
  }
  const projects = [...parsed.values()].filter((result): result is ParsedProject => !isBrokenConfig(result));
  const broken = [...parsed.values()].filter(isBrokenConfig);
  const referenced = new Set(projects.flatMap((project) => project.references));
  const extended = new Set(projects.flatMap((project) => project.extended));
  const isPrimary = (path: string): boolean => primaryNames.has(posix.basename(path)) || referenced.has(path);
  // A config that only serves as an `extends` base (tsconfig.base.json) describes no project.
  // Only the remaining ones need their files listed, which is most of the cost: tsconfig.json and
  // jsconfig.json were listed when first parsed, the others (a referenced tsconfig.build.json) are
  // listed now, from the specs their first parse validated.
  const owners = projects
    .filter((project) => isPrimary(project.configPath) || !extended.has(project.configPath))
    .map((project) => (primaryNames.has(posix.basename(project.configPath)) ? project : { ...project, fileNames: project.listFiles() }));
  const lookup = createLookup(owners, referenced, treePaths);
  return { ...lookup, ...describeConfigProblems(projects, broken, sources, lookup.configFor) };
}

function createLookup(owners: ParsedProject[], referenced: ReadonlySet<string>, treePaths: readonly string[]): Pick<ResolutionConfigs, 'configFor' | 'loaded' | 'configs'> {
  const configs = new Map(owners.map((project) => [project, toResolutionConfig(project)]));
  const ownerOf = createOwnerLookup(owners, referenced);
  const byDirectory = new Map<string, ParsedProject>();
  // For files no config selects: the nearest folder's tsconfig.json, else jsconfig.json, else another config there.
  const fallbackOrder = [...owners].sort((a, b) => compareConfigNames(a, b, referenced));
  for (const project of fallbackOrder) if (!byDirectory.has(project.directory)) byDirectory.set(project.directory, project);
  const defaults: ResolutionConfig = { configPath: null, options: withResolutionDefaults({}) };
  const nearest = (file: string): ResolutionConfig => {
    for (let directory = posix.dirname(file); ; directory = posix.dirname(directory)) {
      const project = byDirectory.get(directory === '.' ? '' : directory);
      if (project) return configs.get(project) ?? defaults;
      if (directory === '.' || directory === '/' || directory === '') return defaults;
    }
  };
  const memo = new Map<string, ResolutionConfig>();
  const configFor = (file: string): ResolutionConfig => {
    let config = memo.get(file);
    if (config === undefined) {
      const owner = ownerOf(file);
      config = owner === undefined ? nearest(file) : (configs.get(owner) ?? defaults);
      memo.set(file, config);
    }
    return config;
  };
  const loaded = new Set<string>();
  for (const path of treePaths) {
    if (!isSourceFile(path) || isVendoredPath(path)) continue;
    const configPath = configFor(path).configPath;
    if (configPath !== null) loaded.add(configPath);
  }
  return { configFor, loaded: [...loaded].sort(compareStrings), configs: [...configs.values()] };
}

function toResolutionConfig(project: ParsedProject): ResolutionConfig {
  const config: ResolutionConfig = { configPath: project.configPath, options: withResolutionDefaults(project.options) };
  return project.frameworkModules.length === 0 ? config : { ...config, frameworkModules: project.frameworkModules };
}

/**
 * Resolution must find every file a program could load: JS files and JSON always count,
 * and the legacy "classic" strategy (the default for some `module` settings) is replaced by
 * bundler-style lookup, which is what such projects actually run with.
 */
function withResolutionDefaults(options: Ts.CompilerOptions): Ts.CompilerOptions {
  const resolution = options.moduleResolution;
  const isLegacy = resolution === undefined || resolution === ts.ModuleResolutionKind.Classic;
  return {
    ...options,
    allowJs: true,
    resolveJsonModule: true,
    noEmit: true,
    ...(isLegacy ? { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext } : {}),
  };
}

/**
 * Where each config's build writes (`declarationDir`, `outDir`) and what that output mirrors:
 * `rootDir`, or for a `composite` project its own folder (TypeScript's default there). A
 * package whose `exports` name `dist/types/shapes/src/x.d.ts` of a config with `rootDir: "../"`
 * is exporting the sibling `shapes/src/x.ts`. Without either, TypeScript takes the common
 * folder of the inputs, which RepoFiles' build-folder rule guesses instead.
 */
export function buildOutputFolders(configs: readonly ResolutionConfig[], root: string): BuildOutputFolder[] {
  const inTree = (path: string | undefined): string | undefined => (path === undefined ? undefined : toRepoRelative(root, path));
  // Every pair, whatever the order the configs come in (a fresh parse and a cached one differ):
  // two configs that write into one folder from different roots each give a candidate.
  const pairs = new Map<string, BuildOutputFolder>();
  for (const { configPath, options } of configs) {
    const source = inTree(options.rootDir ?? (options.composite === true && configPath !== null ? posix.join(root, posix.dirname(configPath)) : undefined));
    if (source === undefined) continue;
    for (const output of [options.declarationDir, options.outDir].map(inTree)) {
      // An output folder that is the source folder (or holds it) mirrors nothing.
      if (output === undefined || output === '' || source === output || source.startsWith(`${output}/`)) continue;
      pairs.set(`${output}\0${source}`, { output, source });
    }
  }
  return [...pairs.values()].sort((a, b) => compareStrings(a.output, b.output) || compareStrings(a.source, b.source));
}

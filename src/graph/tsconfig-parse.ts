import { posix } from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { loadTypeScript, ts } from '../symbols/typescript.js';
import type { RepoFiles } from './repo-files.js';
import type { ConfigParseHost } from './tsconfig-host.js';
import { compareStrings } from '../shared/compare.js';
import { toRepoRelative } from '../shared/repo-relative.js';
import { frameworkAliases, type FrameworkAliases } from './framework-aliases.js';
import { isStackOverflow } from '../symbols/module-facts.js';

/** One tsconfig/jsconfig as ownership needs it: options, the files it matches, its links to other configs. */
export interface ParsedProject {
  /** Repo-relative path of the config file. */
  configPath: string;
  /** Its folder, repo-relative ('' for the root). */
  directory: string;
  options: Ts.CompilerOptions;
  /** Repo-relative files its `files`/`include`/`exclude` select (none when parsed without listing, see listFiles). */
  fileNames: string[];
  /**
   * The files it selects, matched now: for a config parsed without listing that turns out to
   * describe a project, without parsing it again.
   */
  listFiles: () => string[];
  /** Repo-relative config files its `references` point at. */
  references: string[];
  /** Repo-relative config files it `extends`, directly or through other configs. */
  extended: string[];
  /** `extends` targets that are missing (packages as written, repo files repo-relative): parsed without them. */
  missingBases: MissingBase[];
  /** Modules the framework whose generated base is missing provides itself (framework-aliases.ts). */
  frameworkModules: string[];
}

/** An `extends` target that is not there. */
export interface MissingBase {
  /** A package specifier as written, or the repo-relative path of a file of the repository. */
  target: string;
  isPackage: boolean;
  /** The framework's default aliases resolution uses in its place ("Nuxt's ~, @, ~~, @@"), if any (framework-aliases.ts). */
  assumedAliases?: string;
  /**
   * A `references` target, not an `extends` one (Nuxt 4's root config references
   * `.nuxt/tsconfig.app.json` and three more it generates): how many such references are missing.
   */
  missingReferences?: number;
}

/** Diagnostic codes that mean the config is broken (bad JSON, a root that is no object, a bad `extends`). */
const fatalCodes = new Set([5083, 6053, 18001, 5092]);

/** A config that cannot be used at all: unreadable, or not a tsconfig TypeScript can parse. */
export interface BrokenConfig {
  configPath: string;
  /** What is wrong, in TypeScript's words where it has some. */
  reason: string;
  /** A hint for `--project`, where a broken config stops the run. */
  hint: string;
}

/** Listing no files: for configs whose file list is not needed yet. */
const noListing = (): string[] => [];

/**
 * Parses one config with `host` (see createParseHost); `listFiles: false` skips matching
 * `include` against the tree (the costly part). A broken config is returned, not thrown: one
 * config in a corner of the tree must not stop the run (see loadResolutionConfigs).
 */
export function parseProject(
  files: RepoFiles,
  host: ConfigParseHost,
  configPath: string,
  extendedCache: Map<string, Ts.ExtendedConfigCacheEntry>,
  listFiles: boolean,
): ParsedProject | BrokenConfig {
  loadTypeScript();
  try {
    return parseProjectOrThrow(files, host, configPath, extendedCache, listFiles);
  } catch (error) {
    // TypeScript's JSON parser recurses per nesting level: a config nested thousands deep (a
    // fuzzing fixture) overflows the stack. That config is broken; the run goes on.
    if (!isStackOverflow(error)) throw error;
    return { configPath, reason: 'nested too deep to parse (maximum call stack size exceeded)', hint: 'fix this tsconfig' };
  }
}

function parseProjectOrThrow(
  files: RepoFiles,
  host: ConfigParseHost,
  configPath: string,
  extendedCache: Map<string, Ts.ExtendedConfigCacheEntry>,
  listFiles: boolean,
): ParsedProject | BrokenConfig {
  const absolute = files.absolute(configPath);
  const text = host.readFile(absolute);
  if (text === undefined) return { configPath, reason: 'cannot read this tsconfig', hint: 'check that the file is committed and readable' };
  const source = ts.parseJsonText(absolute, text);
  // What parseConfigFileTextToJson reports as its `error` (its first parse diagnostic), without parsing the text twice.
  const diagnostics = (source as { parseDiagnostics?: readonly Ts.Diagnostic[] }).parseDiagnostics;
  const syntax = diagnostics === undefined ? ts.parseConfigFileTextToJson(absolute, text).error : diagnostics[0];
  if (syntax) return { configPath, reason: describe(syntax), hint: 'fix the JSON syntax of this tsconfig' };
  // allowJs only widens which extensions `include` matches: a project's .js files are its own
  // even when the compiler would skip them, and resolution turns allowJs on anyway.
  const existing: Ts.CompilerOptions = { allowJs: true };
  // Parsed without listing: the files are listed below, from the specs this parse validated.
  const parsed = ts.parseJsonSourceFileConfigFileContent(source, { ...host, readDirectory: noListing }, posix.dirname(absolute), existing, absolute, undefined, undefined, extendedCache);
  // A missing base (a package that is not installed in a fresh clone, or a file a framework
  // generates and git ignores) is not the repository's fault: the config is used with its own
  // settings, and the caller reports what the base leaves unknown. A framework's generated base
  // adds the aliases that framework always defines (framework-aliases.ts).
  const directory = posix.dirname(configPath) === '.' ? '' : posix.dirname(configPath);
  const exists = (path: string): boolean => host.fileExists(posix.join(files.root, path));
  let aliases: FrameworkAliases | undefined;
  const missingBases = parsed.errors
    .map((diagnostic) => missingBase(files.root, diagnostic))
    .filter((base) => base !== undefined)
    .map((base) => {
      const defaults = frameworkAliases(base.target, base.isPackage, directory, exists);
      if (defaults === undefined) return base;
      aliases ??= defaults;
      return { ...base, assumedAliases: `${defaults.framework}'s ${defaults.names.join(', ')}` };
    });
  // A config that only `references` the framework's generated configs (Nuxt 4's root
  // tsconfig.json, `files: []`) owns no file itself: the project's files fall back to it, and
  // get the framework's default aliases through it, as through a generated base.
  const toRepoPaths = (paths: readonly string[]): string[] => paths.map((path) => toRepoRelative(files.root, path)).filter((path) => path !== undefined);
  const references = toRepoPaths((parsed.projectReferences ?? []).map((reference) => ts.resolveProjectReferencePath(reference)));
  const generatedReferences = references.filter((reference) => !exists(reference)).flatMap((reference) => {
    const defaults = frameworkAliases(reference, false, directory, exists);
    return defaults === undefined ? [] : [{ reference, defaults }];
  });
  const firstGenerated = generatedReferences[0];
  if (firstGenerated !== undefined) {
    aliases ??= firstGenerated.defaults;
    const { framework, names } = firstGenerated.defaults;
    missingBases.push({ target: firstGenerated.reference, isPackage: false, assumedAliases: `${framework}'s ${names.join(', ')}`, missingReferences: generatedReferences.length });
  }
  const options = aliases === undefined ? parsed.options : withAliases(parsed.options, aliases, files.root, posix.dirname(absolute));
  const fatal = parsed.errors.find((diagnostic) => missingBase(files.root, diagnostic) === undefined && (fatalCodes.has(diagnostic.code) || (diagnostic.code >= 1000 && diagnostic.code < 2000)));
  if (fatal) return { configPath, reason: describe(fatal), hint: 'fix this tsconfig' };
  const extended = (source as Ts.TsConfigSourceFile).extendedSourceFiles ?? [];
  // What parsing with listing computes as `fileNames`: our port of TypeScript's matcher, else
  // TypeScript's own (internal) one, else a parse with listing.
  const specs = (source as { configFileSpecs?: unknown }).configFileSpecs;
  const list = (): string[] =>
    toRepoPaths(
      host.listConfigFiles(specs, posix.dirname(absolute), parsed.options) ??
        listSpecs(specs, posix.dirname(absolute), parsed.options, host) ??
        ts.parseJsonSourceFileConfigFileContent(ts.parseJsonText(absolute, text), host, posix.dirname(absolute), existing, absolute, undefined, undefined, extendedCache).fileNames,
    );
  const fileNames = listFiles ? list() : [];
  return {
    configPath,
    directory,
    options,
    fileNames,
    listFiles: () => (listFiles ? fileNames : list()),
    references,
    extended: extended.map((path) => files.toRepoPath(path)).filter((path) => path !== undefined),
    missingBases: [...new Map(missingBases.map((base) => [base.target, base])).values()].sort((a, b) => compareStrings(a.target, b.target)),
    frameworkModules: aliases?.modules ?? [],
  };
}

/**
 * The config's options with a framework's default aliases added under the names it does not
 * define itself (its own `paths` win, as they would over the generated base's). Targets are
 * written relative to the folder TypeScript reads `paths` from (`baseUrl`, else the folder of
 * the config that set `paths`, else this config's), as a config's own targets are.
 */
function withAliases(options: Ts.CompilerOptions, aliases: FrameworkAliases, root: string, configFolder: string): Ts.CompilerOptions {
  const pathsBasePath = typeof options.pathsBasePath === 'string' ? options.pathsBasePath : configFolder;
  const base = options.baseUrl ?? pathsBasePath;
  const relativeTarget = (target: string): string => {
    const star = target.endsWith('/*') || target === '*';
    const folder = posix.relative(base, posix.join(root, star ? target.slice(0, -1) : target)) || '.';
    return star ? (folder === '.' ? '*' : `${folder}/*`) : folder;
  };
  const assumed = Object.entries(aliases.paths).map(([name, targets]) => [name, targets.map(relativeTarget)] as const);
  return { ...options, paths: { ...Object.fromEntries(assumed), ...(options.paths ?? {}) }, pathsBasePath };
}

/** TypeScript's own file matching for parsed specs (internal: checked at runtime; undefined when missing). */
type ListSpecs = (specs: unknown, basePath: string, options: Ts.CompilerOptions, host: Ts.ParseConfigHost, extraFileExtensions: readonly unknown[]) => readonly string[];

function listSpecs(specs: unknown, basePath: string, options: Ts.CompilerOptions, host: Ts.ParseConfigHost): readonly string[] | undefined {
  if (specs === undefined) return undefined;
  const list = (ts as unknown as { getFileNamesFromConfigSpecs?: ListSpecs }).getFileNamesFromConfigSpecs;
  return list === undefined ? undefined : list(specs, basePath, options, host, []);
}

export function isBrokenConfig(result: ParsedProject | BrokenConfig): result is BrokenConfig {
  return 'reason' in result;
}

/**
 * The `extends` target a "Cannot read file" / "File not found" diagnostic names, if it is one:
 * a package specifier as written, or a repo-relative path for a file of the repository.
 */
function missingBase(root: string, diagnostic: Ts.Diagnostic): MissingBase | undefined {
  if (diagnostic.code !== 6053 && diagnostic.code !== 5083) return undefined;
  const file = /'([^']+)'/.exec(describe(diagnostic))?.[1];
  if (file === undefined) return undefined;
  if (file.startsWith('/')) {
    const target = toRepoRelative(root, file);
    return target === undefined ? undefined : { target, isPackage: false };
  }
  if (file.startsWith('.') || /^[A-Za-z]:[\\/]/.test(file)) return undefined;
  return { target: file, isPackage: true };
}

function describe(diagnostic: Ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
}

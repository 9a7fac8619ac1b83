import { posix } from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { loadTypeScript, ts } from '../symbols/typescript.js';
import { ConfigError } from '../shared/errors.js';
import type { RepoFiles } from './repo-files.js';

/** One tsconfig/jsconfig as ownership needs it: options, the files it matches, its links to other configs. */
export interface ParsedProject {
  /** Repo-relative path of the config file. */
  configPath: string;
  /** Its folder, repo-relative ('' for the root). */
  directory: string;
  options: Ts.CompilerOptions;
  /** Repo-relative files its `files`/`include`/`exclude` select. */
  fileNames: string[];
  /** Repo-relative config files its `references` point at. */
  references: string[];
  /** Repo-relative config files it `extends`, directly or through other configs. */
  extended: string[];
  /** `extends` packages that are not installed: parsed without them, their options unknown. */
  missingBases: string[];
}

/** Diagnostic codes that mean the config is broken (bad JSON, missing `extends` target). */
const fatalCodes = new Set([5083, 6053, 18001, 5092]);

/** Listing no files: for configs whose file list is not needed yet. */
const noListing = (): string[] => [];

/**
 * Parses one config with `host` (see createParseHost); `listFiles: false` skips matching
 * `include` against the tree (the costly part). Returns a ConfigError instead of throwing,
 * because whether a broken config stops the run depends on its role, which is known only once
 * every config has been read.
 */
export function parseProject(
  files: RepoFiles,
  host: Ts.ParseConfigHost,
  configPath: string,
  extendedCache: Map<string, Ts.ExtendedConfigCacheEntry>,
  listFiles: boolean,
): ParsedProject | ConfigError {
  loadTypeScript();
  const absolute = files.absolute(configPath);
  const text = host.readFile(absolute);
  if (text === undefined) return new ConfigError(`${configPath}: cannot read this tsconfig`, 'check that the file is committed and readable');
  const syntax = ts.parseConfigFileTextToJson(absolute, text).error;
  if (syntax) return new ConfigError(`${configPath}: ${describe(syntax)}`, 'fix the JSON syntax of this tsconfig');
  const source = ts.parseJsonText(absolute, text);
  // allowJs only widens which extensions `include` matches: a project's .js files are its own
  // even when the compiler would skip them, and resolution turns allowJs on anyway.
  const existing: Ts.CompilerOptions = { allowJs: true };
  const parseHost = listFiles ? host : { ...host, readDirectory: noListing };
  const parsed = ts.parseJsonSourceFileConfigFileContent(source, parseHost, posix.dirname(absolute), existing, absolute, undefined, undefined, extendedCache);
  // A base from a package that is not installed (a fresh clone) is not the repository's fault:
  // the config is used without it, and the caller reports what that leaves unknown.
  const missingBases = parsed.errors.map(missingPackageBase).filter((base): base is string => base !== undefined);
  const fatal = parsed.errors.find((diagnostic) => missingPackageBase(diagnostic) === undefined && (fatalCodes.has(diagnostic.code) || (diagnostic.code >= 1000 && diagnostic.code < 2000)));
  if (fatal) {
    return new ConfigError(`${configPath}: ${describe(fatal)}`, 'fix the `extends` path (install its package if it comes from node_modules)');
  }
  const toRepoPaths = (paths: readonly string[]): string[] => paths.map((path) => relativeTo(files.root, path)).filter((path) => path !== undefined);
  const extended = (source as Ts.TsConfigSourceFile).extendedSourceFiles ?? [];
  return {
    configPath,
    directory: posix.dirname(configPath) === '.' ? '' : posix.dirname(configPath),
    options: parsed.options,
    fileNames: toRepoPaths(parsed.fileNames),
    references: toRepoPaths((parsed.projectReferences ?? []).map((reference) => ts.resolveProjectReferencePath(reference))),
    extended: extended.map((path) => files.toRepoPath(path)).filter((path) => path !== undefined),
    missingBases: [...new Set(missingBases)].sort(),
  };
}

/** The package name of a "File 'pkg/x.json' not found" diagnostic for a bare `extends`, if it is one. */
function missingPackageBase(diagnostic: Ts.Diagnostic): string | undefined {
  if (diagnostic.code !== 6053) return undefined;
  const file = /'([^']+)'/.exec(describe(diagnostic))?.[1];
  if (file === undefined || file.startsWith('.') || file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) return undefined;
  return file;
}

function relativeTo(root: string, absolutePath: string): string | undefined {
  const normalized = posix.normalize(absolutePath);
  return normalized.startsWith(root + '/') ? normalized.slice(root.length + 1) : undefined;
}

function describe(diagnostic: Ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
}

import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { ts } from 'ts-morph';
import { ConfigError } from '../errors.js';
import type { RepoFiles } from './repo-files.js';

/** The compiler options that govern module resolution for one part of the repo. */
export interface ResolutionConfig {
  /** Repo-relative path of the tsconfig/jsconfig, or null for built-in defaults. */
  configPath: string | null;
  options: ts.CompilerOptions;
}

const configNames = ['tsconfig.json', 'jsconfig.json'];

/** Diagnostic codes that mean the config is broken (bad JSON, missing `extends` target). */
const fatalCodes = new Set([5083, 6053, 18001, 5092]);

export interface ResolutionConfigs {
  /** The config that owns a file: the nearest tsconfig.json/jsconfig.json above it. */
  configFor: (file: string) => ResolutionConfig;
  /** Repo-relative paths of the configs that were loaded, sorted. */
  loaded: string[];
}

/** Loads every tsconfig.json/jsconfig.json of the head tree, or only `explicitPath`. */
export function loadResolutionConfigs(files: RepoFiles, configPaths: string[], explicitPath: string | undefined): ResolutionConfigs {
  if (explicitPath !== undefined) {
    if (!files.exists(explicitPath)) {
      throw new ConfigError(`tsconfig not found: ${explicitPath}`, 'pass --project with a path relative to the repository root');
    }
    const config = parseConfig(files, explicitPath);
    return { configFor: () => config, loaded: [explicitPath] };
  }
  const candidates = configPaths.filter((path) => configNames.includes(posix.basename(path)) && !path.includes('node_modules/'));
  if (candidates.length === 0) {
    throw new ConfigError('no tsconfig.json or jsconfig.json found in the repository', 'add a tsconfig.json at the project root, or pass --project <path>');
  }
  const byDirectory = new Map<string, ResolutionConfig>();
  for (const path of candidates) {
    const directory = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    if (byDirectory.has(directory) && posix.basename(path) === 'jsconfig.json') continue;
    byDirectory.set(directory, parseConfig(files, path));
  }
  const fallback: ResolutionConfig = { configPath: null, options: withResolutionDefaults({}) };
  const configFor = (file: string): ResolutionConfig => {
    let directory = posix.dirname(file);
    for (;;) {
      const key = directory === '.' ? '' : directory;
      const config = byDirectory.get(key);
      if (config) return config;
      if (key === '') return fallback;
      directory = posix.dirname(directory);
    }
  };
  return { configFor, loaded: [...byDirectory.values()].map((config) => config.configPath ?? '').sort() };
}

function parseConfig(files: RepoFiles, configPath: string): ResolutionConfig {
  const absolute = files.absolute(configPath);
  const host = createParseHost(files);
  const read = ts.readConfigFile(absolute, (path) => host.readFile(path));
  if (read.error) {
    throw new ConfigError(`${configPath}: ${describe(read.error)}`, 'fix the JSON syntax of this tsconfig');
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, host, posix.dirname(absolute), undefined, absolute);
  const fatal = parsed.errors.find((diagnostic) => fatalCodes.has(diagnostic.code) || (diagnostic.code >= 1000 && diagnostic.code < 2000));
  if (fatal) {
    throw new ConfigError(`${configPath}: ${describe(fatal)}`, 'fix the `extends` path (install its package if it comes from node_modules)');
  }
  return { configPath, options: withResolutionDefaults(parsed.options) };
}

/**
 * Resolution must find every file a program could load: JS files and JSON always count,
 * and the legacy "classic" strategy (the default for some `module` settings) is replaced by
 * bundler-style lookup, which is what such projects actually run with.
 */
function withResolutionDefaults(options: ts.CompilerOptions): ts.CompilerOptions {
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

/** Reads configs from the analysed tree; `extends` into node_modules falls back to the disk. */
function createParseHost(files: RepoFiles): ts.ParseConfigHost {
  const readFile = (path: string): string | undefined => {
    const repoPath = files.toRepoPath(path);
    if (repoPath !== undefined) return files.readText(repoPath);
    if (path.includes('/node_modules/') && existsSync(path)) return readFileSync(path, 'utf8');
    return undefined;
  };
  return {
    useCaseSensitiveFileNames: true,
    readDirectory: () => [],
    fileExists: (path) => readFile(path) !== undefined,
    readFile,
  };
}

function describe(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
}

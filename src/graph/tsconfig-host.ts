import { existsSync, readFileSync } from 'node:fs';
import type { ts as Ts } from 'ts-morph';
import { loadTypeScript, ts } from '../symbols/typescript.js';
import type { RepoFiles } from './repo-files.js';
import { createConfigLister, indexDirectories, isListablePath, type ConfigLister, type DirectoryEntries } from './tsconfig-listing.js';

/** TypeScript's own `include`/`exclude` walker; internal, so typed here and checked at runtime. */
type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => DirectoryEntries,
  realpath: (path: string) => string,
) => string[];

/** How a tree path was asked about (see ReadObserver.treeProbe). */
export type TreeProbeKind = 'host' | 'exists';

/**
 * Told about every file the host reads from the tree or looks at on disk (an installed
 * `extends` base), so that a cached result can be checked against exactly what it was made from.
 */
export interface ReadObserver {
  treeRead(repoPath: string): void;
  diskProbe(absolutePath: string): void;
  /**
   * A question about a tree path the listing does not look at (see isListablePath), with its
   * answer: `extends: "./base"` finds a file named `base`. Such paths are not part of the
   * cache's key (tsconfig-cache.ts), so the answer is checked again instead. `host`: an absolute
   * path the parse host looked up (RepoFiles.toRepoPath); `exists`: a repo path (RepoFiles.exists).
   */
  treeProbe(kind: TreeProbeKind, path: string, found: boolean): void;
}

/** A ParseConfigHost that also lists a parsed config's files without TypeScript's generic matcher. */
export interface ConfigParseHost extends Ts.ParseConfigHost {
  /** getFileNamesFromConfigSpecs over the tree (see createConfigLister); undefined where the port cannot run. */
  listConfigFiles: ConfigLister;
}

/**
 * A ParseConfigHost over the analysed tree: configs and `extends` targets are read from it
 * (`extends` into an installed node_modules falls back to the disk), and `include`/`exclude`
 * are matched against the tree's path list, so `fileNames` says which files a config owns.
 */
export function createParseHost(files: RepoFiles, treePaths: readonly string[], observer?: ReadObserver): ConfigParseHost {
  loadTypeScript();
  const matchFiles = (ts as unknown as { matchFiles?: unknown }).matchFiles as MatchFiles | undefined;
  let entries: Map<string, DirectoryEntries> | undefined;
  const index = (): Map<string, DirectoryEntries> => (entries ??= indexDirectories(files.root, treePaths));
  const getEntries = (directory: string): DirectoryEntries => index().get(directory.replace(/\/$/, '')) ?? { files: [], directories: [] };
  // Many configs extend the same base; an unusually named one costs a git call per read.
  const texts = new Map<string, string | undefined>();
  const readFile = (path: string): string | undefined => {
    const repoPath = files.toRepoPath(path);
    const key = repoPath ?? path;
    if (texts.has(key)) return texts.get(key);
    let text: string | undefined;
    if (repoPath !== undefined) {
      observer?.treeRead(repoPath);
      text = files.readText(repoPath);
    } else {
      if (!isListablePath(path)) observer?.treeProbe('host', path, false);
      if (path.includes('/node_modules/')) {
        observer?.diskProbe(path);
        if (existsSync(path)) text = readFileSync(path, 'utf8');
      }
    }
    texts.set(key, text);
    return text;
  };
  return {
    useCaseSensitiveFileNames: true,
    readDirectory: (rootDir, extensions, excludes, includes, depth) =>
      matchFiles !== undefined
        ? matchFiles(rootDir, extensions, excludes, includes, true, files.root, depth, getEntries, (path) => path)
        : listEverythingBelow(rootDir, extensions, getEntries),
    fileExists: (path) => {
      const found = files.toRepoPath(path) !== undefined;
      if (!isListablePath(path)) observer?.treeProbe('host', path, found);
      if (found) return true;
      if (!path.includes('/node_modules/')) return false;
      observer?.diskProbe(path);
      return existsSync(path);
    },
    readFile,
    listConfigFiles: createConfigLister(files.root, index),
  };
}

/**
 * Should a future compiler drop its internal matcher: every file below the config with a
 * matching extension. Coarser than `include`, but ownership then still prefers the nearest config.
 */
function listEverythingBelow(rootDir: string, extensions: readonly string[], getEntries: (path: string) => DirectoryEntries): string[] {
  const found: string[] = [];
  const visit = (directory: string): void => {
    const { files, directories } = getEntries(directory);
    for (const file of files) if (extensions.some((extension) => file.endsWith(extension))) found.push(`${directory}/${file}`);
    for (const child of directories) if (child !== 'node_modules') visit(`${directory}/${child}`);
  };
  visit(rootDir.replace(/\/$/, ''));
  return found;
}

import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { loadTypeScript, ts } from '../symbols/typescript.js';
import type { RepoFiles } from './repo-files.js';

/** Folder listing as TypeScript's file matcher wants it. */
interface DirectoryEntries {
  files: string[];
  directories: string[];
}

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

/**
 * Told about every file the host reads from the tree or looks at on disk (an installed
 * `extends` base), so that a cached result can be checked against exactly what it was made from.
 */
export interface ReadObserver {
  treeRead(repoPath: string): void;
  diskProbe(absolutePath: string): void;
}

/**
 * A ParseConfigHost over the analysed tree: configs and `extends` targets are read from it
 * (`extends` into an installed node_modules falls back to the disk), and `include`/`exclude`
 * are matched against the tree's path list, so `fileNames` says which files a config owns.
 */
export function createParseHost(files: RepoFiles, treePaths: readonly string[], observer?: ReadObserver): Ts.ParseConfigHost {
  loadTypeScript();
  const matchFiles = (ts as unknown as { matchFiles?: unknown }).matchFiles as MatchFiles | undefined;
  let entries: Map<string, DirectoryEntries> | undefined;
  const getEntries = (directory: string): DirectoryEntries => {
    entries ??= indexDirectories(files.root, treePaths);
    return entries.get(directory.replace(/\/$/, '')) ?? { files: [], directories: [] };
  };
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
    }
    else if (path.includes('/node_modules/')) {
      observer?.diskProbe(path);
      if (existsSync(path)) text = readFileSync(path, 'utf8');
    }
    texts.set(key, text);
    return text;
  };
  // Configs of one package (tsconfig.json, tsconfig.build.json...) often list the same folder the same way.
  const listings = new Map<string, readonly string[]>();
  const readDirectory = (rootDir: string, extensions: readonly string[], excludes: readonly string[] | undefined, includes: readonly string[], depth?: number): string[] => {
    const key = JSON.stringify([rootDir, extensions, excludes ?? null, includes, depth ?? null]);
    let listing = listings.get(key);
    if (listing === undefined) {
      listing = matchFiles !== undefined ? matchFiles(rootDir, extensions, excludes, includes, true, files.root, depth, getEntries, (path) => path) : listEverythingBelow(rootDir, extensions, getEntries);
      listings.set(key, listing);
    }
    return [...listing];
  };
  return {
    useCaseSensitiveFileNames: true,
    readDirectory,
    fileExists: (path) => {
      if (files.toRepoPath(path) !== undefined) return true;
      if (!path.includes('/node_modules/')) return false;
      observer?.diskProbe(path);
      return existsSync(path);
    },
    readFile,
  };
}

/**
 * `include` matches only these extensions (TypeScript's, JavaScript's, and JSON for explicit
 * `*.json` patterns); a case-insensitive superset of them.
 */
const listableFile = /\.(?:[cm]?[jt]sx?|json)$/i;

/**
 * Absolute folder -> its files and subfolders (names only), for every folder of the tree that
 * holds a file `include` could match: the matcher never returns other files, and a medusa-sized
 * tree has thousands of documentation pages it would otherwise sort and skip once per config.
 */
function indexDirectories(root: string, paths: readonly string[]): Map<string, DirectoryEntries> {
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
  return index;
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

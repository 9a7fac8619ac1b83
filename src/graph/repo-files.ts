import { posix } from 'node:path';
import type { TreeSnapshot } from '../shared/types.js';
import { createWorkspaceFilter } from './workspaces.js';

/** Candidate source files for a build output, in the order a TypeScript build maps them. */
const sourceForOutput: [RegExp, string[]][] = [
  [/\.d\.ts$/, ['.ts', '.tsx', '.d.ts']],
  [/\.d\.mts$/, ['.mts', '.d.mts', '.ts', '.tsx']],
  [/\.d\.cts$/, ['.cts', '.d.cts', '.ts', '.tsx']],
  [/\.js$/, ['.ts', '.tsx', '.js', '.jsx']],
  // Bundlers (tsup, unbuild) emit .mjs/.cjs from plain .ts sources.
  [/\.mjs$/, ['.mts', '.mjs', '.ts', '.tsx', '.js', '.jsx']],
  [/\.cjs$/, ['.cts', '.cjs', '.ts', '.tsx', '.js', '.jsx']],
  [/\.ts$/, ['.ts', '.tsx']],
  [/\.tsx$/, ['.tsx']],
];

export const buildFolders = ['dist', 'lib', 'build', 'out', 'esm', 'cjs', 'types'];
/** A path with one of those folders somewhere above its last segment. */
export const underBuildFolder = new RegExp(`(?:^|/)(?:${buildFolders.join('|')})/`);

/** A folder a tsconfig emits into, and the folder its inputs sit under (repo-relative, '' for the root). */
export interface BuildOutputFolder {
  output: string;
  source: string;
}

/**
 * The repository as module resolution sees it: repo files, workspace packages as if they were
 * linked into node_modules, and build outputs mapped back to their sources, so that a fresh
 * clone with no install and no build resolves like a built one.
 */
export class RepoFiles {
  private readonly present: Set<string>;
  private entryPrefixes: Set<string> | undefined;
  /** Package name -> package directory (repo-relative, '' for the root). */
  readonly workspacePackages: Map<string, string>;
  /** Folders that hold a package.json (repo-relative, '' for the root), sorted. */
  readonly manifestDirectories: string[];
  /** Output folder -> the folders it mirrors, in a fixed order (tsconfig.ts' buildOutputFolders). */
  private buildOutputs = new Map<string, string[]>();
  private outputsKey = '';

  constructor(
    readonly root: string,
    private readonly snapshot: TreeSnapshot,
    /** Paths that exist only on the base side (deleted or renamed away), so stale imports still resolve. */
    readonly goneFiles: Set<string>,
  ) {
    this.present = new Set(snapshot.paths);
    this.manifestDirectories = snapshot.paths.filter(isManifest).map((path) => (path === 'package.json' ? '' : posix.dirname(path)));
    this.workspacePackages = findWorkspacePackages(snapshot);
  }

  /** The build output folders as text: part of every cache key that holds answers through them (resolve-module.ts). */
  get buildOutputsKey(): string {
    return this.outputsKey;
  }

  /**
   * Folders the tsconfigs build into, with the folders they mirror (tsconfig.ts'
   * buildOutputFolders): set once the configs are loaded, before any module is resolved.
   */
  mapBuildOutputs(folders: readonly BuildOutputFolder[]): void {
    this.buildOutputs = new Map();
    for (const { output, source } of folders) this.buildOutputs.set(output, [...(this.buildOutputs.get(output) ?? []), source]);
    this.outputsKey = folders.map(({ output, source }) => `${output}\0${source}`).join('\0');
  }

  /** True when a file or folder exists at this repo-relative path, or any file starts with `path.`. */
  hasEntry(path: string): boolean {
    this.entryPrefixes ??= collectEntryPrefixes(this.snapshot.paths);
    return this.entryPrefixes.has(path);
  }

  /** Absolute path -> repo-relative path of a real (or, with `includeGone`, gone) file it stands for, if any. */
  toRepoPath(absolutePath: string, includeGone = true): string | undefined {
    const relative = this.relative(absolutePath);
    if (relative === undefined) return undefined;
    const unlinked = this.unlinkWorkspace(relative);
    const linked = unlinked === undefined ? undefined : this.followLinks(unlinked);
    if (linked === undefined) return undefined;
    if (this.exists(linked, includeGone)) return linked;
    return this.findSourceOfOutput(linked, includeGone);
  }

  /**
   * Follows symlinks in any segment of a path (a linked file or folder) to the real path;
   * undefined for a loop or a link out of the repository, which then cannot be resolved.
   */
  followLinks(path: string): string | undefined {
    const links = this.snapshot.links;
    if (links.size === 0) return path;
    let current = path;
    for (let hops = 0; hops < 32; hops++) {
      const segments = current.split('/');
      let replaced = false;
      for (let index = 1; index <= segments.length; index++) {
        const prefix = segments.slice(0, index).join('/');
        if (!links.has(prefix)) continue;
        const target = links.get(prefix);
        if (target === null || target === undefined) return undefined;
        current = [target, ...segments.slice(index)].join('/');
        replaced = true;
        break;
      }
      if (!replaced) return current;
    }
    return undefined;
  }

  /** Symlinks of the tree: path -> repo-relative target, or null when it leaves the repository. */
  links(): ReadonlyMap<string, string | null> {
    return this.snapshot.links;
  }

  /** Content id (blob sha) of an analyzable file of the head tree. */
  contentId(repoPath: string): string | undefined {
    return this.snapshot.ids.get(repoPath);
  }

  /** Loads texts in one batch; paths already loaded cost nothing. */
  loadTexts(repoPaths: string[]): Promise<void> {
    return repoPaths.length === 0 ? Promise.resolve() : this.snapshot.loadTexts(repoPaths);
  }

  /** Texts of files of the tree that are not analysed (a .gitignore), read together. */
  async readOtherTexts(repoPaths: string[]): Promise<Map<string, string>> {
    if (repoPaths.length === 0) return new Map();
    if (this.snapshot.readOtherTexts !== undefined) return this.snapshot.readOtherTexts(repoPaths);
    return new Map(repoPaths.flatMap((path): [string, string][] => {
      const text = this.readText(path);
      return text === undefined ? [] : [[path, text]];
    }));
  }

  /** Blob id of any file of the tree, where the snapshot knows it (commits, the index). */
  blobId(repoPath: string): string | undefined {
    return this.snapshot.ids.get(repoPath) ?? this.snapshot.blobId?.(repoPath);
  }

  /** True when the text of this file is in memory. */
  hasText(repoPath: string): boolean {
    return this.snapshot.files.has(repoPath);
  }

  /** Lets go of texts that were loaded for one pass (they are read again if asked for). */
  forgetTexts(repoPaths: string[]): void {
    this.snapshot.forgetTexts?.(repoPaths);
  }

  /** Files that could not be read so far. */
  unreadable(): string[] {
    return this.snapshot.unreadable;
  }

  readText(repoPath: string): string | undefined {
    const text = this.snapshot.files.get(repoPath);
    if (text !== undefined || !this.present.has(repoPath)) return text;
    return this.snapshot.readOnDemand(repoPath);
  }

  /** A file of the head tree, or (with `includeGone`) one deleted or renamed away by the change. */
  exists(repoPath: string, includeGone = true): boolean {
    const real = this.followLinks(repoPath);
    if (real === undefined) return false;
    return (this.present.has(real) && !this.snapshot.links.has(real)) || (includeGone && this.goneFiles.has(real));
  }

  isGone(repoPath: string): boolean {
    return this.goneFiles.has(repoPath) && !this.present.has(repoPath);
  }

  absolute(repoPath: string): string {
    return repoPath === '' ? this.root : `${this.root}/${repoPath}`;
  }

  private relative(absolutePath: string): string | undefined {
    if (absolutePath === this.root) return '';
    if (!absolutePath.startsWith(this.root + '/')) return undefined;
    return absolutePath.slice(this.root.length + 1);
  }

  /** `x/node_modules/@org/utils/rest` -> `packages/utils/rest` when `@org/utils` lives in this repo. */
  private unlinkWorkspace(relative: string): string | undefined {
    const marker = relative.lastIndexOf('node_modules/');
    if (marker < 0) return relative;
    const inside = relative.slice(marker + 'node_modules/'.length);
    const parts = inside.split('/');
    const name = parts[0]?.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
    const directory = this.workspacePackages.get(name);
    if (directory === undefined) return undefined;
    const rest = inside.slice(name.length + 1);
    return posix.join(directory, rest).replace(/^\.$/, '').replace(/\/$/, '');
  }

  /**
   * `pkg/dist/a.js` (not built yet) -> `pkg/src/a.ts`; also `dist/esm/a.d.ts`, `lib/cjs/a.js`:
   * a build folder and up to two format folders under it are swapped for `src/` (or nothing).
   */
  private findSourceOfOutput(path: string, includeGone: boolean): string | undefined {
    if (this.buildOutputs.size > 0) {
      // Each folder above the path, deepest first: a lookup per level, whatever the number of configs.
      for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
        for (const source of this.buildOutputs.get(path.slice(0, slash)) ?? []) {
          const match = this.withSourceExtension(posix.join(source, path.slice(slash + 1)), includeGone);
          if (match !== undefined) return match;
        }
      }
    }
    // Most probes (TypeScript trying `a.tsx`, `a.d.ts`...) are under no build folder at all.
    if (!underBuildFolder.test(path)) return undefined;
    const segments = path.split('/');
    for (let start = 0; start < segments.length - 1; start++) {
      if (!buildFolders.includes(segments[start] ?? '')) continue;
      for (let end = start; end < Math.min(start + 3, segments.length - 1); end++) {
        // A format folder (`esm`, `cjs`) has no dot: `dist/x.cjs.js/index.ts` is TypeScript
        // probing a file name as a folder, not output of `src/index.ts`.
        if (end > start && (segments[end] ?? '').includes('.')) break;
        const rest = segments.slice(end + 1);
        for (const sourceFolder of ['src', '']) {
          const swapped = [...segments.slice(0, start), ...(sourceFolder ? [sourceFolder] : []), ...rest].join('/');
          const match = this.withSourceExtension(swapped, includeGone);
          if (match !== undefined) return match;
        }
      }
    }
    return undefined;
  }

  private withSourceExtension(path: string, includeGone: boolean): string | undefined {
    for (const [pattern, extensions] of sourceForOutput) {
      if (!pattern.test(path)) continue;
      const stem = path.replace(pattern, '');
      for (const extension of extensions) {
        if (this.exists(stem + extension, includeGone)) return stem + extension;
      }
      return undefined;
    }
    return undefined;
  }
}

/** Packages that resolve to their folder in this repo: named package.json files of the workspace (see createWorkspaceFilter). */
function findWorkspacePackages(snapshot: TreeSnapshot): Map<string, string> {
  const isWorkspace = createWorkspaceFilter(snapshot);
  const packages = new Map<string, string>();
  for (const path of snapshot.paths.filter(isManifest)) {
    const directory = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    if (!isWorkspace(directory)) continue;
    const text = snapshot.files.get(path);
    const name = text === undefined ? undefined : readPackageName(text);
    if (name === undefined || packages.has(name)) continue;
    packages.set(name, directory);
  }
  return packages;
}

/** Every folder, every file, and every file without its extension(s). */
function collectEntryPrefixes(paths: string[]): Set<string> {
  const prefixes = new Set<string>();
  for (const path of paths) {
    prefixes.add(path);
    const dot = path.indexOf('.', path.lastIndexOf('/') + 1);
    if (dot > 0) prefixes.add(path.slice(0, dot));
    // Folders from the deepest up: once one is known, so are all above it.
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const folder = path.slice(0, slash);
      if (prefixes.has(folder)) break;
      prefixes.add(folder);
    }
  }
  return prefixes;
}

function isManifest(path: string): boolean {
  return (path === 'package.json' || path.endsWith('/package.json')) && !path.includes('node_modules/');
}

function readPackageName(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { name?: unknown };
    return typeof parsed.name === 'string' && parsed.name !== '' ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}

import { posix } from 'node:path';
import picomatch from 'picomatch';
import { isVendoredPath } from '../shared/source-files.js';
import type { TreeSnapshot } from '../shared/types.js';
import { readYamlDocuments } from '../shared/read-yaml.js';

/**
 * Decides which package folders (repo-relative, '' for the root) are workspace packages. A
 * folder that declares a workspace (`workspaces` in its package.json for npm, yarn and bun,
 * an array or `{ packages: [...] }`; or a pnpm-workspace.yaml) selects packages with globs
 * relative to itself; several such roots may coexist (a docs monorepo inside the main one).
 * A package is in when it is the repo root or a workspace root, when an enclosing root's globs
 * select it, or when no root encloses it at all: a repo that declares no workspace keeps every
 * named package, since tools such as Lerna or Nx link packages without declaring globs.
 */
export function createWorkspaceFilter(snapshot: TreeSnapshot): (directory: string) => boolean {
  const roots = findWorkspaceRoots(snapshot);
  if (roots.size === 0) return () => true;
  return (directory) => {
    if (directory === '' || roots.has(directory)) return true;
    let isEnclosed = false;
    for (const [root, matches] of roots) {
      if (root !== '' && !directory.startsWith(root + '/')) continue;
      isEnclosed = true;
      if (matches(root === '' ? directory : directory.slice(root.length + 1))) return true;
    }
    return !isEnclosed;
  };
}

/** Workspace root folder -> matcher of its package globs. */
function findWorkspaceRoots(snapshot: TreeSnapshot): Map<string, (directory: string) => boolean> {
  const globsByRoot = new Map<string, string[]>();
  const add = (path: string, globs: string[] | undefined): void => {
    if (globs === undefined) return;
    const root = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    globsByRoot.set(root, [...(globsByRoot.get(root) ?? []), ...globs]);
  };
  for (const path of snapshot.paths) {
    if (isVendoredPath(path)) continue;
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (name === 'package.json') add(path, readManifestWorkspaces(snapshot.files.get(path) ?? snapshot.readOnDemand(path)));
    else if (name === 'pnpm-workspace.yaml' || name === 'pnpm-workspace.yml') add(path, readPnpmPackages(snapshot.readOnDemand(path) ?? ''));
  }
  return new Map([...globsByRoot].map(([root, globs]) => [root, createGlobMatcher(globs)]));
}

/** Globs match the package folder, as package managers do; `!` globs remove what others added. */
function createGlobMatcher(globs: string[]): (directory: string) => boolean {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const raw of globs) {
    const isNegated = raw.startsWith('!');
    const glob = normalizeGlob(isNegated ? raw.slice(1) : raw);
    if (glob !== '') (isNegated ? exclude : include).push(glob);
  }
  const isIncluded = include.length === 0 ? () => false : picomatch(include, { dot: false });
  const isExcluded = exclude.length === 0 ? () => false : picomatch(exclude, { dot: true });
  return (directory) => isIncluded(directory) && !isExcluded(directory);
}

function normalizeGlob(glob: string): string {
  return posix.normalize(glob.trim()).replace(/^\.\//, '').replace(/\/+$/, '').replace(/^\.$/, '');
}

function readManifestWorkspaces(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    // A broken root manifest is reported where dependencies are read; here it just declares nothing.
    return undefined;
  }
  const workspaces = (manifest as { workspaces?: unknown } | null)?.workspaces;
  const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === 'string') : undefined;
}

/**
 * The `packages:` list of pnpm-workspace.yaml, read with a YAML parser (quoted keys, flow and
 * block sequences, anchors, comments). A file that is not valid YAML declares nothing here;
 * pnpm itself refuses to run with it.
 */
export function readPnpmPackages(text: string): string[] {
  const [document] = readYamlDocuments(text) ?? [];
  const packages = (document as { packages?: unknown } | null | undefined)?.packages;
  return Array.isArray(packages) ? packages.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '') : [];
}

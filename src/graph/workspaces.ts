import { posix } from 'node:path';
import picomatch from 'picomatch';
import { isVendoredPath } from '../shared/source-files.js';
import type { TreeSnapshot } from '../shared/types.js';

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
 * The `packages:` list of pnpm-workspace.yaml, as a block (`- 'apps/*'`) or flow (`['a', 'b']`)
 * sequence. A full YAML parser is not a dependency; this file's shape is narrow in practice.
 */
export function readPnpmPackages(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (start < 0) return [];
  const inline = stripComment((lines[start] ?? '').replace(/^packages\s*:/, '')).trim();
  if (inline.startsWith('[')) {
    // A flow sequence may span lines; gather up to the closing bracket.
    let flow = inline;
    for (let index = start + 1; !flow.includes(']') && index < lines.length; index++) flow += ' ' + stripComment(lines[index] ?? '');
    return flow.slice(1, flow.indexOf(']')).split(',').map(unquote).filter((entry) => entry !== '');
  }
  const packages: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const content = stripComment(line);
    if (content.trim() === '') continue;
    // The block ends at the next top-level key.
    if (!/^\s/.test(content) && !content.startsWith('-')) break;
    const item = /^\s*-\s*(.*)$/.exec(content);
    if (item) packages.push(unquote(item[1] ?? ''));
  }
  return packages.filter((entry) => entry !== '');
}

/** `# comment` outside quotes; globs never contain `#`, so a simple cut is enough. */
function stripComment(line: string): string {
  const match = /(^|\s)#/.exec(line);
  return match ? line.slice(0, match.index) : line;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  const quote = trimmed[0];
  if ((quote === '"' || quote === "'") && trimmed.endsWith(quote) && trimmed.length >= 2) return trimmed.slice(1, -1);
  return trimmed;
}

import { compareStrings } from '../shared/compare.js';
import type { RepoFiles } from './repo-files.js';
import { findWorkspaceEntry, packageManifest } from './workspace-entry.js';

/** A source file a package publishes: what its users import. */
export interface EntryPoint {
  package: string;
  subpath: string;
  file: string;
}

/**
 * The public entry points of every package in the repository (workspace packages and the
 * root), from package.json `exports` subpaths (patterns excluded: they publish whole folders,
 * which the walk covers file by file), else `types`/`module`/`main`, mapped back to sources.
 * Private packages (`"private": true`) publish nothing, except the root of a single-package repo.
 */
export function findEntryPoints(files: RepoFiles): EntryPoint[] {
  const entries: EntryPoint[] = [];
  for (const directory of files.manifestDirectories) {
    const manifest = packageManifest(files, directory);
    if (manifest === undefined) continue;
    if (manifest.private === true && files.manifestDirectories.length > 1) continue;
    const name = typeof manifest.name === 'string' ? manifest.name : directory || '(root)';
    for (const subpath of listSubpaths(manifest.exports)) {
      const file = findWorkspaceEntry(files, directory, subpath);
      if (file !== undefined) entries.push({ package: name, subpath, file });
    }
  }
  return entries.sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.subpath, b.subpath));
}

function listSubpaths(exports: unknown): string[] {
  if (exports === null || typeof exports !== 'object' || Array.isArray(exports)) return ['.'];
  const keys = Object.keys(exports as Record<string, unknown>).filter((key) => key.startsWith('.'));
  if (keys.length === 0) return ['.'];
  return keys.filter((key) => !key.includes('*') && !key.endsWith('/') && key !== './package.json');
}

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isIgnoredByGit } from '../git/working-tree-facts.js';
import { noCache, openCache, type CacheStore } from './cache-store.js';

/** The cache a run uses: `cacheDir` (null: none), or the default one for the repository. */
export async function openCacheFor(root: string, cacheDir: string | null | undefined): Promise<CacheStore> {
  const folder = cacheDir === undefined ? await defaultCacheDir(root) : cacheDir;
  return folder === null ? noCache : openCache(folder);
}

/**
 * `node_modules/.cache/risk` when the project has node_modules and git ignores it (where tools
 * keep caches); otherwise the user's cache folder, so the working tree never shows new files.
 */
export async function defaultCacheDir(root: string): Promise<string> {
  const inProject = join(root, 'node_modules', '.cache', 'risk');
  if (existsSync(join(root, 'node_modules')) && (await isIgnoredByGit(root, 'node_modules/.cache/risk/facts.json'))) return inProject;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'risk', createHash('sha1').update(root).digest('hex').slice(0, 16));
}


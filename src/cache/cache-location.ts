import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir, tmpdir, userInfo } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { isIgnoredByGit } from '../git/working-tree-facts.js';
import { noCache, openCache, type CacheStore } from './cache-store.js';

/**
 * The cache a run uses: `cacheDir` (null: none), or the default one for the repository.
 * `onNotice` hears why the default had to fall back (no home folder) or was dropped.
 */
export async function openCacheFor(root: string, cacheDir: string | null | undefined, onNotice: (message: string) => void = () => undefined): Promise<CacheStore> {
  if (cacheDir === null) return noCache;
  if (cacheDir !== undefined) return openCache(cacheDir);
  const folder = await defaultCacheDir(root, onNotice);
  const inProject = join(root, 'node_modules', '.cache', 'risk');
  // Never a folder inside the repository that git would show as new files (a relative base).
  if (folder !== inProject && isInside(root, folder)) {
    onNotice(`no cache: the cache folder ${folder} would be inside the repository (pass --cache-dir to choose one)`);
    return noCache;
  }
  return openCache(folder);
}

/**
 * `node_modules/.cache/risk` when the project has node_modules and git ignores it (where tools
 * keep caches); otherwise the user's cache folder, so the working tree never shows new files.
 * Without a usable home folder (HOME unset or empty, a relative XDG_CACHE_HOME) the cache goes
 * to the OS temp folder, and `onNotice` says so: a relative base would put it in the current
 * folder, i.e. inside the repository.
 */
export async function defaultCacheDir(root: string, onNotice: (message: string) => void = () => undefined): Promise<string> {
  const inProject = join(root, 'node_modules', '.cache', 'risk');
  if (existsSync(join(root, 'node_modules')) && (await isIgnoredByGit(root, 'node_modules/.cache/risk/facts.cache'))) return inProject;
  const repository = createHash('sha1').update(root).digest('hex').slice(0, 16);
  const base = userCacheFolder();
  if (base !== undefined) return join(base, 'risk', repository);
  const fallback = join(tmpdir(), `risk-cache-${userId()}`, repository);
  onNotice(`no home folder (HOME is unset or empty): caching in ${fallback}`);
  return fallback;
}

/** XDG_CACHE_HOME, else ~/.cache; undefined when neither is an absolute path (the XDG spec ignores relative ones). */
export function userCacheFolder(): string | undefined {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg !== undefined && isAbsolute(xdg)) return xdg;
  const home = homedir();
  return isAbsolute(home) ? join(home, '.cache') : undefined;
}

function userId(): string {
  try {
    return String(userInfo().uid);
  } catch {
    return 'user';
  }
}

function isInside(root: string, folder: string): boolean {
  const path = relative(root, folder);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CacheStore } from '../cache/cache-store.js';
import { CachedTable } from '../cache/cached-table.js';
import { compareStrings } from '../shared/compare.js';
import { isResolutionConfigFile, isSourceFile, isVendoredPath } from '../shared/source-files.js';
import type { Unknown } from '../shared/types.js';
import { isStringArray } from '../shared/value-guards.js';
import { bundlerEntryFolders } from './bundler-entries.js';
import type { RepoFiles } from './repo-files.js';
import type { ReadObserver, TreeProbeKind } from './tsconfig-host.js';
import { isListablePath } from './tsconfig-listing.js';
import { buildOutputFolders, loadResolutionConfigs, type ResolutionConfig, type ResolutionConfigs } from './tsconfig.js';

/** A ResolutionConfigs as stored: what parsing every tsconfig and matching its globs concluded. */
interface StoredConfigs {
  configs: ResolutionConfig[];
  /** Owning config of each source file of the tree, in tree order, as runs: [config index, count, ...]. */
  owners: number[];
  loaded: string[];
  unknowns: Unknown[];
  unknownScopes: [string, string[]][];
  /** Tree files read besides the named config files (an `extends: "./base.json"`), with their content key. */
  reads: [string, string][];
  /** Files looked at on disk (installed `extends` packages): content hash, or null when absent. */
  disk: [string, string | null][];
  /** Tree paths outside the key (see shapeKey) asked about (ReadObserver.treeProbe), and whether they were there. */
  treeProbes: [TreeProbeKind, string, boolean][];
}

const tablePrefix = 'tsconfigs-';

/**
 * loadResolutionConfigs, remembered. Parsing ~100 tsconfigs and matching their `include` globs
 * against the tree costs more than the rest of a warm run, and its answer depends only on the
 * tree's paths, the configs' contents, what they `extends` (in the tree or installed) and the
 * files deleted by the change: the entry is keyed by the paths `include` can match (not every
 * path: a commit that adds a changeset or a docs page must not cost a full parse), the tree's
 * links and the deleted files, and checked against the recorded reads and the answers about any
 * other tree path before it is used. A miss runs the real thing.
 */
export function loadResolutionConfigsCached(files: RepoFiles, configPaths: string[], explicitPath: string | undefined, treePaths: readonly string[], store: CacheStore): ResolutionConfigs {
  const resolution = loadCached(files, configPaths, explicitPath, treePaths, store);
  // From here on, module resolution maps a config's unbuilt output back to its sources, and a
  // bundler's flat outputs back to their entries.
  files.mapBuildOutputs([...buildOutputFolders(resolution.configs, files.root), ...bundlerEntryFolders(files, treePaths)]);
  return resolution;
}

function loadCached(files: RepoFiles, configPaths: string[], explicitPath: string | undefined, treePaths: readonly string[], store: CacheStore): ResolutionConfigs {
  const sources = treePaths.filter((path) => isSourceFile(path) && !isVendoredPath(path));
  const key = shapeKey(files, configPaths, explicitPath, treePaths);
  const name = `${tablePrefix}${key}`;
  // A one-entry table: the entry is checked (checksum, shape) like every cached entry.
  const table = new CachedTable<StoredConfigs>(store, name, {
    safeParse: (value) => {
      const data = asStoredConfigs(value);
      return data === undefined ? { success: false } : { success: true, data };
    },
  });
  const stored = store.dir === null ? undefined : table.get('configs');
  if (stored !== undefined && isCurrent(files, stored)) return restore(stored, sources, () => loadResolutionConfigs(files, configPaths, explicitPath, treePaths));

  const reads = new Set<string>();
  const probes = new Set<string>();
  const treeProbes = new Map<string, [TreeProbeKind, string, boolean]>();
  const observer: ReadObserver = {
    treeRead: (path) => reads.add(path),
    diskProbe: (path) => probes.add(path),
    treeProbe: (kind, path, found) => treeProbes.set(`${kind}\0${path}`, [kind, path, found]),
  };
  const fresh = loadResolutionConfigs(files, configPaths, explicitPath, treePaths, observer);
  if (store.dir !== null) {
    table.set('configs', toStored(fresh, sources, files, [...reads].filter((path) => !isResolutionConfigFile(path)), [...probes], treeProbes));
    table.save();
    store.prune(tablePrefix, name);
  }
  return fresh;
}

function shapeKey(files: RepoFiles, configPaths: string[], explicitPath: string | undefined, treePaths: readonly string[]): string {
  const hash = createHash('sha1').update(`${explicitPath ?? ''}\0`).update(treePaths.filter(isListablePath).join('\0')).update('\0\0');
  // A link (a folder's too) changes what every path below it stands for.
  for (const [link, target] of [...files.links()].sort(([a], [b]) => compareStrings(a, b))) hash.update(`${link}\0${target ?? ''}\0`);
  hash.update('\0');
  hash.update([...files.goneFiles].sort(compareStrings).join('\0')).update('\0\0');
  for (const path of [...configPaths].sort(compareStrings)) hash.update(`${path}\0${contentKey(files, path)}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** Blob id of a tree file; where the snapshot has none (the working tree's other files), a hash of the text. */
function contentKey(files: RepoFiles, path: string): string {
  return files.blobId(path) ?? createHash('sha1').update(files.readText(path) ?? '\0missing').digest('hex');
}

function diskKey(path: string): string | null {
  try {
    return createHash('sha1').update(readFileSync(path)).digest('hex');
  } catch (error) {
    // A folder named like a file answers fileExists like a file would not: keep them apart.
    return (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'folder' : null;
  }
}

function isCurrent(files: RepoFiles, stored: StoredConfigs): boolean {
  return (
    stored.reads.every(([path, key]) => contentKey(files, path) === key) &&
    stored.disk.every(([path, key]) => diskKey(path) === key) &&
    stored.treeProbes.every(([kind, path, found]) => (kind === 'host' ? files.toRepoPath(path) !== undefined : files.exists(path)) === found)
  );
}

function toStored(fresh: ResolutionConfigs, sources: string[], files: RepoFiles, reads: string[], probes: string[], treeProbes: ReadonlyMap<string, [TreeProbeKind, string, boolean]>): StoredConfigs {
  const configs: ResolutionConfig[] = [];
  const indexOf = new Map<ResolutionConfig, number>();
  const owners: number[] = [];
  for (const path of sources) {
    const config = fresh.configFor(path);
    let index = indexOf.get(config);
    if (index === undefined) {
      index = configs.length;
      configs.push(config);
      indexOf.set(config, index);
    }
    if (owners.length > 0 && owners[owners.length - 2] === index) owners[owners.length - 1] = (owners[owners.length - 1] ?? 0) + 1;
    else owners.push(index, 1);
  }
  // Configs that own no source file still count for relevance (their `paths` can name a changed module).
  for (const config of fresh.configs) {
    if (!indexOf.has(config)) {
      indexOf.set(config, configs.length);
      configs.push(config);
    }
  }
  return {
    configs,
    owners,
    loaded: fresh.loaded,
    unknowns: fresh.unknowns,
    unknownScopes: [...fresh.unknownScopes],
    reads: reads.sort(compareStrings).map((path) => [path, contentKey(files, path)]),
    disk: probes.sort(compareStrings).map((path) => [path, diskKey(path)]),
    treeProbes: [...treeProbes].sort(([a], [b]) => compareStrings(a, b)).map(([, probe]) => probe),
  };
}

/** The stored answer for the tree's source files; any other file asks the real loader (run once, on demand). */
function restore(stored: StoredConfigs, sources: string[], load: () => ResolutionConfigs): ResolutionConfigs {
  const byFile = new Map<string, ResolutionConfig>();
  let position = 0;
  for (let run = 0; run < stored.owners.length; run += 2) {
    const config = stored.configs[stored.owners[run] ?? -1];
    const count = stored.owners[run + 1] ?? 0;
    for (let index = 0; index < count; index++) {
      const path = sources[position++];
      if (config !== undefined && path !== undefined) byFile.set(path, config);
    }
  }
  let loaded: ResolutionConfigs | undefined;
  return {
    configFor: (file) => byFile.get(file) ?? (loaded ??= load()).configFor(file),
    loaded: stored.loaded,
    unknowns: stored.unknowns,
    unknownScopes: new Map(stored.unknownScopes),
    configs: stored.configs,
  };
}

const isPairs = (value: unknown, isSecond: (item: unknown) => boolean): boolean =>
  Array.isArray(value) && value.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && isSecond(pair[1]));

/**
 * The cache folder is outside our control: an entry of any other shape is a miss. Checked
 * field by field (the options inside each config are compiler options as parsed and stored).
 */
function asStoredConfigs(value: unknown): StoredConfigs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<Record<keyof StoredConfigs, unknown>>;
  const isConfig = (config: unknown): boolean =>
    typeof config === 'object' && config !== null && ((config as ResolutionConfig).configPath === null || typeof (config as ResolutionConfig).configPath === 'string') && typeof (config as ResolutionConfig).options === 'object' && (config as ResolutionConfig).options !== null && ((config as ResolutionConfig).frameworkModules === undefined || isStringArray((config as ResolutionConfig).frameworkModules));
  const isUnknown = (unknown: unknown): boolean => typeof unknown === 'object' && unknown !== null && typeof (unknown as Unknown).kind === 'string' && typeof (unknown as Unknown).file === 'string' && typeof (unknown as Unknown).reason === 'string';
  const isValid =
    Array.isArray(entry.configs) &&
    entry.configs.every(isConfig) &&
    Array.isArray(entry.owners) &&
    entry.owners.every((number) => Number.isInteger(number) && (number as number) >= 0) &&
    isStringArray(entry.loaded) &&
    Array.isArray(entry.unknowns) &&
    entry.unknowns.every(isUnknown) &&
    isPairs(entry.unknownScopes, isStringArray) &&
    isPairs(entry.reads, (key) => typeof key === 'string') &&
    isPairs(entry.disk, (key) => key === null || typeof key === 'string') &&
    Array.isArray(entry.treeProbes) &&
    entry.treeProbes.every((probe) => Array.isArray(probe) && probe.length === 3 && (probe[0] === 'host' || probe[0] === 'exists') && typeof probe[1] === 'string' && typeof probe[2] === 'boolean');
  return isValid ? (value as StoredConfigs) : undefined;
}

import { collectChanges } from '../diff/collect-changes.js';
import { loadConfig } from '../config/load-config.js';
import { buildModuleGraph } from '../graph/module-graph.js';
import { RepoFiles } from '../graph/repo-files.js';
import { ModuleResolver } from '../graph/resolve-module.js';
import { createIgnoreMatcher } from '../config/ignore-matcher.js';
import { loadResolutionConfigsCached } from '../graph/tsconfig-cache.js';
import { findUntestedFiles } from '../graph/untested.js';
import { formatBaseline } from '../policy/baseline.js';
import { openCacheFor } from '../cache/cache-location.js';
import { isResolutionConfigFile } from '../shared/source-files.js';

export interface BaselineResult {
  root: string;
  /** Repo-relative path the baseline belongs at (the config's `baseline`). */
  path: string;
  text: string;
  unknowns: number;
  untested: number;
}

/**
 * `risk baseline`: the findings of the whole repository as it is on disk (every unresolved
 * import and computed import, every source file no test reaches), for a legacy codebase to
 * accept once. Runs read-only; the caller writes the file.
 */
export async function computeBaseline(options: { cwd: string; configPath?: string | undefined; project?: string | undefined; cacheDir?: string | null | undefined; onNotice?: (message: string) => void }): Promise<BaselineResult> {
  const changes = await collectChanges({ cwd: options.cwd, mode: 'worktree' });
  const config = await loadConfig(changes.root, options.configPath);
  const files = new RepoFiles(changes.root, changes.headTree, new Set());
  const isIgnored = createIgnoreMatcher(config.ignore);
  const paths = changes.headTree.paths.filter((path) => !isIgnored(path));
  const cache = await openCacheFor(changes.root, options.cacheDir, options.onNotice);
  const resolution = loadResolutionConfigsCached(files, paths.filter(isResolutionConfigFile), options.project ?? config.project, paths, cache);
  const graph = await buildModuleGraph(files, paths, new ModuleResolver(files, resolution.configFor, cache, changes.headTree.paths), cache, config.maxFileSize);
  const unknowns = [...resolution.unknowns, ...(await graph.unknowns())];
  graph.saveCache();
  const untested = findUntestedFiles(graph.importers, paths, paths, config.tests);
  return { root: changes.root, path: config.baseline, text: formatBaseline(unknowns, untested), unknowns: unknowns.length, untested: untested.length };
}

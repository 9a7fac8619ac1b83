import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { noCache, openCache, type CacheStore } from '../cache/cache-store.js';
import type { RiskConfig } from '../config/schema.js';
import { collectChanges } from '../diff/collect-changes.js';
import { createGit } from '../git/git.js';
import { findAffectedTests } from '../graph/affected-tests.js';
import { findImporters } from '../graph/importers.js';
import { expandStarEdits } from '../graph/star-edits.js';
import { buildModuleGraph, compareUnknowns } from '../graph/module-graph.js';
import { RepoFiles } from '../graph/repo-files.js';
import { ModuleResolver } from '../graph/resolve-module.js';
import { loadResolutionConfigs } from '../graph/tsconfig.js';
import { localContext, type AnalysisContext } from '../policy/analysis-context.js';
import { assessRisk } from '../policy/assess-risk.js';
import { gatherContext } from '../policy/policy-context.js';
import { isResolutionConfigFile } from '../shared/source-files.js';
import { findChangedSymbols } from '../symbols/changed-exports.js';
import type { ExportFlow } from '../graph/importers.js';
import type { AffectedFile, ChangeSet, DiffMode, RiskReport, Unknown } from '../shared/types.js';

export interface RunOptions {
  cwd: string;
  mode: DiffMode;
  base?: string | undefined;
  head?: string | undefined;
  /** How to name the base in the report when `base` is a sha. */
  baseLabel?: string | undefined;
  /** tsconfig to resolve every file with (overrides the config file's `project`). */
  project?: string | undefined;
  /** Config file to load instead of searching the repository root. */
  configPath?: string | undefined;
  /** Told about each long phase, for a progress line; never affects the result. */
  onProgress?: ((phase: string) => void) | undefined;
  /** Cache folder; null disables the cache; undefined picks the default (see defaultCacheDir). */
  cacheDir?: string | null | undefined;
  /**
   * Where the policy comes from: the base commit (CI and hook runs, so a change cannot relax its
   * own policy) or the working tree (local runs). Default: working tree.
   */
  policyFrom?: 'base' | 'working-tree' | undefined;
}

/** Runs the pipeline diff -> symbols -> graph -> policy and returns the report. */
export async function run(options: RunOptions): Promise<RiskReport> {
  options.onProgress?.('reading the diff');
  const changes = await collectChanges(options);
  const { config, context } = await gatherContext(changes, { configPath: options.configPath, policyFrom: options.policyFrom ?? 'working-tree' });
  const cache = await openCacheFor(changes.root, options.cacheDir);
  return analyse(changes, config, { project: options.project, onProgress: options.onProgress, cache, context });
}

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
  // `check-ignore` exits 0 (printing nothing with -q) only for an ignored path.
  if (existsSync(join(root, 'node_modules')) && (await createGit(root).tryRun(['check-ignore', '-q', 'node_modules/.cache/risk/facts.json'])) !== undefined) return inProject;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'risk', createHash('sha1').update(root).digest('hex').slice(0, 16));
}

export interface AnalyseOptions {
  project?: string | undefined;
  onProgress?: ((phase: string) => void) | undefined;
  cache?: CacheStore | undefined;
  /** Policy files, commits and approvals from git; default: none (see localContext). */
  context?: AnalysisContext | undefined;
}

/** Everything after the diff: git is only asked for file texts, so tests can feed it directly. */
export async function analyse(changes: ChangeSet, config: RiskConfig, options: AnalyseOptions = {}): Promise<RiskReport> {
  const { onProgress } = options;
  const projectOverride = options.project;
  const goneFiles = new Set(changes.files.filter((file) => file.status === 'deleted' || file.status === 'renamed').map((file) => file.oldPath));
  const files = new RepoFiles(changes.root, changes.headTree, goneFiles);
  const resolution = loadResolutionConfigs(files, changes.headTree.paths.filter(isResolutionConfigFile), projectOverride ?? config.project, changes.headTree.paths);

  onProgress?.(`comparing ${changes.files.length} changed file(s)`);
  const cache = options.cache ?? noCache;
  const symbols = findChangedSymbols(changes.files, changes.baseFiles, changes.headTree.files, cache);
  let changedSymbols = symbols.changedSymbols;
  let affectedFiles: AffectedFile[] = [];
  let exportFlows: ExportFlow[] = [];
  let importers: ReadonlyMap<string, ReadonlySet<string>> | null = null;
  let graphUnknowns: Unknown[] = [];
  if (symbols.changedSymbols.length > 0) {
    const resolver = new ModuleResolver(files, resolution.configFor, cache, changes.headTree.paths);
    onProgress?.(`resolving the imports of ${changes.headTree.paths.length} files`);
    const graph = await buildModuleGraph(files, changes.headTree.paths, resolver, cache);
    onProgress?.('following importers');
    // `export *` edits become the names they forward, which needs the targets' exports.
    const expanded = await expandStarEdits(graph, changedSymbols, symbols.starEdits);
    changedSymbols = expanded.changedSymbols;
    ({ affectedFiles, exportFlows } = await findImporters(graph, changedSymbols, expanded.valueOnly, symbols.additive));
    importers = graph.importers;
    graphUnknowns = graph.unknowns();
    graph.saveCache();
  }
  const allUnknowns = dedupeUnknowns([...resolution.unknowns, ...symbols.unknowns, ...graphUnknowns]);
  const affectedTests = findAffectedTests(changes.files, affectedFiles, config.tests);
  onProgress?.('applying the policy');
  const assessment = await assessRisk({
    changes,
    config,
    context: options.context ?? localContext(changes, config.source),
    files,
    changedSymbols,
    affectedFiles,
    exportFlows,
    unknowns: allUnknowns,
    importers,
    affectedTests,
  });
  const { unknowns } = assessment;
  return {
    version: 1,
    mode: changes.mode,
    base: changes.base,
    head: changes.head,
    tsconfigs: resolution.loaded,
    config: config.source,
    policy: assessment.policy,
    changedFiles: changes.files,
    changedSymbols,
    affectedFiles,
    unknowns,
    affectedTests,
    skipped: changes.headTree.skipped,
    summary: {
      changedFiles: changes.files.length,
      changedSymbols: changedSymbols.length,
      affectedFiles: affectedFiles.length,
      maxDepth: affectedFiles.reduce((max, file) => Math.max(max, file.depth), 0),
      unknowns: unknowns.length,
      affectedTests: affectedTests.length,
    },
    signals: assessment.signals,
    publicApi: assessment.publicApi,
    critical: assessment.critical,
    untested: assessment.untested,
    nonCode: assessment.nonCode,
    provenance: assessment.provenance,
    owners: assessment.owners,
    signOff: assessment.signOff,
    baseline: assessment.baseline,
    verdict: assessment.verdict,
    decidedBy: assessment.decidedBy,
    violations: assessment.violations,
  };
}

function dedupeUnknowns(unknowns: Unknown[]): Unknown[] {
  const seen = new Set<string>();
  return unknowns.sort(compareUnknowns).filter((unknown) => {
    const key = `${unknown.kind}\0${unknown.file}\0${unknown.specifier ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

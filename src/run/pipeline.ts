import { noCache, type CacheStore } from '../cache/cache-store.js';
import { openCacheFor } from '../cache/cache-location.js';
import type { RiskConfig } from '../config/schema.js';
import { createIgnoreMatcher } from '../config/ignore-matcher.js';
import { collectChanges } from '../diff/collect-changes.js';
import { findAffectedTests } from '../graph/affected-tests.js';
import { findImporters } from '../graph/importers.js';
import { expandStarEdits } from '../graph/star-edits.js';
import { findComponentImporters } from '../graph/component-importers.js';
import { buildModuleGraph, compareUnknowns, isOversized, oversizedUnknown, type ModuleGraph } from '../graph/module-graph.js';
import { openWalkCache, type WalkResult } from '../graph/walk-cache.js';
import { explainIgnoredTargets } from '../graph/ignored-targets.js';
import { RepoFiles } from '../graph/repo-files.js';
import { ModuleResolver, moduleTarget } from '../graph/resolve-module.js';
import { loadResolutionConfigsCached } from '../graph/tsconfig-cache.js';
import type { ResolutionConfigs } from '../graph/tsconfig.js';
import { localContext, type AnalysisContext } from '../policy/analysis-context.js';
import { assessRisk } from '../policy/assess-risk.js';
import { gatherContext } from '../policy/policy-context.js';
import { isDataModuleFile, isResolutionConfigFile, isSourceFile, isVendoredPath } from '../shared/source-files.js';
import { countChangedExports } from '../shared/changed-export-count.js';
import { findChangedSymbols, type ModuleIdentity, type SymbolChanges } from '../symbols/changed-exports.js';
import type { ExportFlow } from '../graph/importers.js';
import type { HistoryFeatures } from '../signals/score/file-history.js';
import { readScoreHistory } from './score-history.js';
import type { WorkingTreeMemo } from '../git/tree-snapshot.js';
import type { AffectedFile, ChainNode, ChangedFile, ChangedSymbol, ChangeSet, DiffMode, RiskReport, Unknown } from '../shared/types.js';

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
  /** Let git fetch missing objects of a partial clone (`--allow-fetch`). */
  allowFetch?: boolean | undefined;
  /** Told facts the user should know that do not change the report (e.g. where the cache went); printed on stderr. */
  onNotice?: ((message: string) => void) | undefined;
  /**
   * Where the policy comes from: the base commit (CI and hook runs, so a change cannot relax its
   * own policy) or the working tree (local runs). Default: working tree.
   */
  policyFrom?: 'base' | 'working-tree' | undefined;
  /**
   * The coding agent making this change, in words (e.g. "Claude Code (CLAUDECODE=1)"), when
   * the caller knows one is. Staged and working-tree changes have no commits whose trailers
   * could say so; with this set they count as AI-assisted. Ignored for commit ranges.
   */
  agent?: string | undefined;
  /** See DiffOptions.worktreeMemo: a long-lived caller's memory of working-tree reads. */
  worktreeMemo?: WorkingTreeMemo | undefined;
  /** With policyFrom 'base': a repository-relative config file to read there instead of the default names (CI's --config). */
  basePolicyFile?: string | undefined;
}

/**
 * A whole run: diff (what changed), the policy that governs it, then `analyse`.
 * In: where and what to compare. Out: the RiskReport (formatting is the CLI's job).
 */
export async function run(options: RunOptions): Promise<RiskReport> {
  return (await runDetailed(options)).report;
}

/** A run, and what went into it: the change set (the head tree's paths) and the policy. */
export interface DetailedRun {
  report: RiskReport;
  changes: ChangeSet;
  config: RiskConfig;
}

/** `run`, keeping its inputs for callers that shape the report further (risk mcp: packages, approvers). */
export async function runDetailed(options: RunOptions): Promise<DetailedRun> {
  options.onProgress?.('reading the diff');
  const changes = await collectChanges(options);
  const { config, context } = await gatherContext(changes, { configPath: options.configPath, policyFrom: options.policyFrom ?? 'working-tree', basePolicyFile: options.basePolicyFile, agent: options.agent });
  const cache = await openCacheFor(changes.root, options.cacheDir, options.onNotice);
  const history = config.score === null ? undefined : await readScoreHistory(changes, context);
  const report = await analyse(changes, config, { project: options.project, onProgress: options.onProgress, cache, context, history });
  return { report, changes, config };
}

export interface AnalyseOptions {
  project?: string | undefined;
  onProgress?: ((phase: string) => void) | undefined;
  cache?: CacheStore | undefined;
  /** Policy files, commits and approvals from git; default: none (see localContext). */
  context?: AnalysisContext | undefined;
  /** History of the touched files, for the risk model (config `score`); without it no score is computed. */
  history?: HistoryFeatures | undefined;
}

/**
 * Everything after the diff, one stage after another: symbols -> graph -> policy -> report.
 * Git is only asked for file texts, so tests can feed a ChangeSet directly.
 */
export async function analyse(changes: ChangeSet, config: RiskConfig, options: AnalyseOptions = {}): Promise<RiskReport> {
  const { onProgress } = options;
  const cache = options.cache ?? noCache;
  const tree = loadTree(changes, config, options.project ?? config.project, cache);

  onProgress?.(`comparing ${tree.analysedChanges.length} changed file(s)`);
  // A changed file over maxFileSize (a generated bundle or table) is not parsed: an unknown.
  const oversized = findOversizedChanges(tree.analysedChanges, changes, config.maxFileSize);
  const parsedFiles = oversized.length === 0 ? tree.analysedChanges : tree.analysedChanges.filter((file) => !oversized.some((unknown) => unknown.file === file.path || unknown.file === file.oldPath));
  // Built on the first question: a run whose imports all read as before never loads it here.
  let resolver: ModuleResolver | undefined;
  const resolverOf = (): ModuleResolver => (resolver ??= new ModuleResolver(tree.files, tree.resolution.configFor, cache, changes.headTree.paths));
  const symbols = findChangedSymbols(parsedFiles, changes.baseFiles, changes.headTree.files, cache, moduleIdentity(resolverOf));

  const radius = await findBlastRadius(changes, tree, symbols, cache, resolverOf, onProgress, config.maxFileSize);
  const { changedSymbols } = radius;
  const unknowns = await explainIgnoredTargets(dedupeUnknowns([...tree.resolution.unknowns, ...oversized, ...symbols.unknowns, ...radius.unknowns]), tree.files, changes.headTree.paths, tree.resolution.configFor);
  const affectedTests = findAffectedTests(tree.analysedChanges, radius.affectedFiles, config.tests);

  onProgress?.('applying the policy');
  const assessment = await assessRisk({
    changes,
    config,
    context: options.context ?? localContext(changes, config.source),
    files: tree.files,
    changedSymbols,
    affectedFiles: radius.affectedFiles,
    exportFlows: radius.exportFlows,
    unknowns,
    importers: radius.importers,
    affectedTests,
    resolution: tree.resolution,
    history: options.history,
  });

  return buildReport(changes, config, tree, changedSymbols, radius, affectedTests, assessment);
}

/** The analysed tree: every file's text on the head side, and the tsconfig that owns each. */
interface Tree {
  files: RepoFiles;
  resolution: ResolutionConfigs;
  /** Head-tree paths outside the config's `ignore` globs: the files that are read and parsed. */
  paths: string[];
  /** Changed files outside `ignore`; the others are listed in the report as ignored changes. */
  analysedChanges: ChangeSet['files'];
  ignoredChanges: string[];
}

function loadTree(changes: ChangeSet, config: RiskConfig, project: string | undefined, cache: CacheStore): Tree {
  const goneFiles = new Set(changes.files.filter((file) => file.status === 'deleted' || file.status === 'renamed').map((file) => file.oldPath));
  const files = new RepoFiles(changes.root, changes.headTree, goneFiles);
  // `ignore`d files are outside the analysed tree: no config or source among them is read. They
  // stay resolvable, so an import into one is an edge (to a file that is never analysed), not an unknown.
  const isIgnored = createIgnoreMatcher(config.ignore);
  const paths = changes.headTree.paths.filter((path) => !isIgnored(path));
  // Committed `node_modules` (a test fixture's packages) is vendored code, never read or
  // resolved into: a change there is listed with the ignored ones, not read as source.
  const isOutside = (file: ChangedFile): boolean => isIgnored(file.path) || isIgnored(file.oldPath) || (isVendoredPath(file.path) && isVendoredPath(file.oldPath));
  const analysedChanges = changes.files.filter((file) => !isOutside(file));
  const ignoredChanges = changes.files.filter(isOutside).map((file) => file.path);
  const resolution = loadResolutionConfigsCached(files, paths.filter(isResolutionConfigFile), project, paths, cache);
  return { files, resolution, paths, analysedChanges, ignoredChanges };
}

interface Radius {
  /** The symbol stage's changes, with edited `export *` lines expanded into the names they forward. */
  changedSymbols: ChangedSymbol[];
  affectedFiles: AffectedFile[];
  chains: ChainNode[];
  exportFlows: ExportFlow[];
  /** Who imports each file; null when nothing changed, so the graph was not built. */
  importers: ReadonlyMap<string, ReadonlySet<string>> | null;
  unknowns: Unknown[];
}

/**
 * A specifier's module for the symbol stage (ModuleIdentity): the repository file it resolves
 * to in the head tree (a deleted file included), else the specifier itself.
 */
function moduleIdentity(resolverOf: () => ModuleResolver): ModuleIdentity {
  return (importer, specifier, mode) => {
    const target = moduleTarget(resolverOf().resolve(specifier, importer, mode));
    return target !== undefined ? `file\0${target}` : `specifier\0${specifier}`;
  };
}

/** Graph stage: resolve every import of the tree, then follow the changed symbols to their users. */
async function findBlastRadius(changes: ChangeSet, tree: Tree, symbols: SymbolChanges, cache: CacheStore, resolverOf: () => ModuleResolver, onProgress: AnalyseOptions['onProgress'], maxFileSize: number): Promise<Radius> {
  if (symbols.changedSymbols.length === 0) return { changedSymbols: [], affectedFiles: [], chains: [], exportFlows: [], importers: null, unknowns: [] };
  const resolver = resolverOf();
  onProgress?.(`resolving the imports of ${changes.headTree.paths.length} files`);
  const graph = await buildModuleGraph(tree.files, tree.paths, resolver, cache, maxFileSize);
  onProgress?.('following importers');
  const walks = openWalkCache(cache, graph.key, symbols);
  let walk = walks.read();
  if (walk === undefined) {
    walk = await walkImporters(graph, symbols);
    walks.write(walk);
  }
  // Outside the walk's cache entry: its key covers the sources, not the components' texts.
  const components = await findComponentImporters(tree.files, tree.paths, resolver, reachedNames(walk), cache);
  graph.saveCache();
  return { ...walk, unknowns: [...walk.unknowns, ...components], importers: graph.importers };
}

/** Each changed or affected module with the names that carry the change out of it. */
function reachedNames(walk: WalkResult): Map<string, Set<string>> {
  const reached = new Map<string, Set<string>>();
  const add = (file: string, name: string): void => {
    const names = reached.get(file);
    if (names === undefined) reached.set(file, new Set([name]));
    else names.add(name);
  };
  for (const symbol of walk.changedSymbols) add(symbol.file, symbol.name);
  for (const affected of walk.affectedFiles) for (const name of affected.exports) add(affected.file, name);
  return reached;
}

/** From the changed symbols to every file that uses them, over the graph's reverse edges. */
async function walkImporters(graph: ModuleGraph, symbols: SymbolChanges): Promise<WalkResult> {
  // `export *` edits become the names they forward, which needs the targets' exports.
  const { changedSymbols, valueOnly } = await expandStarEdits(graph, symbols.changedSymbols, symbols.starEdits);
  const { affectedFiles, chains, exportFlows, reaches } = await findImporters(graph, changedSymbols, valueOnly, symbols.additive);
  const counted = changedSymbols.map((symbol) => ({ ...symbol, reaches: reaches.get(`${symbol.file}#${symbol.name}`) ?? 0 }));
  // A JSON or CSS file no module imports is data or configuration, not a module (a locale
  // file, .eslintrc.json): listing it would count it against maxChangedSymbols.
  const imported = counted.filter((symbol) => !(symbol.reaches === 0 && symbol.name === '*' && isDataModuleFile(symbol.file)));
  return { changedSymbols: imported, affectedFiles, chains, exportFlows, unknowns: await graph.unknowns() };
}

type Assessment = Awaited<ReturnType<typeof assessRisk>>;

/** Report stage: the plain-data RiskReport every formatter reads. */
function buildReport(changes: ChangeSet, config: RiskConfig, tree: Tree, changedSymbols: ChangedSymbol[], radius: Radius, affectedTests: string[], assessment: Assessment): RiskReport {
  const { unknowns, unknownsElsewhere } = assessment;
  const { affectedFiles } = radius;
  return {
    version: 2,
    mode: changes.mode,
    base: changes.base,
    head: changes.head,
    tsconfigs: tree.resolution.loaded,
    config: config.source,
    policy: assessment.policy,
    changedFiles: changes.files,
    changedSymbols,
    affectedFiles,
    chains: radius.chains,
    packages: assessment.packages,
    unknowns,
    unknownsElsewhere,
    ignoredChanges: tree.ignoredChanges,
    affectedTests,
    skipped: changes.headTree.skipped,
    summary: {
      changedFiles: changes.files.length,
      changedSymbols: countChangedExports(changedSymbols),
      affectedFiles: affectedFiles.length,
      contractAffectedFiles: affectedFiles.filter((file) => file.impact === 'contract').length,
      maxDepth: affectedFiles.reduce((max, file) => Math.max(max, file.depth), 0),
      unknowns: unknowns.length,
      unknownsElsewhere: unknownsElsewhere.length,
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

/** Changed source files whose base or head text is over the limit, as unknowns (one per path). */
function findOversizedChanges(files: ChangedFile[], changes: ChangeSet, maxFileSize: number): Unknown[] {
  const found = new Map<string, Unknown>();
  for (const file of files) {
    if (!isSourceFile(file.path) && !isSourceFile(file.oldPath)) continue;
    const head = file.status === 'deleted' ? undefined : changes.headTree.files.get(file.path);
    const base = file.status === 'added' ? undefined : changes.baseFiles.get(file.oldPath);
    if (head !== undefined && isOversized(head, maxFileSize)) found.set(file.path, oversizedUnknown(file.path, head, maxFileSize));
    else if (base !== undefined && isOversized(base, maxFileSize)) found.set(file.oldPath, oversizedUnknown(file.oldPath, base, maxFileSize));
  }
  return [...found.values()];
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

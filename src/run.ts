import { loadConfig } from './config/load-config.js';
import type { RiskConfig } from './config/schema.js';
import { collectChanges } from './diff/collect-changes.js';
import { findAffectedTests } from './graph/affected-tests.js';
import { findImporters } from './graph/importers.js';
import { buildModuleGraph, compareUnknowns } from './graph/module-graph.js';
import { RepoFiles } from './graph/repo-files.js';
import { ModuleResolver } from './graph/resolve-module.js';
import { loadResolutionConfigs } from './graph/tsconfig.js';
import { evaluatePolicy } from './policy/evaluate.js';
import { isResolutionConfigFile } from './source-files.js';
import { findChangedSymbols } from './symbols/changed-exports.js';
import type { AffectedFile, ChangeSet, DiffMode, RiskReport, Unknown } from './types.js';

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
}

/** Runs the pipeline diff -> symbols -> graph -> policy and returns the report. */
export async function run(options: RunOptions): Promise<RiskReport> {
  options.onProgress?.('reading the diff');
  const changes = await collectChanges(options);
  const config = await loadConfig(changes.root, options.configPath);
  return analyse(changes, config, options.project, options.onProgress);
}

/** Everything after the diff: pure with respect to git, so tests can feed it directly. */
export function analyse(changes: ChangeSet, config: RiskConfig, projectOverride?: string, onProgress?: (phase: string) => void): RiskReport {
  const goneFiles = new Set(changes.files.filter((file) => file.status === 'deleted' || file.status === 'renamed').map((file) => file.oldPath));
  const files = new RepoFiles(changes.root, changes.headTree, goneFiles);
  const resolution = loadResolutionConfigs(files, changes.headTree.paths.filter(isResolutionConfigFile), projectOverride ?? config.project);

  onProgress?.(`comparing ${changes.files.length} changed file(s)`);
  const symbols = findChangedSymbols(changes.files, changes.baseFiles, changes.headTree.files);
  let affectedFiles: AffectedFile[] = [];
  let graphUnknowns: Unknown[] = [];
  if (symbols.changedSymbols.length > 0) {
    const resolver = new ModuleResolver(files, resolution.configFor);
    onProgress?.(`resolving the imports of ${changes.headTree.paths.length} files`);
    const graph = buildModuleGraph(files, changes.headTree.paths, resolver, changes.headTree.unreadable);
    onProgress?.('following importers');
    affectedFiles = findImporters(graph, symbols.changedSymbols);
    graphUnknowns = graph.unknowns();
  }
  const unknowns = dedupeUnknowns([...symbols.unknowns, ...graphUnknowns]);
  const affectedTests = findAffectedTests(changes.files, affectedFiles, config.tests);
  const maxDepth = affectedFiles.reduce((max, file) => Math.max(max, file.depth), 0);
  const policy = evaluatePolicy(
    {
      affectedFiles: affectedFiles.length,
      changedSymbols: symbols.changedSymbols.length,
      maxDepth,
      unknowns: unknowns.length,
      brokenImporters: affectedFiles.filter((file) => file.isBroken).length,
    },
    config,
  );
  return {
    version: 1,
    mode: changes.mode,
    base: changes.base,
    head: changes.head,
    tsconfigs: resolution.loaded,
    config: config.source,
    changedFiles: changes.files,
    changedSymbols: symbols.changedSymbols,
    affectedFiles,
    unknowns,
    affectedTests,
    summary: {
      changedFiles: changes.files.length,
      changedSymbols: symbols.changedSymbols.length,
      affectedFiles: affectedFiles.length,
      maxDepth,
      unknowns: unknowns.length,
      affectedTests: affectedTests.length,
    },
    ...policy,
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

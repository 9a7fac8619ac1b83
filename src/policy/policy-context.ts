import { listFilesPresent } from '../git/queries.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSnapshotTexts, type AnalysisContext } from './analysis-context.js';
import { loadConfig, loadConfigFromTexts, configSearchPlaces } from '../config/load-config.js';
import type { RiskConfig } from '../config/schema.js';
import { checkApprovals } from '../sign-off/approvals.js';
import { emptyTree } from '../diff/collect-changes.js';
import { createGit, type Git } from '../git/git.js';
import { readCommits } from '../git/read-commits.js';
import { readTextsAtCommit } from '../git/tree-snapshot.js';
import { ConfigError } from '../shared/errors.js';
import { codeownersLocations, findCodeownersPath } from '../owners/codeowners.js';
import type { ChangeSet } from '../shared/types.js';


/**
 * Loads the policy and what it needs from git. In CI and hook runs the policy (config,
 * baseline, CODEOWNERS) is read from the base commit, so a change is judged by the rules it
 * started from, not by rules it edits; locally it is read from the working tree, or from
 * --config.
 */
export async function gatherContext(
  changes: ChangeSet,
  options: { configPath: string | undefined; policyFrom: 'base' | 'working-tree'; basePolicyFile?: string | undefined; agent?: string | undefined },
): Promise<{ config: RiskConfig; context: AnalysisContext }> {
  const git = createGit(changes.root);
  const fromBase = options.policyFrom === 'base' && options.configPath === undefined;
  const policyCommit = fromBase ? changes.base.sha : null;
  const readPolicyTexts = async (paths: string[]): Promise<Map<string, string>> => {
    if (policyCommit === null) return readWorkingFiles(changes, paths);
    if (policyCommit === emptyTree) return new Map();
    return readTextsAtCommit(git, policyCommit, paths);
  };

  const basePolicyFile = fromBase ? options.basePolicyFile : undefined;
  const config = fromBase
    ? await loadConfigFromTexts(await readPolicyTexts(basePolicyFile === undefined ? configSearchPlaces : [basePolicyFile]), policyCommit ?? '', basePolicyFile)
    : await loadConfig(changes.root, options.configPath);
  // Only the CODEOWNERS locations are looked for: the policy commit's whole tree is never listed.
  const policyPaths = policyCommit === null || policyCommit === emptyTree ? changes.headTree.paths : await listFilesPresent(git, policyCommit, codeownersLocations);
  const codeownersPath = config.codeowners === false ? null : (config.codeowners ?? findCodeownersPath(policyPaths));
  const policyTexts = await readPolicyTexts([codeownersPath, config.baseline].filter((path): path is string => path !== null));
  if (typeof config.codeowners === 'string' && !policyTexts.has(config.codeowners)) {
    throw new ConfigError(`codeowners: ${config.codeowners} does not exist${fromBase ? ' at the base commit' : ''}`, 'fix the path, or remove the key to find CODEOWNERS in the usual places');
  }
  const toEntry = (path: string | null): { path: string; text: string } | null => {
    const text = path === null ? undefined : policyTexts.get(path);
    return path === null || text === undefined ? null : { path, text };
  };

  const headSha = changes.head.sha;
  const context: AnalysisContext = {
    policy: { origin: options.configPath !== undefined ? 'override' : config.source === null ? 'defaults' : fromBase ? 'base-commit' : 'working-tree', commit: policyCommit },
    codeowners: toEntry(codeownersPath),
    baseline: toEntry(config.baseline),
    commits: headSha === null || changes.base.sha === emptyTree ? [] : await readCommits(git, changes.base.sha, headSha),
    agent: changes.mode === 'range' ? null : (options.agent ?? null),
    readTexts: (side, paths) => (side === 'base' ? readBaseTexts(git, changes, paths) : Promise.resolve(readSnapshotTexts(changes.headTree, paths))),
    checkApprovals: () => (headSha === null ? Promise.resolve([]) : checkApprovals(git, { headSha, baseSha: changes.base.sha === emptyTree ? null : changes.base.sha, approvers: config.approvers })),
  };
  return { config, context };
}

function readBaseTexts(git: Git, changes: ChangeSet, paths: string[]): Promise<Map<string, string>> {
  return changes.base.sha === emptyTree ? Promise.resolve(new Map<string, string>()) : readTextsAtCommit(git, changes.base.sha, paths);
}

/** The policy files as the user has them on disk, like the config file cosmiconfig finds. */
function readWorkingFiles(changes: ChangeSet, paths: string[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const path of paths) {
    try {
      texts.set(path, readFileSync(join(changes.root, path), 'utf8'));
    } catch {
      // Absent: no CODEOWNERS or no baseline.
    }
  }
  return texts;
}

import type { CommitInfo } from '../git/read-commits.js';
import type { ApprovalCheck, ChangeSet, RiskReport, TreeSnapshot } from '../shared/types.js';

/**
 * What the policy stage needs from git beyond the diff, gathered by `run` (see
 * policy-context.ts). Tests that feed `analyse` in-memory changes get `localContext`.
 */
export interface AnalysisContext {
  policy: RiskReport['policy'];
  /** CODEOWNERS as the policy's commit holds it, or null when there is none (or owners are off). */
  codeowners: { path: string; text: string } | null;
  baseline: { path: string; text: string } | null;
  /** The analysed commits, oldest first; empty for staged and working-tree runs. */
  commits: CommitInfo[];
  /**
   * The agent making a staged or working-tree change (there are no commits to read), or null.
   * Set by the caller that knows (an agent's hook, `risk mcp`); see provenance/agent-marker.ts.
   */
  agent: string | null;
  /** Texts of any files (not only source) on one side of the change. */
  readTexts: (side: 'base' | 'head', paths: string[]) => Promise<Map<string, string>>;
  /** Verifies the sign-off tags of the head commit; called only when a rule asks for sign-off. */
  checkApprovals: () => Promise<ApprovalCheck[]>;
}

/** A context with no git behind it: texts come from the change set, and there is nothing to sign. */
export function localContext(changes: ChangeSet, configSource: string | null): AnalysisContext {
  return {
    policy: { origin: configSource === null ? 'defaults' : 'working-tree', commit: null },
    codeowners: null,
    baseline: null,
    commits: [],
    agent: null,
    readTexts: (side, paths) => {
      if (side === 'head') return Promise.resolve(readSnapshotTexts(changes.headTree, paths));
      return Promise.resolve(new Map(paths.flatMap((path): [string, string][] => {
        const text = changes.baseFiles.get(path);
        return text === undefined ? [] : [[path, text]];
      })));
    },
    checkApprovals: () => Promise.resolve([]),
  };
}

/** Texts of any files of a tree snapshot: loaded ones, else read on demand; missing ones are left out. */
export function readSnapshotTexts(snapshot: TreeSnapshot, paths: string[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const path of paths) {
    const text = snapshot.files.get(path) ?? snapshot.readOnDemand(path);
    if (text !== undefined) texts.set(path, text);
  }
  return texts;
}

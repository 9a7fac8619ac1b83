import type { CommitInfo } from './diff/read-commits.js';
import type { ApprovalCheck, ChangeSet, RiskReport } from './types.js';

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
    readTexts: (side, paths) => {
      const texts = new Map<string, string>();
      for (const path of paths) {
        const text = side === 'base' ? changes.baseFiles.get(path) : (changes.headTree.files.get(path) ?? changes.headTree.readOnDemand(path));
        if (text !== undefined) texts.set(path, text);
      }
      return Promise.resolve(texts);
    },
    checkApprovals: () => Promise.resolve([]),
  };
}

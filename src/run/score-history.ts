import { createGit } from '../git/git.js';
import { readCommitTime, readFirstParentHistory } from '../git/history-log.js';
import { readConfigValue } from '../git/queries.js';
import type { AnalysisContext } from '../policy/analysis-context.js';
import { emptyTree } from '../diff/collect-changes.js';
import { FileHistory, historyWindowDays, type HistoryFeatures } from '../signals/score/file-history.js';
import type { ChangeSet } from '../shared/types.js';

/**
 * History features of the change for the risk model: the base's first-parent history over the
 * model's window, the touched paths (both sides of a rename), the head commit's author and
 * time (now, for staged and working-tree changes), and the subjects of the range's commits.
 */
export async function readScoreHistory(changes: ChangeSet, context: AnalysisContext): Promise<HistoryFeatures> {
  const git = createGit(changes.root);
  const headTime = changes.head.sha === null ? Math.floor(Date.now() / 1000) : await readCommitTime(git, changes.head.sha);
  const last = context.commits[context.commits.length - 1];
  const authorEmail = (last?.author.email ?? (await readConfigValue(git, 'user.email')) ?? '').trim().toLowerCase();
  const history = changes.base.sha === emptyTree ? [] : await readFirstParentHistory(git, changes.base.sha, { since: headTime - historyWindowDays * 86_400 });
  const paths = changes.files.flatMap((file) => [file.path, file.oldPath]);
  return new FileHistory(history).featuresOf({ paths, authorEmail, time: headTime, subjects: context.commits.map((commit) => commit.subject) });
}

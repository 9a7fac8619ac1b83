import { createGit } from '../git/git.js';
import { readFirstParentHistory } from '../git/history-log.js';
import type { AnalysisContext } from '../policy/analysis-context.js';
import { emptyTree } from '../diff/collect-changes.js';
import { FileHistory, historyWindowDays, type HistoryFeatures } from '../score/file-history.js';
import type { ChangeSet } from '../shared/types.js';

/**
 * History features of the change for the risk model: the base's first-parent history over the
 * model's window, the touched paths (both sides of a rename), the head commit's author and
 * time (now, for staged and working-tree changes), and the subjects of the range's commits.
 */
export async function readScoreHistory(changes: ChangeSet, context: AnalysisContext): Promise<HistoryFeatures> {
  const git = createGit(changes.root);
  const headTime = changes.head.sha === null ? Math.floor(Date.now() / 1000) : Number((await git.run(['log', '-1', '--no-show-signature', '--format=%at', changes.head.sha])).trim());
  const last = context.commits[context.commits.length - 1];
  const authorEmail = (last?.author.email ?? (await git.tryRun(['config', 'user.email'])) ?? '').trim().toLowerCase();
  const history = changes.base.sha === emptyTree ? [] : await readFirstParentHistory(git, changes.base.sha, { since: headTime - historyWindowDays * 86_400 });
  const paths = changes.files.flatMap((file) => [file.path, file.oldPath]);
  return new FileHistory(history).featuresOf({ paths, authorEmail, time: headTime, subjects: context.commits.map((commit) => commit.subject) });
}

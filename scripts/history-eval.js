// Labels, fits and evaluates the risk model on a replayed repository (see README, "Risk score").
// Usage: node scripts/history-eval.js <repo> <count> <cacheDir> <out.json> [head]
// (head: replay the <count> first-parent commits before this one instead of before HEAD)
// The replay itself is resumable and cached (scripts/replay-history.js); this adds the labels
// (reverts, SZZ), the history features, the time split, and writes per-commit held-out scores.
import { writeFileSync } from 'node:fs';
import { createGit } from '../dist/git/git.js';
import { readFirstParentHistory } from '../dist/git/history-log.js';
import { replayHistory } from '../dist/run/history/replay.js';
import { labelCommits } from '../dist/run/history/labels.js';
import { buildRows, evaluateWithPredictions } from '../dist/run/history/evaluate-model.js';

const [repo, count = '300', cacheDir, out, head] = process.argv.slice(2);
const replay = await replayHistory({ cwd: repo, count: Number(count), cacheDir, head });
// Labels need the history after the replayed window too (the fixes come later).
if (head !== undefined) replay.history = await readFirstParentHistory(createGit(replay.root), 'HEAD');
const labels = await labelCommits(createGit(replay.root), replay.history, new Set(replay.commits.map((c) => c.sha)));
const rows = buildRows(replay, labels);
const { evaluation, predictions } = evaluateWithPredictions(rows);
const summary = {
  repo,
  commits: rows.length,
  failed: replay.commits.length - rows.length,
  bugIntroducing: rows.filter((r) => r.isBugIntroducing).length,
  reverted: rows.filter((r) => r.isReverted).length,
  evaluation,
};
writeFileSync(out, JSON.stringify({ summary, predictions, rows }, null, 1));
console.log(JSON.stringify({ ...summary, evaluation: { ...evaluation, weights: undefined } }));

// Pools the held-out figures of several repositories evaluated by scripts/history-eval.js.
// Usage: node scripts/history-pool.js <a.eval.json> <b.eval.json> ...
// Per repository: AUC of the model, of lines changed and of affected files on its test period,
// and the share of bug-introducing (SZZ) and reverted test commits in its riskiest 10% and 20%.
// Pooled: each score is turned into its rank within its own repository (0-1), so repositories
// with different base rates and scales can share one AUC; the capture figures add up the
// troubled commits each repository's own top 10% / 20% caught.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { areaUnderCurve, captureAt } from '../dist/signals/score/model.js';

const rank = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return values.map((value) => (sorted.indexOf(value) + sorted.lastIndexOf(value)) / 2 / Math.max(1, values.length - 1));
};
const fmt = (value) => (value === null ? 'n/a' : value.toFixed(2));
const rows = [];
const pooled = { model: [], lines: [], affected: [], label: [] };
const caught = { bug10: [0, 0], bug20: [0, 0], rev10: [0, 0], rev20: [0, 0] };
for (const file of process.argv.slice(2)) {
  const { summary, predictions } = JSON.parse(readFileSync(file, 'utf8'));
  const label = predictions.map((p) => (p.isBugIntroducing || p.isReverted ? 1 : 0));
  const bug = predictions.map((p) => (p.isBugIntroducing ? 1 : 0));
  const rev = predictions.map((p) => (p.isReverted ? 1 : 0));
  const scores = predictions.map((p) => p.score);
  const count = (labels, share) => {
    const positives = labels.filter((x) => x === 1).length;
    const capture = captureAt(scores, labels, share);
    return [capture === null ? 0 : Math.round(capture * positives), positives];
  };
  for (const [key, labels, share] of [['bug10', bug, 0.1], ['bug20', bug, 0.2], ['rev10', rev, 0.1], ['rev20', rev, 0.2]]) {
    const [hit, total] = count(labels, share);
    caught[key][0] += hit;
    caught[key][1] += total;
  }
  pooled.model.push(...rank(scores));
  pooled.lines.push(...rank(predictions.map((p) => p.lines)));
  pooled.affected.push(...rank(predictions.map((p) => p.affectedFiles)));
  pooled.label.push(...label);
  rows.push([
    basename(file).replace(/\.eval\.json$/, ''),
    summary.commits,
    `${summary.bugIntroducing}/${summary.reverted}`,
    `${predictions.length} (${label.filter((x) => x === 1).length})`,
    fmt(summary.evaluation.model.auc),
    fmt(summary.evaluation.baselines.lines.auc),
    fmt(summary.evaluation.baselines.affectedFiles.auc),
    `${count(bug, 0.1).join('/')}`,
    `${count(bug, 0.2).join('/')}`,
    `${count(rev, 0.1).join('/')}`,
    `${count(rev, 0.2).join('/')}`,
  ]);
}
const share = ([hit, total]) => (total === 0 ? 'n/a' : `${hit}/${total} = ${((100 * hit) / total).toFixed(0)}%`);
rows.push([
  'pooled',
  rows.reduce((sum, row) => sum + row[1], 0),
  '',
  `${pooled.label.length} (${pooled.label.filter((x) => x === 1).length})`,
  fmt(areaUnderCurve(pooled.model, pooled.label)),
  fmt(areaUnderCurve(pooled.lines, pooled.label)),
  fmt(areaUnderCurve(pooled.affected, pooled.label)),
  share(caught.bug10),
  share(caught.bug20),
  share(caught.rev10),
  share(caught.rev20),
]);
const header = ['repository', 'commits', 'SZZ/reverted', 'test (troubled)', 'AUC model', 'AUC lines', 'AUC affected', 'bug-intro top 10%', 'top 20%', 'reverted top 10%', 'top 20%'];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);

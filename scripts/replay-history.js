// Replays the last N first-parent commits of a repository (for the history measurements).
// Usage: node scripts/replay-history.js <repo> <count> [cacheDir]
// Prints one progress line per 10 commits on stderr; per-commit results are stored in the
// cache folder, so running it again resumes.
import { replayHistory } from '../dist/run/history/replay.js';

const [repo, count = '300', cacheDir] = process.argv.slice(2);
const started = Date.now();
const replay = await replayHistory({
  cwd: repo,
  count: Number(count),
  cacheDir,
  onProgress: (done, total, cached) => {
    if (done % 10 === 0 || done === total) process.stderr.write(`${repo}: ${done}/${total} (${cached} cached) ${Math.round((Date.now() - started) / 1000)} s\n`);
  },
});
const failed = replay.commits.filter((commit) => commit.error !== null);
console.log(JSON.stringify({ repo, commits: replay.commits.length, failed: failed.length, errors: failed.slice(0, 3).map((c) => c.error), seconds: Math.round((Date.now() - started) / 1000) }));

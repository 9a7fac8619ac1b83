// npm run trial -- --repo PATH [--commits N] [--head REV] [--name LABEL] [--timeout S] [--markdown]
//
// Runs risk as a new user would, on the last N first-parent commits of a real repository (each
// against its first parent), and prints one row per commit: repository, commit, source files in
// the tree, changed files, affected files, unknowns that count towards the verdict, unknowns
// elsewhere in the repository, wall time and exit code. Every run must exit 0 or 1; the script
// itself exits 1 when any run exited otherwise (and prints that run's stderr).
//
// The cache starts empty (a temporary folder, removed at the end), so the first row is a cold
// run and the later ones reuse what earlier commits parsed, like a developer's pre-push hook.
//
// Options:
//   --repo PATH      repository (default: current directory)
//   --commits N      how many first-parent commits of --head (default 10)
//   --head REV       newest commit (default HEAD)
//   --name LABEL     repository name in the rows (default: the folder name)
//   --timeout S      passed to risk as --timeout (default 900)
//   --markdown       print a Markdown table instead of aligned columns
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index < 0 ? fallback : argv[index + 1];
};
const riskBin = fileURLToPath(new URL('../bin/risk.js', import.meta.url));
const sourcePattern = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

function git(repo, args) {
  const result = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout;
}

const repo = git(option('repo', process.cwd()), ['rev-parse', '--show-toplevel']).trim();
const name = option('name', basename(repo));
const count = Number(option('commits', '10'));
const head = option('head', 'HEAD');
const timeout = option('timeout', '900');
const commits = git(repo, ['rev-list', '--first-parent', `-n${count}`, head]).split('\n').filter(Boolean);

// A local run, as a developer's: no CI variables (in CI the policy would come from the base commit).
const runEnvironment = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['CI', 'GITHUB_ACTIONS', 'GITLAB_CI'].includes(key)));
runEnvironment.NO_COLOR = '1';

const cacheDir = mkdtempSync(join(tmpdir(), 'risk-trial-cache-'));
const rows = [];
let failed = 0;
try {
  for (const sha of commits) {
    const parents = git(repo, ['rev-list', '--parents', '-n1', sha]).trim().split(' ');
    const files = git(repo, ['ls-tree', '-r', '--name-only', sha]).split('\n').filter((path) => sourcePattern.test(path) && !path.includes('node_modules/')).length;
    if (parents.length < 2) {
      rows.push({ repository: name, commit: sha.slice(0, 10), files, changed: '-', affected: '-', counting: '-', elsewhere: '-', seconds: '-', exit: 'root commit' });
      continue;
    }
    const args = [riskBin, '--cwd', repo, '--base', parents[1], '--head', sha, '--format', 'json', '--no-progress', '--cache-dir', cacheDir, '--timeout', timeout];
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, env: runEnvironment });
    const seconds = (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
    const exit = result.status ?? `signal ${result.signal}`;
    let report = null;
    if (exit === 0 || exit === 1) {
      const parsed = JSON.parse(result.stdout);
      report = Array.isArray(parsed) ? parsed[0] : parsed;
    } else {
      failed++;
      process.stderr.write(`${name} ${sha.slice(0, 10)} exited ${exit}:\n${result.stderr}\n`);
    }
    rows.push({
      repository: name,
      commit: sha.slice(0, 10),
      files,
      changed: report?.summary.changedFiles ?? '-',
      affected: report?.summary.affectedFiles ?? '-',
      counting: report?.summary.unknowns ?? '-',
      elsewhere: report?.summary.unknownsElsewhere ?? '-',
      seconds,
      exit,
    });
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}

const header = { repository: 'repository', commit: 'commit', files: 'files', changed: 'changed', affected: 'affected', counting: 'unknowns (count)', elsewhere: 'unknowns (elsewhere)', seconds: 'time (s)', exit: 'exit' };
const keys = Object.keys(header);
if (argv.includes('--markdown')) {
  console.log(`| ${keys.map((key) => header[key]).join(' | ')} |`);
  console.log(`| ${keys.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${keys.map((key) => String(row[key])).join(' | ')} |`);
} else {
  const widths = keys.map((key) => Math.max(header[key].length, ...rows.map((row) => String(row[key]).length)));
  const line = (row) => keys.map((key, index) => String(row[key]).padEnd(widths[index])).join('  ').trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
process.exitCode = failed > 0 ? 1 : 0;

// npm run accuracy -- --repo PATH --base REV --head REV
// npm run accuracy -- --repo PATH --commits N [--head REV]
//
// Compares risk's affected files with a slow, independent reference built on the TypeScript
// language service, and prints recall (how much of the reference risk finds) and precision
// (how much of what risk reports the reference confirms).
//
// Reference, per analysed commit (see reference-graph.js for the details and its limits):
//  - the head commit is checked out into a temporary `git worktree` (only source, tsconfig and
//    package.json files; removed at the end; the user's working tree is never touched);
//  - one ts-morph Project holds every tracked TS/JS source file, with the root tsconfig's
//    options plus `allowJs`; modules resolve with TypeScript's resolver using the options of
//    the nearest tsconfig above the importing file, and bare workspace package names resolve
//    to the package's sources;
//  - for each changed symbol of risk's report, `findReferences` on its declaration; every
//    reference in another file makes that file affected; the top-level statement around each
//    reference decides whether an export of that file is reached too (directly or through
//    local declarations of the file), whose references are followed in turn, to a fixpoint.
//    `(module)` reaches the files that load the module (no further).
//
// Options:
//   --repo PATH          repository (default: current directory)
//   --base REV --head REV   one range (risk compares head with merge-base(base, head))
//   --commits N          the last N first-parent, non-merge commits of --head (default HEAD)
//                        that change .ts/.tsx files, each against its parent
//   --max-queries N      findReferences calls per commit before giving up (default 4000)
//   --time-limit S       seconds per commit for the reference before giving up (default 900)
//   --list N             missed/extra files listed per commit (default 20)
//   --json FILE          also write every result (with the full file lists) as JSON
//   --project FILE       passed to risk as --project (resolve every file with this tsconfig)
//   --skip-incomplete    leave commits whose reference hit a limit out of the totals and the row
//                        (their reference set is too small: recall looks better, precision worse)
//   --label TEXT         first cell of the README row printed at the end (default: the folder name)
// Environment: REFERENCE_HEAP_BUDGET_MB=N releases the reference's type checker past N MiB of
// heap (default: half the heap limit); REF_DEBUG=1 logs every walked export and query.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeReference, HeadTree, ReferenceProject } from './reference-graph.js';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index < 0 ? fallback : argv[index + 1];
};
const repoArg = option('repo', process.cwd());
const listLimit = Number(option('list', '20'));
const limits = { maxQueries: Number(option('max-queries', '4000')), timeLimitMs: Number(option('time-limit', '900')) * 1000 };
const jsonOut = option('json', undefined);
const project = option('project', undefined);
const skipIncomplete = argv.includes('--skip-incomplete');

function git(repo, args, input) {
  const result = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, input });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout;
}

const repo = git(repoArg, ['rev-parse', '--show-toplevel']).trim();
const sourcePattern = /\.(?:ts|tsx|mts|cts)$/;

/** The commits to analyse: [{ base, head, label }]. */
function pickRanges() {
  const commits = option('commits', undefined);
  const head = option('head', 'HEAD');
  if (commits === undefined) {
    const base = option('base', undefined);
    if (base === undefined) throw new Error('give --base REV (and --head REV), or --commits N');
    const headSha = git(repo, ['rev-parse', '--verify', `${head}^{commit}`]).trim();
    const baseSha = git(repo, ['merge-base', base, headSha]).trim();
    return [{ base: baseSha, head: headSha, label: `${base}..${head}` }];
  }
  const wanted = Number(commits);
  const ranges = [];
  const shas = git(repo, ['rev-list', '--first-parent', '--no-merges', '-n', String(wanted * 20), head]).split('\n').filter(Boolean);
  for (const sha of shas) {
    if (ranges.length >= wanted) break;
    const parents = git(repo, ['rev-list', '--parents', '-n', '1', sha]).trim().split(' ').slice(1);
    if (parents.length !== 1) continue;
    const changed = git(repo, ['diff', '--name-only', '--no-renames', parents[0], sha]).split('\n').filter((path) => sourcePattern.test(path));
    if (changed.length === 0) continue;
    const subject = git(repo, ['log', '-1', '--format=%s', sha]).trim();
    ranges.push({ base: parents[0], head: sha, label: subject });
  }
  // Oldest first: the worktree then moves forward and the project updates incrementally.
  return ranges.reverse();
}

const ratio = (part, whole) => (whole === 0 ? '    -' : (part / whole).toFixed(3));

async function main() {
  const { run } = await import('../dist/run/pipeline.js');
  const { chainOf } = await import('../dist/report/chains.js');
  const ranges = pickRanges();
  if (ranges.length === 0) throw new Error('no commit changes .ts/.tsx files');
  console.log(`accuracy: ${repo}, ${ranges.length} range(s); reference = TypeScript findReferences over one project of every source file`);
  const tree = new HeadTree(repo, mkdtempSync(join(tmpdir(), 'risk-accuracy-')));
  const cleanup = () => tree.remove();
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const results = [];
  let reference = null;
  try {
    for (const range of ranges) {
      const started = Date.now();
      const report = await run({ cwd: repo, mode: 'range', base: range.base, head: range.head, cacheDir: null, project });
      const riskSeconds = (Date.now() - started) / 1000;
      const changedPaths = tree.checkout(range.head);
      if (reference === null) reference = new ReferenceProject(tree.dir, tree.files);
      else reference.update(changedPaths, tree.files);
      const refStarted = Date.now();
      const outcome = computeReference(reference, report.changedSymbols, limits);
      const refSeconds = (Date.now() - refStarted) / 1000;
      const A = new Set(report.affectedFiles.map((file) => file.file));
      const R = outcome.files;
      const both = [...A].filter((file) => R.has(file));
      const result = {
        head: range.head,
        base: range.base,
        label: range.label,
        changedFiles: report.changedFiles.length,
        changedSymbols: report.changedSymbols.length,
        A: A.size,
        R: R.size,
        both: both.length,
        recall: R.size === 0 ? null : both.length / R.size,
        precision: A.size === 0 ? null : both.length / A.size,
        missed: [...R].filter((file) => !A.has(file)).sort(),
        extra: [...A].filter((file) => !R.has(file)).sort(),
        missedVia: Object.fromEntries([...R].filter((file) => !A.has(file)).sort().map((file) => [file, outcome.via.get(file)])),
        extraVia: Object.fromEntries(report.affectedFiles.filter((file) => !R.has(file.file)).map((file) => [file.file, chainOf(report.chains, file.via).map((link) => `${link.file}#${link.symbol ?? ''}`).join(' -> ')])),
        symbols: report.changedSymbols.map((symbol) => `${symbol.file}#${symbol.name} (${symbol.kind}, ${symbol.change})`),
        complete: outcome.complete,
        queries: outcome.queries,
        // Where the reference spends its time: the slowest findReferences calls.
        slowestQueries: [...outcome.timings].sort((a, b) => b.ms - a.ms).slice(0, 15),
        queryMs: outcome.timings.reduce((total, timing) => total + timing.ms, 0),
        notes: outcome.notes,
        riskSeconds,
        refSeconds,
        riskUnknowns: report.unknowns.length,
      };
      results.push(result);
      printLine(result);
      // Written after every commit too, so a long run can be read (and survives being stopped).
      if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
    }
  } finally {
    cleanup();
  }
  const counted = skipIncomplete ? results.filter((result) => result.complete) : results;
  printTotals(counted);
  printDetails(results);
  printRow(results, counted);
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, null, 2)}\n`);
}

function printLine(result) {
  const flag = result.complete ? '' : ' INCOMPLETE';
  console.log(
    `${result.head.slice(0, 10)}  syms ${String(result.changedSymbols).padStart(4)}  A ${String(result.A).padStart(5)}  R ${String(result.R).padStart(5)}  A∩R ${String(result.both).padStart(5)}  ` +
      `recall ${ratio(result.both, result.R)}  precision ${ratio(result.both, result.A)}  missed ${String(result.missed.length).padStart(4)}  extra ${String(result.extra.length).padStart(4)}  ` +
      `(risk ${result.riskSeconds.toFixed(1)} s, ref ${result.refSeconds.toFixed(1)} s, ${result.queries} queries)${flag}  ${result.label.slice(0, 60)}`,
  );
}

function printTotals(results) {
  const sum = (key) => results.reduce((total, result) => total + result[key], 0);
  const both = sum('both');
  const macro = (key) => {
    const values = results.map((result) => result[key]).filter((value) => value !== null);
    return values.length === 0 ? '    -' : (values.reduce((a, b) => a + b, 0) / values.length).toFixed(3);
  };
  console.log(
    `\ntotal: ${results.length} commit(s), A ${sum('A')}, R ${sum('R')}, A∩R ${both}; recall ${ratio(both, sum('R'))} (mean per commit ${macro('recall')}), ` +
      `precision ${ratio(both, sum('A'))} (mean per commit ${macro('precision')}); ${sum('R') - both} missed, ${sum('A') - both} extra` +
      `${results.some((result) => !result.complete) ? '; some references INCOMPLETE (limits hit)' : ''}`,
  );
}

/** One row of the README's accuracy table (same columns), for the commits counted. */
function printRow(results, counted) {
  const sum = (key) => counted.reduce((total, result) => total + result[key], 0);
  const lowest = (key) => {
    const values = counted.map((result) => result[key]).filter((value) => value !== null);
    return values.length === 0 ? '    -' : Math.min(...values).toFixed(3);
  };
  const withFiles = counted.filter((result) => result.A > 0 || result.R > 0).length;
  const cut = results.filter((result) => !result.complete).length;
  const cutNote = cut === 0 ? '' : skipIncomplete ? `; ${cut} more left out, the reference cut off` : `, ${cut} with the reference cut off`;
  const label = option('label', repo.split('/').pop());
  console.log(
    `\nREADME row:\n| ${label} | ${counted.length} (${withFiles})${cutNote} | ${ratio(sum('both'), sum('R'))} | ${lowest('recall')} | ${ratio(sum('both'), sum('A'))} | ${lowest('precision')} |`,
  );
}

function printDetails(results) {
  for (const result of results) {
    if (result.missed.length === 0 && result.extra.length === 0 && result.notes.length === 0) continue;
    console.log(`\n${result.head.slice(0, 10)} ${result.label.slice(0, 80)}`);
    const list = (title, files) => {
      if (files.length === 0) return;
      console.log(`  ${title} (${files.length}):`);
      for (const file of files.slice(0, listLimit)) console.log(`    ${file}`);
      if (files.length > listLimit) console.log(`    ... ${files.length - listLimit} more`);
    };
    list('missed by risk (in R, not in A)', result.missed);
    list('extra in risk (in A, not in R)', result.extra);
    list('reference notes', result.notes);
  }
}

main().catch((error) => {
  console.error(`accuracy: ${error instanceof Error ? error.message : String(error)}`);
  if (argv.includes('--debug') && error instanceof Error) console.error(error.stack);
  process.exitCode = 2;
});

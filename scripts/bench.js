// npm run bench -- [--repo PATH --base REV [--head REV]] [--synthetic 1000,10000,50000] [--runs 3]
//                  [--floor] [--no-depcruise] [--depcruise-timeout 900] [--with-tsmorph] [--realistic]
//
//   npm run bench -- --repo ../medusa --base 7b6793f846~1 --head 7b6793f846 --floor
//   npm run bench -- --synthetic 50000 --realistic --base leaf~1 --head leaf --floor --no-depcruise
//
// Prints, per repository: risk's wall time, CPU time (user + system, git children included) and
// peak memory cold (empty cache) and warm (cache from a previous run of the same commit), warm on
// a new commit (the cache a run of the previous commit that changed source files left: a hook's
// first run after a commit), cold without the code cache of the TypeScript compiler (the first
// run on a machine, see src/cache/code-cache.ts), and
// dependency-cruiser --affected on the same commit, with the ratios. Medians of --runs runs.
//
// --floor adds the least any tool must do: a plain oxc-parser scan of every source file's imports
// (scripts/import-floor.js, reading blobs from git objects like risk). Floor, cold and warm are
// interleaved round by round, so a busy machine slows all three alike; the ratios (cold/floor,
// warm/floor) are the numbers to compare across machines.
//
// Every run writes its JSON report; the bench says whether cold, warm and --no-cache gave the
// same bytes (they must). dependency-cruiser reads the working tree: check out the head commit.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index < 0 ? fallback : argv[index + 1];
};
const runs = Number(option('runs', '3'));
const withDepcruise = !argv.includes('--no-depcruise');
const withTsMorph = argv.includes('--with-tsmorph');
const withFloor = argv.includes('--floor');
// dependency-cruiser on 52,500 files ran for over 25 minutes without an answer: a run is given up after this.
const depcruiseTimeout = Number(option('depcruise-timeout', '900'));
const scratch = mkdtempSync(join(tmpdir(), 'risk-bench-'));
const hasTime = existsSync('/usr/bin/time');

/**
 * One run of a Node script. CPU comes from /usr/bin/time when present (it counts the git
 * processes a run waits for), else from the Node process alone; peak memory is the Node
 * process's own maximum resident set (see bench-rss.js).
 */
function measure(command, args, cwd, extraEnv = {}, timeoutSeconds = undefined) {
  const rssFile = join(scratch, 'rss');
  const timeFile = join(scratch, 'time');
  writeFileSync(rssFile, '');
  const nodeArgs = ['--import', pathToFileURL(join(root, 'scripts/bench-rss.js')).href, command, ...args];
  const [timer, timerArgs] = hasTime ? ['/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  // coreutils' timeout kills the whole process group (time and the Node process under it).
  const [program, programArgs] = timeoutSeconds === undefined ? [timer, timerArgs] : ['timeout', ['-s', 'KILL', String(timeoutSeconds), timer, ...timerArgs]];
  const started = process.hrtime.bigint();
  const result = spawnSync(program, programArgs, { cwd, encoding: 'utf8', env: { ...process.env, RISK_BENCH_RSS_FILE: rssFile, NO_COLOR: '1', ...extraEnv }, maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const samples = readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map((line) => line.split(' ').map(Number));
  if (timeoutSeconds !== undefined && (result.status === 137 || result.signal === 'SIGKILL')) return { seconds, cpu: Number.NaN, peakMiB: Number.NaN, stdout: '', stderr: `gave up after ${timeoutSeconds} s (--depcruise-timeout)` };
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} failed (${result.status}): ${result.stderr.slice(0, 600)}`);
  const ownCpu = samples.reduce((sum, [, user = 0, system = 0]) => sum + (user + system) / 1e6, 0);
  const timed = hasTime ? readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [];
  const cpu = timed.length === 2 && timed.every(Number.isFinite) ? timed[0] + timed[1] : ownCpu;
  return { seconds, cpu, peakMiB: Math.max(0, ...samples.map(([rss]) => rss)) / 1024, stdout: result.stdout, stderr: result.stderr };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summarize = (samples) => ({ seconds: median(samples.map((s) => s.seconds)), cpu: median(samples.map((s) => s.cpu)), peakMiB: Math.max(...samples.map((s) => s.peakMiB)) });
const show = (label, value) =>
  console.log(`  ${label.padEnd(44)} ${value.seconds.toFixed(2).padStart(7)} s wall ${value.cpu.toFixed(2).padStart(7)} s CPU ${value.peakMiB.toFixed(0).padStart(6)} MiB peak`);
const ratio = (a, b) => `${(a.seconds / b.seconds).toFixed(2)}x wall, ${(a.cpu / b.cpu).toFixed(2)}x CPU`;

function benchRepository(label, repo, base, head, isGenerated = false) {
  const git = (...args) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout;
  const headSha = git('rev-parse', head).trim();
  // dependency-cruiser reads the working tree: a repository the bench generated is checked out at the head.
  if (isGenerated && withDepcruise) git('checkout', '-q', headSha);
  // dependency-cruiser takes a plain revision only (it says `HEAD~1` is unknown, and exits 0).
  const baseSha = git('rev-parse', base).trim();
  const checkedOut = git('rev-parse', 'HEAD').trim();
  if (withDepcruise && checkedOut !== headSha) console.log(`  note: HEAD is ${checkedOut.slice(0, 10)}, not the head commit: dependency-cruiser reads the working tree`);
  const files = git('ls-tree', '-r', '--name-only', headSha).split('\n').filter((path) => /\.[cm]?[jt]sx?$/.test(path) && !path.includes('node_modules/')).length;
  const changed = git('diff', '--name-only', `${base}...${headSha}`).split('\n').filter(Boolean).length;
  console.log(`\n${label}: ${repo} @ ${headSha.slice(0, 10)}, ${files} source files, ${changed} changed since ${base}`);
  const report = (name) => join(scratch, `report-${name}.json`);
  const riskArgs = (output, cache) => ['--base', base, '--head', headSha, '--format', 'json', '--output', output, '--no-progress', ...(cache === null ? ['--no-cache'] : ['--cache-dir', cache])];
  const risk = join(root, 'bin/risk.js');

  // The warm cache: one run of this very commit, as a pre-push hook leaves it.
  const warmCache = mkdtempSync(join(scratch, 'cache-warm-'));
  measure(risk, riskArgs(report('prime'), warmCache), repo);
  // The cache a run of the previous commit that changed source files left: a hook's first run on
  // a new commit. Copied afresh for each round.
  const previous = git('log', '-n', '1', '--format=%H', `${headSha}~1`, '--', '*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs').trim();
  // A root commit has nothing to compare with: no such row then.
  const hasParent = previous !== '' && git('rev-parse', '--verify', '--quiet', `${previous}~1`).trim() !== '';
  const previousCache = hasParent ? mkdtempSync(join(scratch, 'cache-previous-')) : undefined;
  if (previousCache !== undefined) {
    measure(risk, ['--base', `${previous}~1`, '--head', previous, '--format', 'json', '--output', report('previous'), '--no-progress', '--cache-dir', previousCache], repo);
  }
  const samples = { floor: [], cold: [], first: [], warm: [], next: [], dc: [] };
  const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const roots = ['packages', 'src', 'apps', 'libs', 'www', 'integration-tests', 'lib'].filter((folder) => existsSync(join(repo, folder)));
  const depcruiseArgs = ['--no-config', '--affected', baseSha, '--do-not-follow', 'node_modules', '--exclude', 'node_modules', '--output-type', 'json', '--output-to', join(scratch, 'depcruise.json'), ...(roots.length > 0 ? roots : ['.'])];
  for (let run = 0; run < runs; run++) {
    if (withFloor) samples.floor.push(measure(join(root, 'scripts/import-floor.js'), [headSha], repo));
    const coldCache = mkdtempSync(join(scratch, 'cache-cold-'));
    samples.cold.push(measure(risk, riskArgs(report('cold'), coldCache), repo));
    rmSync(coldCache, { recursive: true, force: true });
    // The very first run on a machine also compiles the TypeScript compiler (no code cache yet).
    const firstCache = mkdtempSync(join(scratch, 'cache-first-'));
    samples.first.push(measure(risk, riskArgs(report('first'), firstCache), repo, { NODE_DISABLE_COMPILE_CACHE: '1' }));
    rmSync(firstCache, { recursive: true, force: true });
    samples.warm.push(measure(risk, riskArgs(report('warm'), warmCache), repo));
    if (previousCache !== undefined) {
      const nextCache = mkdtempSync(join(scratch, 'cache-next-'));
      cpSync(previousCache, nextCache, { recursive: true });
      samples.next.push(measure(risk, riskArgs(report('next'), nextCache), repo));
      rmSync(nextCache, { recursive: true, force: true });
    }
    if (withDepcruise) {
      // It reports some failures (an unknown revision) on stderr and still exits 0, writing nothing.
      rmSync(join(scratch, 'depcruise.json'), { force: true });
      const sample = measure(depcruise, depcruiseArgs, repo, {}, depcruiseTimeout);
      if (existsSync(join(scratch, 'depcruise.json'))) samples.dc.push(sample);
      else console.log(`  dependency-cruiser failed: ${sample.stderr.trim().split('\n').pop()}`);
    }
  }
  const noCache = measure(risk, riskArgs(report('no-cache'), null), repo);
  rmSync(warmCache, { recursive: true, force: true });
  if (previousCache !== undefined) rmSync(previousCache, { recursive: true, force: true });

  const riskCold = summarize(samples.cold);
  const riskWarm = summarize(samples.warm);
  show('risk cold (no cache)', riskCold);
  show('risk cold, no code cache (1st run)', summarize(samples.first));
  show('risk warm (cache of this commit)', riskWarm);
  const riskNext = samples.next.length > 0 ? summarize(samples.next) : undefined;
  if (riskNext !== undefined) show(`risk warm, new commit (cache of ${previous.slice(0, 10)})`, riskNext);
  show('risk --no-cache (once)', noCache);
  const names = ['cold', 'first', 'warm', ...(riskNext === undefined ? [] : ['next']), 'no-cache'];
  const texts = names.map((name) => readFileSync(report(name), 'utf8'));
  const summary = JSON.parse(texts[0]).summary;
  console.log(`  affected files: ${summary.affectedFiles}, changed symbols: ${summary.changedSymbols}`);
  console.log(`  reports ${names.join(' / ')} byte-identical: ${texts.every((text) => text === texts[0]) ? 'yes' : 'NO'}`);
  if (withFloor) {
    const floor = summarize(samples.floor);
    show('floor: oxc-parser import scan', floor);
    console.log(`  ratio cold/floor: ${ratio(riskCold, floor)}`);
    console.log(`  ratio warm/floor: ${ratio(riskWarm, floor)}`);
    if (riskNext !== undefined) console.log(`  ratio warm, new commit/floor: ${ratio(riskNext, floor)}`);
  }
  if (withTsMorph) {
    const graph = summarize(Array.from({ length: runs }, () => measure(join(root, 'scripts/tsmorph-import-graph.js'), [], repo)));
    show('plain ts-morph import graph', graph);
    console.log(`  ratio ts-morph graph/risk cold: ${(graph.seconds / riskCold.seconds).toFixed(1)}x`);
  }
  if (samples.dc.length > 0) {
    const dc = summarize(samples.dc);
    show('dependency-cruiser --affected', dc);
    console.log(`  ratio depcruise/risk: cold ${ratio(dc, riskCold)}; warm ${ratio(dc, riskWarm)}`);
  }
}

try {
  const repo = option('repo', undefined);
  if (repo) benchRepository('repository', repo, option('base', 'HEAD~1'), option('head', 'HEAD'));
  for (const size of (option('synthetic', repo ? '' : '1000,10000') || '').split(',').filter(Boolean)) {
    const out = join(tmpdir(), `risk-synth-${size}${argv.includes('--realistic') ? '-realistic' : ''}`);
    const generated = spawnSync(process.execPath, [join(root, 'scripts/generate-monorepo.js'), '--files', size, '--out', out, ...(argv.includes('--realistic') ? ['--realistic'] : [])], { stdio: 'inherit' });
    if (generated.status !== 0) throw new Error('generate-monorepo.js failed');
    // --base/--head pick the commit here too (the generator's `leaf` branch: --base leaf~1 --head leaf).
    benchRepository(`synthetic ${size}`, out, repo ? 'HEAD~1' : option('base', 'HEAD~1'), repo ? 'HEAD' : option('head', 'HEAD'), true);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

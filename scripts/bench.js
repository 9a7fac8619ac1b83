// npm run bench -- [--repo PATH --base REV] [--synthetic 1000,10000,50000] [--runs 3] [--no-depcruise] [--with-tsmorph]
//
// Prints, per repository: risk's wall time and peak memory cold (empty cache) and warm (cache
// from a previous run of the same commit), and dependency-cruiser --affected on the same commit,
// with the ratios. Medians of --runs runs. The repository must have the head commit checked out
// (dependency-cruiser reads the working tree).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function measure(command, args, cwd) {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'risk-bench-')), 'rss');
  writeFileSync(rssFile, '');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(join(root, 'scripts/bench-rss.js')).href, command, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RISK_BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peaks = readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number);
  rmSync(dirname(rssFile), { recursive: true, force: true });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} failed (${result.status}): ${result.stderr.slice(0, 400)}`);
  return { seconds, peakMiB: Math.max(0, ...peaks) / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summarize = (samples) => ({ seconds: median(samples.map((s) => s.seconds)), peakMiB: median(samples.map((s) => s.peakMiB)) });
const show = (label, value) => console.log(`  ${label.padEnd(34)} ${value.seconds.toFixed(2).padStart(7)} s  ${value.peakMiB.toFixed(0).padStart(6)} MiB`);

function benchRepository(label, repo, base) {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
  const files = spawnSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.split('\n').filter((path) => /\.[cm]?[jt]sx?$/.test(path)).length;
  const changed = spawnSync('git', ['diff', '--name-only', `${base}...HEAD`], { cwd: repo, encoding: 'utf8' }).stdout.split('\n').filter(Boolean).length;
  console.log(`\n${label}: ${repo} @ ${head.slice(0, 10)}, ${files} source files, ${changed} changed since ${base}`);
  const riskArgs = ['--base', base, '--format', 'json', '--output', join(tmpdir(), 'risk-bench-report.json'), '--no-progress'];
  const cold = [];
  for (let run = 0; run < runs; run++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'risk-bench-cache-'));
    cold.push(measure(join(root, 'bin/risk.js'), [...riskArgs, '--cache-dir', cacheDir], repo));
    rmSync(cacheDir, { recursive: true, force: true });
  }
  const warmCache = mkdtempSync(join(tmpdir(), 'risk-bench-cache-'));
  measure(join(root, 'bin/risk.js'), [...riskArgs, '--cache-dir', warmCache], repo);
  const warm = [];
  for (let run = 0; run < runs; run++) warm.push(measure(join(root, 'bin/risk.js'), [...riskArgs, '--cache-dir', warmCache], repo));
  rmSync(warmCache, { recursive: true, force: true });
  const riskCold = summarize(cold);
  const riskWarm = summarize(warm);
  show('risk cold (no cache)', riskCold);
  show('risk warm (cache of this commit)', riskWarm);
  if (withTsMorph) {
    const graph = summarize(Array.from({ length: runs }, () => measure(join(root, 'scripts/tsmorph-import-graph.js'), [], repo)));
    show('plain ts-morph import graph', graph);
    console.log(`  ratio ts-morph graph/risk cold: ${(graph.seconds / riskCold.seconds).toFixed(1)}x`);
  }
  if (!withDepcruise) return;
  const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const roots = ['packages', 'src', 'apps', 'libs', 'www', 'integration-tests', 'lib'].filter((folder) => existsSync(join(repo, folder)));
  const depcruiseArgs = ['--no-config', '--affected', base, '--do-not-follow', 'node_modules', '--exclude', 'node_modules', '--output-type', 'json', '--output-to', join(tmpdir(), 'risk-bench-depcruise.json'), ...(roots.length > 0 ? roots : ['.'])];
  const dc = summarize(Array.from({ length: runs }, () => measure(depcruise, depcruiseArgs, repo)));
  show('dependency-cruiser --affected', dc);
  console.log(`  ratio depcruise/risk: cold ${(dc.seconds / riskCold.seconds).toFixed(1)}x, warm ${(dc.seconds / riskWarm.seconds).toFixed(1)}x`);
}

const repo = option('repo', undefined);
if (repo) benchRepository('repository', repo, option('base', 'HEAD~1'));
for (const size of (option('synthetic', repo ? '' : '1000,10000') || '').split(',').filter(Boolean)) {
  const out = join(tmpdir(), `risk-synth-${size}`);
  spawnSync(process.execPath, [join(root, 'scripts/generate-monorepo.js'), '--files', size, '--out', out], { stdio: 'inherit' });
  benchRepository(`synthetic ${size}`, out, 'HEAD~1');
}

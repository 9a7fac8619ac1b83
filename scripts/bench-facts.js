// Times turning file text into module facts, cold, on the source files of a real repository:
// the import scan (every file), full facts and imports-only facts (every Nth file), each in a
// fresh process (a cold run pays the JIT warm-up too). With --against DIR (another checkout's
// dist/, e.g. main's), runs alternate between the two builds and the digests of their results
// must match: a speed change must not change a single fact.
// Usage: npm run build && node scripts/bench-facts.js <repo> [--ref HEAD] [--every 4] [--rounds 5] [--against /work/main/dist]
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ownDist = new URL('../dist', import.meta.url).pathname;

if (process.argv[2] === '--child') {
  // One timed phase in a fresh process: <dist> <corpus.json> <phase>; prints "<cpu ms> <digest>".
  const [dist, corpusPath, phase] = process.argv.slice(3);
  const { scanImports } = await import(`${dist}/graph/scan-imports.js`);
  const { extractModuleFacts, extractImportFacts } = await import(`${dist}/symbols/module-facts.js`);
  const { storeFacts } = await import(`${dist}/symbols/stored-facts.js`);
  const { loadTypeScript } = await import(`${dist}/symbols/typescript.js`);
  loadTypeScript();
  const corpus = JSON.parse(readFileSync(corpusPath, 'utf8'));
  const importsOfFullFacts = (facts) => ({
    specifiers: [...new Set([...facts.imports, ...facts.reExports, ...facts.moduleUses].map((entry) => entry.specifier))],
    dynamicSpecifiers: facts.dynamicSpecifiers.map((dynamic) => dynamic.expression),
    parseErrors: facts.parseErrors,
  });
  const results = [];
  const started = process.cpuUsage();
  for (const [path, text] of corpus) {
    if (phase === 'scan') {
      const scan = scanImports(text);
      results.push([[...scan.specifiers], scan.mayHaveComputedImport]);
    } else if (phase === 'facts') {
      results.push(storeFacts(extractModuleFacts(path, text, { withFingerprints: false })));
    } else {
      // A build without extractImportFacts (before it existed) confirmed imports from full facts.
      results.push(extractImportFacts ? extractImportFacts(path, text) : importsOfFullFacts(extractModuleFacts(path, text, { withFingerprints: false })));
    }
  }
  const used = process.cpuUsage(started);
  const digest = createHash('sha1').update(JSON.stringify(results)).digest('hex').slice(0, 12);
  console.log(`${Math.round((used.user + used.system) / 1000)} ${digest}`);
  process.exit(0);
}

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const repo = args[0];
if (repo === undefined || repo.startsWith('--')) {
  console.error('usage: node scripts/bench-facts.js <repo> [--ref HEAD] [--every 4] [--rounds 5] [--against <dist>]');
  process.exit(2);
}
const ref = option('--ref', 'HEAD');
const every = Number(option('--every', '4'));
const rounds = Number(option('--rounds', '5'));
const against = option('--against', undefined);

// The source files at `ref` under 2 MiB (risk's default maxFileSize), read in one git call.
const sourcePattern = /\.(?:[cm]?[jt]sx?)$/;
const listing = execFileSync('git', ['ls-tree', '-r', '--format=%(objectname) %(path)', ref], { cwd: repo, maxBuffer: 1 << 28 }).toString().trim().split('\n');
const entries = listing.map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]).filter(([, path]) => sourcePattern.test(path));
const batch = execFileSync('git', ['cat-file', '--batch'], { cwd: repo, input: `${entries.map(([id]) => id).join('\n')}\n`, maxBuffer: 2 ** 31 - 1 });
const texts = [];
let offset = 0;
for (const [, path] of entries) {
  const headerEnd = batch.indexOf(10, offset);
  const size = Number(batch.subarray(offset, headerEnd).toString().split(' ')[2]);
  if (size < 2 * 1024 * 1024) texts.push([path, batch.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8')]);
  offset = headerEnd + 1 + size + 1;
}

const dir = mkdtempSync(join(tmpdir(), 'risk-bench-facts-'));
const allPath = join(dir, 'all.json');
const sampledPath = join(dir, 'sampled.json');
writeFileSync(allPath, JSON.stringify(texts));
const sampled = texts.filter((_, index) => index % every === 0);
writeFileSync(sampledPath, JSON.stringify(sampled));
const megabytes = (list) => (list.reduce((sum, [, text]) => sum + text.length, 0) / 1e6).toFixed(1);
console.log(`${repo} @ ${ref}: scan ${texts.length} files (${megabytes(texts)} MB); facts of 1 file in ${every}: ${sampled.length} files (${megabytes(sampled)} MB); ${rounds} rounds`);

const builds = against === undefined ? [['this', ownDist]] : [['this', ownDist], ['against', against]];
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
try {
  for (const phase of ['scan', 'facts', 'imports']) {
    const times = new Map(builds.map(([name]) => [name, []]));
    const digests = new Map();
    for (let round = 0; round < rounds; round++) {
      for (const [name, dist] of builds) {
        const child = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--child', dist, phase === 'scan' ? allPath : sampledPath, phase], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(`${name} ${phase}: ${child.stderr}`);
        const [ms, digest] = child.stdout.trim().split(' ');
        times.get(name).push(Number(ms));
        digests.set(name, digest);
      }
    }
    for (const [name] of builds) console.log(`${phase.padEnd(8)} ${name.padEnd(8)} median ${median(times.get(name))} ms CPU  (${times.get(name).join(' ')})  digest ${digests.get(name)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

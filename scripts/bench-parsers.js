// What a full parse of the files a change reaches costs with TypeScript's parser (what risk's
// facts are built from) and with oxc-parser's full AST, each in a fresh process as in a cold run
// (the parser's JIT warm-up counts), interleaved round by round, medians of CPU (user + system,
// every thread: V8 compiles on background threads) and wall time. On Node 20 oxc-parser hands the
// AST to JavaScript as JSON (its raw transfer needs Node 22), so reading that AST is the price of
// a port of the facts walk to oxc; its module record alone (the bench floor) is far cheaper.
//
//   node scripts/bench-parsers.js --from-report REPORT.json [--runs 5]   (run in the repository)
//   node scripts/bench-parsers.js --all [--rev REV] [--runs 5]
// REPORT.json is `risk --format json --output REPORT.json` of the change: its affected files, read
// at the report's head commit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);

if (argv[0] === '--child') await child(argv[1], argv[2]);
else await main();

async function main() {
  const { createGit } = await import('../dist/git/git.js');
  const { readCommitTree } = await import('../dist/git/tree-snapshot.js');
  const { isSourceFile, isVendoredPath } = await import('../dist/shared/source-files.js');
  const runs = Number(option('--runs') ?? 5);
  const reportPath = option('--from-report');
  const report = reportPath === undefined ? undefined : JSON.parse(readFileSync(reportPath, 'utf8'));
  const git = createGit(process.cwd());
  const rev = report?.head.sha ?? option('--rev') ?? 'HEAD';
  const snapshot = await readCommitTree(git, (await git.run(['rev-parse', '--verify', `${rev}^{commit}`])).trim());
  const paths = report === undefined ? snapshot.paths.filter((path) => isSourceFile(path) && !isVendoredPath(path)) : report.affectedFiles.map((entry) => entry.file);
  await snapshot.loadTexts(paths);
  const texts = paths.flatMap((path) => {
    const text = snapshot.files.get(path);
    return text === undefined ? [] : [[path, text]];
  });
  const folder = mkdtempSync(join(tmpdir(), 'risk-bench-parsers-'));
  try {
    const input = join(folder, 'texts.json');
    writeFileSync(input, JSON.stringify(texts));
    const script = fileURLToPath(import.meta.url);
    const results = { typescript: [], oxc: [], 'oxc module record': [] };
    for (let round = 0; round < runs; round++) {
      for (const parser of Object.keys(results)) {
        const outcome = spawnSync(process.execPath, [script, '--child', parser, input], { encoding: 'utf8' });
        if (outcome.status !== 0) throw new Error(outcome.stderr);
        results[parser].push(JSON.parse(outcome.stdout));
      }
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const bytes = texts.reduce((sum, [, text]) => sum + text.length, 0);
    console.log(`${texts.length} files (${(bytes / 1e6).toFixed(1)} MB) at ${rev}, ${runs} interleaved runs, medians of the parse in a fresh process:`);
    for (const [parser, samples] of Object.entries(results)) {
      const cpu = median(samples.map((sample) => sample.cpu));
      const wall = median(samples.map((sample) => sample.wall));
      console.log(`  ${parser.padEnd(20)} ${cpu.toFixed(2)} s CPU  ${wall.toFixed(2)} s wall`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One parser over every text; prints its CPU (all threads of this process) and wall seconds. */
async function child(parser, input) {
  // As bin/risk.js runs.
  (await import('node:v8')).setFlagsFromString('--no-turbo-inlining');
  const texts = JSON.parse(readFileSync(input, 'utf8'));
  const parse = await parserFor(parser);
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  let statements = 0;
  for (const [path, text] of texts) statements += parse(path, text);
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(JSON.stringify({ cpu: (cpu.user + cpu.system) / 1e6, wall: (performance.now() - wallBefore) / 1000, statements }));
}

async function parserFor(parser) {
  if (parser === 'typescript') {
    const typescript = await import('../dist/symbols/typescript.js');
    typescript.loadTypeScript();
    const ts = typescript.ts;
    const kind = (path) => (path.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[cm]?ts$/.test(path) ? ts.ScriptKind.TS : ts.ScriptKind.JSX);
    // As risk's facts parse: no JSDoc, no parent links.
    return (path, text) => ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, kind(path)).statements.length;
  }
  const { parseSync } = await import('oxc-parser');
  if (parser === 'oxc') return (path, text) => parseSync(path, text).program.body.length;
  return (path, text) => parseSync(path, text).module.staticImports.length;
}

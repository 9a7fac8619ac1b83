// Times `risk` on one generated file of N exports (issue 16: growth must stay linear).
// Usage: npm run build && node scripts/bench-generated-file.js 10000 30000 100000
// Per size: a scratch repository whose feature branch changes one export and adds one; the run
// is cold (--no-cache) with maxFileSize raised so the file is parsed. Prints seconds and peak RSS.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const binary = new URL('../bin/risk.js', import.meta.url).pathname;
const rssHook = new URL('./bench-rss.js', import.meta.url).pathname;
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
  console.error('usage: node scripts/bench-generated-file.js <exports> [<exports>...]');
  process.exit(2);
}

for (const count of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'risk-bench-generated-'));
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const generated = (changed) => Array.from({ length: count }, (_, index) => `export const value${index} = "generated constant number ${changed && index === 5 ? 'changed' : index}";\n`).join('') + (changed ? 'export const valueNew = 1;\n' : '');
  mkdirSync(join(dir, 'src'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.com');
  git('config', 'user.name', 'bench');
  git('config', 'commit.gpgsign', 'false');
  writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true } }\n');
  writeFileSync(join(dir, '.riskrc.json'), '{ "maxFileSize": 1000000000 }\n');
  writeFileSync(join(dir, 'src/generated.ts'), generated(false));
  writeFileSync(join(dir, 'src/use.ts'), "import { value1 } from './generated';\nexport const use = value1;\n");
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'src/generated.ts'), generated(true));
  git('commit', '-q', '-am', 'change');
  const rssFile = join(dir, 'rss.txt');
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', rssHook, binary, '--base', 'main', '--no-cache', '--format', 'json'], { cwd: dir, env: { ...process.env, RISK_BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssMb = Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number)) / 1024;
  const bytes = Buffer.byteLength(generated(true));
  console.log(`${count} exports (${(bytes / 1e6).toFixed(1)} MB): ${seconds.toFixed(1)} s, peak RSS ${rssMb.toFixed(0)} MB, exit ${result.status}`);
  rmSync(dir, { recursive: true, force: true });
}

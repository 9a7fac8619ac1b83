// node scripts/bench-mcp.js --repo PATH [--calls 5] [--tool blast_radius] [--cache-dir DIR]
//
// Latency of `risk mcp` as an agent sees it: starts the built server with the SDK's stdio
// client, calls one tool --calls times on the repository's working tree, and prints each
// call's wall time. The first call of a fresh cache is cold; later ones (and every call when
// the cache was filled before) are warm. Prints the answer's headline and size too, so the
// numbers can be matched to what was analysed, and (on Linux) the CPU time the server spent on
// the call, which a loaded machine inflates less than wall time. Build first (npm run build).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index < 0 ? fallback : argv[index + 1];
};
const repo = option('repo');
if (!repo) throw new Error('--repo PATH is required');
const calls = Number(option('calls', '5'));
const tool = option('tool', 'blast_radius');
const cacheDir = option('cache-dir');

const args = [join(root, 'bin/risk.js'), 'mcp', '--cwd', resolve(repo), ...(cacheDir ? ['--cache-dir', resolve(cacheDir)] : [])];
const transport = new StdioClientTransport({ command: process.execPath, args, env: { ...process.env, NO_COLOR: '1' }, stderr: 'ignore' });
const client = new Client({ name: 'risk-bench', version: '1.0.0' });
const started = performance.now();
await client.connect(transport);
console.log(`server started and initialised in ${Math.round(performance.now() - started)} ms`);
/** CPU time of the server process and its git children in ms, from /proc (null elsewhere). */
const cpuMs = () => {
  try {
    const fields = readFileSync(`/proc/${transport.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime, stime, and the same for waited-for children (the git processes it runs)
    return ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return null;
  }
};
for (let call = 1; call <= calls; call++) {
  const cpuBefore = cpuMs();
  const before = performance.now();
  const result = await client.callTool({ name: tool, arguments: {} });
  const ms = Math.round(performance.now() - before);
  const cpuAfter = cpuMs();
  const cpu = cpuBefore === null || cpuAfter === null ? '' : `, server CPU ${Math.round(cpuAfter - cpuBefore)} ms`;
  const text = result.content?.[0]?.text ?? '';
  const headline = result.structuredContent?.headline ?? (result.isError ? text : '');
  console.log(`call ${call}: ${ms} ms${cpu}, ${text.length} chars${headline ? `, ${headline}` : ''}`);
}
await client.close();

// Preloaded into benchmarked Node processes (node --import): records their peak memory (KiB) and
// CPU time (microseconds, user and system) on exit.
import { appendFileSync } from 'node:fs';

process.on('exit', () => {
  if (!process.env.RISK_BENCH_RSS_FILE) return;
  const usage = process.resourceUsage();
  appendFileSync(process.env.RISK_BENCH_RSS_FILE, `${usage.maxRSS} ${usage.userCPUTime} ${usage.systemCPUTime}\n`);
});

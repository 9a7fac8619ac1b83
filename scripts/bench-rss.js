// Preloaded into benchmarked Node processes (node --import): records their peak memory on exit.
import { appendFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.RISK_BENCH_RSS_FILE) appendFileSync(process.env.RISK_BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});

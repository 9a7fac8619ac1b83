import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './fixture-repo.js';
import { testEnvironment } from './test-environment.js';
import { makeTestTemp } from './test-temp.js';

export const riskBinary = join(projectRoot, 'bin', 'risk.js');

/** One cache folder per test process, so runs never touch the user's ~/.cache. */
const testCacheHome = makeTestTemp('risk-cache-home-');

export interface RiskResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built binary with NO_COLOR and without CI variables that would change the range. */
export function runRisk(cwd: string, args: string[], extraEnv: Record<string, string> = {}, input?: string): RiskResult {
  const env = testEnvironment({ XDG_CACHE_HOME: testCacheHome, ...extraEnv });
  const result = spawnSync(process.execPath, [riskBinary, ...args], { cwd, encoding: 'utf8', env, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

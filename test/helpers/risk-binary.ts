import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './fixture-repo.js';

export const riskBinary = join(projectRoot, 'bin', 'risk.js');

export interface RiskResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built binary with NO_COLOR and without CI variables that would change the range. */
export function runRisk(cwd: string, args: string[], extraEnv: Record<string, string> = {}, input?: string): RiskResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extraEnv };
  for (const name of ['CI', 'GITHUB_ACTIONS', 'GITLAB_CI']) if (!(name in extraEnv)) delete env[name];
  const result = spawnSync(process.execPath, [riskBinary, ...args], { cwd, encoding: 'utf8', env, input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

import { detectCiRange } from '../git/ci-range.js';
import { createGit } from '../git/git.js';
import { findPushRanges, parsePrePushInput } from '../git/push-ranges.js';
import { findRepositoryRootOrThrow } from '../git/refs.js';
import { UsageError } from '../shared/errors.js';
import { escapeUntrusted } from '../shared/untrusted-text.js';
import { run, type RunOptions } from './pipeline.js';
import type { RiskReport } from '../shared/types.js';

export interface AnalysisRequest extends RunOptions {
  /** Told which range was detected or is being analysed (printed on stderr). */
  onNotice: (message: string) => void;
}

/**
 * A plain run. In CI, with no range given, the range comes from the provider's variables
 * (pull request base, pushed commits), and the detected range is announced.
 */
export async function runAnalysis(request: AnalysisRequest): Promise<RiskReport> {
  if (!isCi()) return run(request);
  refuseConfigOverride(request, 'in CI');
  const governed = { ...request, policyFrom: 'base' as const };
  const isUnspecified = request.mode === 'range' && request.base === undefined && request.head === undefined;
  if (isUnspecified) {
    const detected = detectCiRange(process.env);
    if (detected) {
      request.onNotice(`${detected.source}: analysing ${detected.base}...${detected.head ?? 'HEAD'}`);
      return run({ ...governed, base: detected.base, head: detected.head });
    }
  }
  return run(governed);
}

/** CI=true (GitHub, GitLab, CircleCI, Buildkite, Travis, Azure via TF_BUILD...) or a provider's own variable. */
function isCi(): boolean {
  const ci = process.env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return true;
  return ['GITHUB_ACTIONS', 'GITLAB_CI', 'BUILDKITE', 'TF_BUILD', 'JENKINS_URL', 'TEAMCITY_VERSION'].some((name) => Boolean(process.env[name]));
}

/** In CI and hooks the policy of the base commit governs; a --config would let a change pick its own. */
function refuseConfigOverride(request: AnalysisRequest, where: string): void {
  if (request.configPath === undefined) return;
  throw new UsageError(`--config is not allowed ${where}: the policy is read from the base commit, so a change cannot choose the rules that judge it`, 'drop --config; change the policy in its own reviewed change (it needs sign-off)');
}

/**
 * Hook mode: one analysis per ref in git's pre-push input, exactly the commits it sends.
 * A push that sends no new commits (deletions, tags of pushed commits, approval tags) yields no report.
 */
export async function runPrePush(request: AnalysisRequest, remote: string, stdin: string): Promise<RiskReport[]> {
  refuseConfigOverride(request, 'in a pre-push hook');
  const git = createGit(request.cwd);
  await findRepositoryRootOrThrow(git);
  const ranges = await findPushRanges(git, remote, parsePrePushInput(stdin));
  const reports: RiskReport[] = [];
  for (const range of ranges) {
    request.onNotice(`push ${escapeUntrusted(range.ref.localRef)} -> ${escapeUntrusted(remote)} ${escapeUntrusted(range.ref.remoteRef)}: analysing ${range.baseLabel}..${range.head.slice(0, 10)}`);
    reports.push(await run({ ...request, mode: 'range', base: range.base, head: range.head, baseLabel: range.baseLabel, policyFrom: 'base' }));
  }
  return reports;
}

import { isCI, name as ciName } from 'ci-info';
import { detectCiRange, explainMissingCiRange } from '../git/ci-range.js';
import { createGit } from '../git/git.js';
import { findPushRanges, parsePrePushInput } from '../git/push-ranges.js';
import { findRepositoryRootOrThrow } from '../git/refs.js';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
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
 * (pull request base, pushed commits), and the detected range is announced. When the
 * provider names none, it is a usage error (exit 2): a guessed base (upstream, main) in CI
 * could silently analyse the wrong commits.
 */
export async function runAnalysis(request: AnalysisRequest): Promise<RiskReport> {
  if (!isCi()) return run(request);
  const governed = { ...request, configPath: undefined, basePolicyFile: await toBasePolicyFile(request), policyFrom: 'base' as const };
  const isUnspecified = request.mode === 'range' && request.base === undefined && request.head === undefined;
  if (isUnspecified) {
    const detected = detectCiRange(process.env);
    if (detected) {
      request.onNotice(`${detected.source}: analysing ${detected.base}...${detected.head ?? 'HEAD'}`);
      return run({ ...governed, base: detected.base, head: detected.head });
    }
    throw new UsageError(
      `no range to analyse in CI: ${explainMissingCiRange(process.env, ciName ?? undefined)}`,
      'pass --base <ref> (e.g. --base origin/main, with history back to the merge-base fetched) or --head/--staged/--worktree',
    );
  }
  return run(governed);
}

/** CI=true or any of ~50 providers' own variables (ci-info reads them once, at start-up). */
function isCi(): boolean {
  return isCI;
}

/**
 * In CI, --config names a repository file that is read from the base commit like the default
 * names are (so a change still cannot pick the rules that judge it): a data format only.
 */
async function toBasePolicyFile(request: AnalysisRequest): Promise<string | undefined> {
  if (request.configPath === undefined) return undefined;
  const root = await findRepositoryRootOrThrow(createGit(request.cwd));
  const path = relative(root, resolve(request.cwd, request.configPath)).split(sep).join('/');
  if (path === '' || path.startsWith('../') || isAbsolute(path)) {
    throw new UsageError(`--config ${request.configPath} is outside the repository`, 'in CI the policy is read from the base commit: name a file inside the repository');
  }
  if (!/\.(json|ya?ml)$/.test(path) && posix.basename(path) !== '.riskrc') {
    throw new UsageError(`--config ${request.configPath}: in CI only JSON or YAML configs are read (from the base commit)`, 'a JavaScript config would run code from the repository; use .riskrc.json or a .json/.yaml file');
  }
  return path;
}

/** In hooks the policy of the base commit governs; a --config would let a change pick its own. */
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

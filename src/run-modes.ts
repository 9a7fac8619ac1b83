import { detectCiRange } from './diff/ci-range.js';
import { createGit } from './diff/git.js';
import { findPushRanges, parsePrePushInput } from './diff/push-ranges.js';
import { findRepositoryRootOrThrow } from './diff/refs.js';
import { run, type RunOptions } from './run.js';
import type { RiskReport } from './types.js';

export interface AnalysisRequest extends RunOptions {
  /** Told which range was detected or is being analysed (printed on stderr). */
  onNotice: (message: string) => void;
}

/**
 * A plain run. In CI, with no range given, the range comes from the provider's variables
 * (pull request base, pushed commits), and the detected range is announced.
 */
export async function runAnalysis(request: AnalysisRequest): Promise<RiskReport> {
  const isUnspecified = request.mode === 'range' && request.base === undefined && request.head === undefined;
  if (isUnspecified && process.env.CI) {
    const detected = detectCiRange(process.env);
    if (detected) {
      request.onNotice(`${detected.source}: analysing ${detected.base}...${detected.head ?? 'HEAD'}`);
      return run({ ...request, base: detected.base, head: detected.head });
    }
  }
  return run(request);
}

/**
 * Hook mode: one analysis per ref in git's pre-push input, exactly the commits it sends.
 * A push that only deletes refs yields no report.
 */
export async function runPrePush(request: AnalysisRequest, remote: string, stdin: string): Promise<RiskReport[]> {
  const git = createGit(request.cwd);
  await findRepositoryRootOrThrow(git);
  const ranges = await findPushRanges(git, remote, parsePrePushInput(stdin));
  const reports: RiskReport[] = [];
  for (const range of ranges) {
    request.onNotice(`push ${range.ref.localRef} -> ${remote} ${range.ref.remoteRef}: analysing ${range.baseLabel}..${range.head.slice(0, 10)}`);
    reports.push(await run({ ...request, mode: 'range', base: range.base, head: range.head, baseLabel: range.baseLabel }));
  }
  return reports;
}

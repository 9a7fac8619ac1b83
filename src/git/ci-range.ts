import { readFileSync } from 'node:fs';
import { otherProviders, type CiRange } from './ci-range-providers.js';

export type { CiRange } from './ci-range-providers.js';

const zeroSha = /^0+$/;

/**
 * The range a CI job should analyse, from the provider's variables: GitHub Actions
 * (pull_request and push events), GitLab CI (merge requests and pushes), and pull-request
 * builds on Azure Pipelines, Bitbucket Pipelines, Buildkite and Jenkins. Undefined when the
 * environment names no range; `explainMissingCiRange` then says why.
 */
export function detectCiRange(env: NodeJS.ProcessEnv, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): CiRange | undefined {
  if (env.GITHUB_ACTIONS === 'true') return detectGithub(env, readFile);
  if (env.GITLAB_CI === 'true') return detectGitlab(env);
  return otherProviders.find((provider) => provider.matches(env))?.detect(env);
}

/**
 * Why `detectCiRange` found nothing, for the error that asks for --base: the provider's own
 * limits when it is one we read, else `fallbackName` (the provider ci-info recognised).
 */
export function explainMissingCiRange(env: NodeJS.ProcessEnv, fallbackName: string | undefined): string {
  if (env.GITHUB_ACTIONS === 'true') return `GitHub Actions gives a range only for pull_request and push events, not ${env.GITHUB_EVENT_NAME ?? 'this event'}`;
  if (env.GITLAB_CI === 'true') return 'GitLab CI gave neither a merge request nor a pushed range';
  const provider = otherProviders.find((candidate) => candidate.matches(env));
  if (provider) return provider.missing;
  return `${fallbackName ?? 'this CI provider'} gives risk no pull-request range`;
}

function detectGithub(env: NodeJS.ProcessEnv, readFile: (path: string) => string): CiRange | undefined {
  const event = env.GITHUB_EVENT_NAME ?? '';
  if ((event === 'pull_request' || event === 'pull_request_target') && env.GITHUB_BASE_REF) {
    // actions/checkout checks out a synthetic merge commit: analysing it would put a commit
    // nobody wrote (and nobody can approve) at the head. The pull request's own head is what
    // gets reviewed, signed off and merged.
    const head = readEvent(env.GITHUB_EVENT_PATH, readFile).pull_request?.head?.sha;
    return { base: `origin/${env.GITHUB_BASE_REF}`, head: typeof head === 'string' && head !== '' ? head : undefined, source: `GitHub Actions ${event}` };
  }
  if (event === 'push') {
    const payload = readEvent(env.GITHUB_EVENT_PATH, readFile);
    const before = typeof payload.before === 'string' ? payload.before : '';
    if (before !== '' && !zeroSha.test(before)) return { base: before, head: env.GITHUB_SHA, source: 'GitHub Actions push' };
    const defaultBranch = payload.repository?.default_branch;
    if (typeof defaultBranch === 'string') return { base: `origin/${defaultBranch}`, head: env.GITHUB_SHA, source: 'GitHub Actions push of a new branch' };
  }
  return undefined;
}

function detectGitlab(env: NodeJS.ProcessEnv): CiRange | undefined {
  if (env.CI_MERGE_REQUEST_DIFF_BASE_SHA) {
    return { base: env.CI_MERGE_REQUEST_DIFF_BASE_SHA, head: env.CI_COMMIT_SHA, source: 'GitLab CI merge request' };
  }
  if (env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME) {
    return { base: `origin/${env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME}`, head: env.CI_COMMIT_SHA, source: 'GitLab CI merge request' };
  }
  const before = env.CI_COMMIT_BEFORE_SHA ?? '';
  if (before !== '' && !zeroSha.test(before)) return { base: before, head: env.CI_COMMIT_SHA, source: 'GitLab CI push' };
  if (env.CI_DEFAULT_BRANCH) return { base: `origin/${env.CI_DEFAULT_BRANCH}`, head: env.CI_COMMIT_SHA, source: 'GitLab CI push of a new branch' };
  return undefined;
}

interface EventPayload {
  before?: unknown;
  pull_request?: { head?: { sha?: unknown } };
  repository?: { default_branch?: unknown };
}

function readEvent(path: string | undefined, readFile: (path: string) => string): EventPayload {
  if (!path) return {};
  try {
    return JSON.parse(readFile(path)) as EventPayload;
  } catch {
    return {};
  }
}

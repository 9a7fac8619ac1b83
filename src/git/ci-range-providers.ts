/** A range found in a CI provider's environment. */
export interface CiRange {
  base: string;
  head: string | undefined;
  /** Where it came from, for the "detected range" line: e.g. "GitHub Actions pull_request". */
  source: string;
}

/**
 * Ranges from CI providers other than GitHub and GitLab. Each gives a pull request's target
 * branch (the base, as `origin/<branch>`) and usually its head commit; none gives the commits
 * of a plain branch push, so outside a pull request they return undefined and the caller asks
 * for --base instead of guessing. `origin/` assumes the job fetched that branch, as each
 * provider's default clone of a pull-request build does (with enough depth for the merge-base).
 */
export interface CiProvider {
  /** The provider's name, as in the "detected range" line. */
  name: string;
  /** True when this provider runs the job. */
  matches: (env: NodeJS.ProcessEnv) => boolean;
  /** The pull request's range, when this is a pull-request build. */
  detect: (env: NodeJS.ProcessEnv) => CiRange | undefined;
  /** What to say when `detect` finds nothing: which build gives a range, and why this one did not. */
  missing: string;
}

const fullSha = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;

/** A commit id when the variable holds one (Buildkite may say "HEAD"); else the checked-out HEAD. */
function commitOrHead(value: string | undefined): string | undefined {
  return value !== undefined && fullSha.test(value) ? value : undefined;
}

/** `refs/heads/main` (Azure Repos) and `main` (GitHub-hosted) both mean the branch main. */
function remoteBranch(branch: string): string {
  return `origin/${branch.replace(/^refs\/heads\//, '')}`;
}

function pullRequest(base: string | undefined, head: string | undefined, source: string): CiRange | undefined {
  if (base === undefined || base === '') return undefined;
  return { base: remoteBranch(base), head: commitOrHead(head), source };
}

export const otherProviders: readonly CiProvider[] = [
  {
    name: 'Azure Pipelines',
    matches: (env) => Boolean(env.TF_BUILD),
    // The build itself checks out a merge commit; the source commit is the pull request's own head (GitHub repos only).
    detect: (env) => pullRequest(env.SYSTEM_PULLREQUEST_TARGETBRANCH, env.SYSTEM_PULLREQUEST_SOURCECOMMITID, 'Azure Pipelines pull request'),
    missing: 'Azure Pipelines gives a range only in pull-request builds (SYSTEM_PULLREQUEST_TARGETBRANCH)',
  },
  {
    name: 'Bitbucket Pipelines',
    matches: (env) => Boolean(env.BITBUCKET_BUILD_NUMBER ?? env.BITBUCKET_COMMIT),
    detect: (env) => pullRequest(env.BITBUCKET_PR_DESTINATION_BRANCH, env.BITBUCKET_COMMIT, 'Bitbucket Pipelines pull request'),
    missing: 'Bitbucket Pipelines gives a range only in pull-request pipelines (BITBUCKET_PR_DESTINATION_BRANCH)',
  },
  {
    name: 'CircleCI',
    matches: (env) => env.CIRCLECI === 'true',
    // CIRCLE_PULL_REQUEST is only a URL: CircleCI never says which branch a pull request targets.
    detect: () => undefined,
    missing: 'CircleCI does not tell a job which branch a pull request targets',
  },
  {
    name: 'Buildkite',
    matches: (env) => Boolean(env.BUILDKITE),
    detect: (env) => (env.BUILDKITE_PULL_REQUEST === undefined || env.BUILDKITE_PULL_REQUEST === 'false' ? undefined : pullRequest(env.BUILDKITE_PULL_REQUEST_BASE_BRANCH, env.BUILDKITE_COMMIT, 'Buildkite pull request')),
    missing: 'Buildkite gives a range only in pull-request builds (BUILDKITE_PULL_REQUEST_BASE_BRANCH)',
  },
  {
    name: 'Jenkins',
    matches: (env) => Boolean(env.JENKINS_URL),
    // CHANGE_* come from multibranch pipelines (GitHub/Bitbucket/GitLab branch sources) building a change request.
    detect: (env) => (env.CHANGE_ID ? pullRequest(env.CHANGE_TARGET, env.GIT_COMMIT, 'Jenkins change request') : undefined),
    missing: 'Jenkins gives a range only in multibranch change-request builds (CHANGE_ID, CHANGE_TARGET)',
  },
];

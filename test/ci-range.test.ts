import { describe, expect, it } from 'vitest';
import { detectCiRange, explainMissingCiRange } from '../src/git/ci-range.js';

const events: Record<string, string> = {
  '/push.json': JSON.stringify({ before: 'a'.repeat(40), repository: { default_branch: 'main' } }),
  '/new-branch.json': JSON.stringify({ before: '0'.repeat(40), repository: { default_branch: 'trunk' } }),
  '/pull-request.json': JSON.stringify({ pull_request: { head: { sha: 'c'.repeat(40) }, base: { sha: 'd'.repeat(40) } } }),
};
const readEvent = (path: string): string => {
  const text = events[path];
  if (text === undefined) throw new Error(`no event file ${path}`);
  return text;
};

describe('detectCiRange', () => {
  it('uses the pull request base branch on GitHub Actions', () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_SHA: 'f'.repeat(40) };
    expect(detectCiRange(env, readEvent)).toEqual({ base: 'origin/main', head: undefined, source: 'GitHub Actions pull_request' });
  });

  it('analyses the pull request\'s own head, not the synthetic merge commit actions/checkout makes', () => {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_EVENT_PATH: '/pull-request.json', GITHUB_SHA: 'f'.repeat(40) };
    expect(detectCiRange(env, readEvent)).toEqual({ base: 'origin/main', head: 'c'.repeat(40), source: 'GitHub Actions pull_request' });
  });

  it('uses the pushed range (before..sha) on a GitHub push, and the default branch for a new branch', () => {
    const push = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '/push.json', GITHUB_SHA: 'b'.repeat(40) };
    expect(detectCiRange(push, readEvent)).toEqual({ base: 'a'.repeat(40), head: 'b'.repeat(40), source: 'GitHub Actions push' });
    const created = { ...push, GITHUB_EVENT_PATH: '/new-branch.json' };
    expect(detectCiRange(created, readEvent)).toEqual({ base: 'origin/trunk', head: 'b'.repeat(40), source: 'GitHub Actions push of a new branch' });
  });

  it('uses the merge request diff base on GitLab CI, then the pushed range', () => {
    const mergeRequest = { GITLAB_CI: 'true', CI_MERGE_REQUEST_DIFF_BASE_SHA: 'c'.repeat(40), CI_COMMIT_SHA: 'd'.repeat(40) };
    expect(detectCiRange(mergeRequest)).toEqual({ base: 'c'.repeat(40), head: 'd'.repeat(40), source: 'GitLab CI merge request' });
    const push = { GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: 'e'.repeat(40), CI_COMMIT_SHA: 'd'.repeat(40) };
    expect(detectCiRange(push)).toEqual({ base: 'e'.repeat(40), head: 'd'.repeat(40), source: 'GitLab CI push' });
    const firstPush = { GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: '0'.repeat(40), CI_DEFAULT_BRANCH: 'main', CI_COMMIT_SHA: 'd'.repeat(40) };
    expect(detectCiRange(firstPush)).toEqual({ base: 'origin/main', head: 'd'.repeat(40), source: 'GitLab CI push of a new branch' });
  });

  it('knows nothing elsewhere, so the default base applies', () => {
    expect(detectCiRange({ CI: 'true' })).toBeUndefined();
    expect(detectCiRange({ GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'workflow_dispatch' }, readEvent)).toBeUndefined();
  });

  // Variables as each provider documents them for a pull-request build (values made up).
  const head = '1'.repeat(40);

  it('reads an Azure Pipelines pull request: target branch (either spelling) and the source commit', () => {
    const azure = { TF_BUILD: 'True', BUILD_SOURCEVERSION: '9'.repeat(40), SYSTEM_PULLREQUEST_TARGETBRANCH: 'refs/heads/main', SYSTEM_PULLREQUEST_SOURCECOMMITID: head };
    expect(detectCiRange(azure)).toEqual({ base: 'origin/main', head, source: 'Azure Pipelines pull request' });
    expect(detectCiRange({ ...azure, SYSTEM_PULLREQUEST_TARGETBRANCH: 'develop', SYSTEM_PULLREQUEST_SOURCECOMMITID: undefined })).toEqual({ base: 'origin/develop', head: undefined, source: 'Azure Pipelines pull request' });
    expect(detectCiRange({ TF_BUILD: 'True', BUILD_SOURCEBRANCH: 'refs/heads/main' })).toBeUndefined();
  });

  it('reads a Bitbucket Pipelines pull request', () => {
    const bitbucket = { CI: 'true', BITBUCKET_BUILD_NUMBER: '42', BITBUCKET_COMMIT: head, BITBUCKET_PR_ID: '7', BITBUCKET_PR_DESTINATION_BRANCH: 'main' };
    expect(detectCiRange(bitbucket)).toEqual({ base: 'origin/main', head, source: 'Bitbucket Pipelines pull request' });
    expect(detectCiRange({ CI: 'true', BITBUCKET_BUILD_NUMBER: '42', BITBUCKET_COMMIT: head, BITBUCKET_BRANCH: 'feature' })).toBeUndefined();
  });

  it('reads a Buildkite pull request, and ignores a head that is not a commit id', () => {
    const buildkite = { BUILDKITE: 'true', BUILDKITE_PULL_REQUEST: '12', BUILDKITE_PULL_REQUEST_BASE_BRANCH: 'main', BUILDKITE_COMMIT: head };
    expect(detectCiRange(buildkite)).toEqual({ base: 'origin/main', head, source: 'Buildkite pull request' });
    expect(detectCiRange({ ...buildkite, BUILDKITE_COMMIT: 'HEAD' })).toEqual({ base: 'origin/main', head: undefined, source: 'Buildkite pull request' });
    expect(detectCiRange({ ...buildkite, BUILDKITE_PULL_REQUEST: 'false', BUILDKITE_PULL_REQUEST_BASE_BRANCH: '' })).toBeUndefined();
  });

  it('reads a Jenkins multibranch change request', () => {
    const jenkins = { JENKINS_URL: 'https://ci.example.com/', BUILD_ID: '5', CHANGE_ID: '31', CHANGE_TARGET: 'main', GIT_COMMIT: head };
    expect(detectCiRange(jenkins)).toEqual({ base: 'origin/main', head, source: 'Jenkins change request' });
    expect(detectCiRange({ JENKINS_URL: 'https://ci.example.com/', BRANCH_NAME: 'main', GIT_COMMIT: head })).toBeUndefined();
  });

  it('finds no base on CircleCI, which never names the target branch', () => {
    expect(detectCiRange({ CI: 'true', CIRCLECI: 'true', CIRCLE_PULL_REQUEST: 'https://github.com/o/r/pull/3', CIRCLE_SHA1: head })).toBeUndefined();
  });

  it('says why there is no range, per provider', () => {
    expect(explainMissingCiRange({ CIRCLECI: 'true' }, 'CircleCI')).toBe('CircleCI does not tell a job which branch a pull request targets');
    expect(explainMissingCiRange({ JENKINS_URL: 'x' }, 'Jenkins')).toMatch(/CHANGE_TARGET/);
    expect(explainMissingCiRange({ GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'schedule' }, 'GitHub Actions')).toMatch(/not schedule$/);
    expect(explainMissingCiRange({ TRAVIS: 'true' }, 'Travis CI')).toBe('Travis CI gives risk no pull-request range');
    expect(explainMissingCiRange({ CI: 'true' }, undefined)).toBe('this CI provider gives risk no pull-request range');
  });
});

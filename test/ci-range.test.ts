import { describe, expect, it } from 'vitest';
import { detectCiRange } from '../src/git/ci-range.js';

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
});

/**
 * The environment for a spawned `risk` or `git`: the caller's, minus every variable by which
 * risk recognises CI. Tests run in CI too, and there `CI=true` would switch risk to reading the
 * policy from the base commit and detecting the range from provider variables, so a test that
 * wants CI behaviour must say so through `extra`.
 */
export function testEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!isCiVariable(name)) env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

// ci-info (which decides "in CI") also counts BUILD_ID, BUILD_NUMBER, RUN_ID and the like.
const ciVariables = new Set(['CI', 'BUILDKITE', 'TF_BUILD', 'JENKINS_URL', 'TEAMCITY_VERSION', 'CIRCLECI', 'TRAVIS', 'BUILD_ID', 'BUILD_NUMBER', 'RUN_ID', 'CONTINUOUS_INTEGRATION', 'CI_NAME', 'HUDSON_URL']);
const ciPrefixes = ['GITHUB_', 'GITLAB_', 'CI_', 'RUNNER_', 'BITBUCKET_', 'CIRCLE_', 'BUILDKITE_', 'SYSTEM_', 'CHANGE_'];

function isCiVariable(name: string): boolean {
  return ciVariables.has(name) || ciPrefixes.some((prefix) => name.startsWith(prefix));
}

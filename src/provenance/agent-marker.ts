/**
 * Who is making an uncommitted change. A staged or working-tree change has no commit, so no
 * trailer or author can say an agent wrote it; the environment the agent runs commands in can.
 * Only markers an agent sets itself are read: Claude Code sets CLAUDECODE=1 for the commands
 * (and git hooks) it runs; RISK_AGENT=<name> is ours, for any other agent's hook or MCP config.
 */
export function detectAgent(env: Readonly<Record<string, string | undefined>>): string | null {
  const named = env.RISK_AGENT?.trim();
  if (named) return `${named} (RISK_AGENT)`;
  if (env.CLAUDECODE === '1') return 'Claude Code (CLAUDECODE=1)';
  return null;
}

/**
 * The Claude Code settings entry (`.claude/settings.json`, key `hooks`) that runs risk before
 * every Bash tool call; `risk hook claude` lets everything through except a `git commit` or
 * `git push` whose change fails the policy. Printed, never written: settings files are the user's.
 */
export function formatClaudeCodeSettings(command: string): string {
  const settings = {
    hooks: {
      PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: `${command} hook claude`, timeout: 300 }] }],
    },
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}

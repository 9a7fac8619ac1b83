import { UsageError } from '../shared/errors.js';

/** The part of Claude Code's PreToolUse hook input that risk reads (the JSON it writes on the hook's stdin). */
export interface ClaudeHookInput {
  toolName: string;
  /** The shell command about to run (Bash tool), or null for other tools. */
  command: string | null;
  /** The folder the command runs in. */
  cwd: string | null;
}

/** Reads the hook input; anything that is not the documented object is a usage error (the hook then blocks). */
export function parseClaudeHookInput(text: string): ClaudeHookInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('the hook input on stdin is not JSON', 'run `risk hook claude` only as a Claude Code PreToolUse hook (it reads the tool call as JSON on stdin)');
  }
  if (typeof value !== 'object' || value === null) throw new UsageError('the hook input on stdin is not a JSON object', 'run `risk hook claude` only as a Claude Code PreToolUse hook');
  const input = value as { tool_name?: unknown; tool_input?: { command?: unknown } | null; cwd?: unknown };
  return {
    toolName: typeof input.tool_name === 'string' ? input.tool_name : '',
    command: typeof input.tool_input?.command === 'string' ? input.tool_input.command : null,
    cwd: typeof input.cwd === 'string' && input.cwd !== '' ? input.cwd : null,
  };
}

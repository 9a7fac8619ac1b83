import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { WorkingTreeMemo } from '../git/tree-snapshot.js';
import { runDetailed, type DetailedRun, type RunOptions } from '../run/pipeline.js';
import { formatRiskError, isRiskError, UsageError } from '../shared/errors.js';
import { checkPolicy } from './check-policy.js';
import { explainFile } from './explain-file.js';
import { defaultSummaryLimits, summarizeBlastRadius } from '../report/blast-summary.js';
import {
  affectedTestsInput,
  affectedTestsOutput,
  blastRadiusInput,
  blastRadiusOutput,
  checkPolicyInput,
  checkPolicyOutput,
  explainInput,
  explainOutput,
} from './tool-schemas.js';

/** Where and how the server analyses: fixed when it starts, like the CLI's flags. */
export interface McpServerOptions {
  /** The folder the agent works in (any folder inside the repository). */
  cwd: string;
  configPath?: string | undefined;
  project?: string | undefined;
  /** Cache folder; null disables it; undefined picks the CLI's default. */
  cacheDir?: string | null | undefined;
  /** The agent using the server (see provenance/agent-marker.ts); uncommitted changes count as its work. */
  agent: string;
  version: string;
}

interface ChangeArgs {
  change?: 'worktree' | 'staged' | 'range' | undefined;
  base?: string | undefined;
  head?: string | undefined;
}

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/**
 * The MCP server: the analysis as four read-only tools. Each call runs the same pipeline as
 * the CLI (same cache, so repeated calls while an agent edits are warm) and never writes to
 * the repository. A problem the CLI reports as `risk: ...` + `hint: ...` is a tool error with
 * the same two lines.
 */
export function createRiskMcpServer(options: McpServerOptions): McpServer {
  const server = new McpServer({ name: 'risk', version: options.version });
  // The server outlives each call: unchanged working-tree files are not read and hashed again.
  const worktreeMemo: WorkingTreeMemo = new Map();
  const analyse = (args: ChangeArgs): Promise<DetailedRun> => runDetailed({ ...toRunOptions(args, options), worktreeMemo });

  server.registerTool(
    'blast_radius',
    {
      title: 'Blast radius of the current change',
      description:
        'Before committing: what the change reaches. Verdict and deciding reasons, destructive operations (infrastructure deleted or recreated, tables dropped) first, changed exports by kind, affected files by package with the closest ones, files that still import something removed, unknowns, owners to ask, affected tests. Lists are cut at `limit` items and say how many were left out.',
      inputSchema: blastRadiusInput,
      outputSchema: blastRadiusOutput,
      annotations: readOnly,
    },
    (args) =>
      answer(async () => {
        const run = await analyse(args);
        return summarizeBlastRadius(run.report, { ...defaultSummaryLimits, itemsPerList: args.limit ?? defaultSummaryLimits.itemsPerList });
      }),
  );

  server.registerTool(
    'explain',
    {
      title: 'Why a file is affected',
      description: 'Why one file is in the blast radius: the chain from the changed export to it, symbol by symbol, whether it is broken or reached through types only; or that it is not affected.',
      inputSchema: explainInput,
      outputSchema: explainOutput,
      annotations: readOnly,
    },
    (args) =>
      answer(async () => {
        const run = await analyse(args);
        return explainFile(run.report, toRepoPath(args.file, run, options.cwd));
      }),
  );

  server.registerTool(
    'affected_tests',
    {
      title: 'Tests to run for the change',
      description: 'The test files in the blast radius (changed tests, and tests that use a changed export directly or transitively), repository-relative.',
      inputSchema: affectedTestsInput,
      outputSchema: affectedTestsOutput,
      annotations: readOnly,
    },
    (args) =>
      answer(async () => {
        const { report } = await analyse(args);
        const limit = args.limit ?? 200;
        return { tests: report.affectedTests.slice(0, limit), count: report.affectedTests.length, omitted: Math.max(0, report.affectedTests.length - limit) };
      }),
  );

  server.registerTool(
    'check_policy',
    {
      title: "Check the change against the repository's policy",
      description: 'The verdict under the repository policy, the rules that fired, whether a senior sign-off is required and who may give it, and the provenance the policy saw (uncommitted changes made through this server count as AI-assisted).',
      inputSchema: checkPolicyInput,
      outputSchema: checkPolicyOutput,
      annotations: readOnly,
    },
    (args) =>
      answer(async () => {
        const run = await analyse(args);
        return checkPolicy(run.report, run.config);
      }),
  );
  return server;
}

/** A structured result (with its JSON as text, for clients that read only text), or a tool error with the CLI's lines. */
async function answer(compute: () => Promise<object>): Promise<CallToolResult> {
  try {
    const structured = (await compute()) as Record<string, unknown>;
    return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
  } catch (error) {
    const text = isRiskError(error)
      ? formatRiskError(error)
      : `risk: internal error: ${error instanceof Error ? error.message : String(error)}\nhint: please report this as a bug\n`;
    return { content: [{ type: 'text', text: text.trimEnd() }], isError: true };
  }
}

function toRunOptions(args: ChangeArgs, options: McpServerOptions): RunOptions {
  const hasRange = args.base !== undefined || args.head !== undefined;
  const mode = args.change ?? (hasRange ? 'range' : 'worktree');
  if (mode !== 'range' && hasRange) {
    throw new UsageError(`base and head apply to change "range", not "${mode}"`, 'drop base/head, or set change to "range"');
  }
  return {
    cwd: options.cwd,
    mode,
    base: args.base,
    head: args.head,
    project: options.project,
    configPath: options.configPath,
    cacheDir: options.cacheDir,
    agent: options.agent,
  };
}

/** Package folders of the analysed tree (nearest package.json), named from the manifest when it was read. */
/**
 * The repository path an agent means: absolute, relative to the server's folder, or already
 * repository-relative; the first that names a file of the tree (or of the change) wins.
 */
function toRepoPath(file: string, run: DetailedRun, cwd: string): string {
  const root = run.changes.root;
  const toPosix = (path: string): string => path.split(sep).join('/');
  const candidates = isAbsolute(file) ? [toPosix(relative(root, file))] : [toPosix(relative(root, resolve(cwd, file))), toPosix(posix.normalize(file))];
  const known = new Set([...run.changes.headTree.paths, ...run.report.changedFiles.flatMap((changed) => [changed.path, changed.oldPath])]);
  return candidates.find((candidate) => known.has(candidate)) ?? candidates[0]!;
}

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { detectAgent } from '../../provenance/agent-marker.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';

interface McpFlags {
  cwd: string;
  config?: string;
  project?: string;
  cache: boolean;
  cacheDir?: string;
  debug?: boolean;
}

/**
 * `risk mcp`: a Model Context Protocol server on stdin/stdout, for coding agents. stdout
 * carries the protocol only; nothing else may be written to it.
 */
export function defineMcpCommand(program: Command, io: Io, version: string): void {
  program
    .command('mcp')
    .description('serve the analysis to coding agents: an MCP server on stdio (tools blast_radius, explain, affected_tests, check_policy)')
    .option('-C, --cwd <dir>', 'the repository (any folder inside it) the tools analyse', process.cwd())
    .option('-c, --config <file>', 'policy file instead of .riskrc.json / package.json#risk at the repository root')
    .option('-p, --project <tsconfig>', 'resolve every file with this tsconfig (default: the tsconfig that owns each file)')
    .option('--cache-dir <dir>', 'cache folder (default as for risk itself)')
    .option('--no-cache', 'neither read nor write the cache')
    .action(async (flags: McpFlags) => {
      io.exitCode = await guard(flags, io, async () => {
        // Loaded here: the MCP SDK (and ajv under it) costs more to load than a warm analysis.
        const [{ StdioServerTransport }, { createRiskMcpServer }] = await Promise.all([import('@modelcontextprotocol/sdk/server/stdio.js'), import('../../mcp/server.js')]);
        const cwd = resolve(flags.cwd);
        const server = createRiskMcpServer({
          cwd,
          configPath: flags.config,
          project: flags.project,
          cacheDir: !flags.cache ? null : flags.cacheDir !== undefined ? resolve(cwd, flags.cacheDir) : undefined,
          // Whoever talks to this server is an agent: its uncommitted changes are AI-assisted.
          agent: detectAgent(process.env) ?? 'an agent using risk mcp',
          version,
        });
        await server.connect(new StdioServerTransport());
        io.stderr(`risk: MCP server ready on stdio for ${cwd}\n`);
        return 0;
      });
    });
}

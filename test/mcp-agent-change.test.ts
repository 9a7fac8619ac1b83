import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepo, type FixtureRepo } from './helpers/fixture-repo.js';
import { riskBinary, runRisk } from './helpers/risk-binary.js';
import { cleanupScratch, createScratchDir } from './helpers/scratch-repo.js';
import { testEnvironment } from './helpers/test-environment.js';
import { makeTestTemp } from './helpers/test-temp.js';
import type { PolicyCheck } from '../src/mcp/check-policy.js';
import type { FileExplanation } from '../src/mcp/explain-file.js';
import type { BlastRadiusSummary } from '../src/report/blast-summary.js';

/**
 * `risk mcp` as an agent sees it: the built binary started as a child process, spoken to with
 * the SDK's own client over stdio. The fixture leaves its change in the working tree: a tax
 * rate change that reaches checkout, an export removed that two files still import, and a
 * database resource removed from Terraform.
 */
const cacheHome = makeTestTemp('risk-mcp-cache-');

async function connect(cwd: string): Promise<Client> {
  const env = testEnvironment({ XDG_CACHE_HOME: cacheHome });
  const transport = new StdioClientTransport({ command: process.execPath, args: [riskBinary, 'mcp', '--cwd', cwd], env: env as Record<string, string>, stderr: 'pipe' });
  const client = new Client({ name: 'risk-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

interface ToolAnswer {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: { type: string; text?: string }[];
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> {
  return (await client.callTool({ name, arguments: args })) as ToolAnswer;
}

function textOf(answer: ToolAnswer): string {
  return answer.content.map((part) => part.text ?? '').join('');
}

describe('risk mcp (slow)', () => {
  let repo: FixtureRepo;
  let client: Client;

  beforeAll(async () => {
    repo = createFixtureRepo('mcp-agent-change');
    client = await connect(repo.dir);
  }, 30_000);

  afterAll(async () => {
    await client.close();
    repo.cleanup();
    cleanupScratch();
  });

  it('lists the four tools with input and output schemas, all read-only', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['affected_tests', 'blast_radius', 'check_policy', 'explain']);
    for (const tool of tools) {
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
    const blast = tools.find((tool) => tool.name === 'blast_radius')!;
    expect(Object.keys(blast.inputSchema.properties ?? {}).sort()).toEqual(['base', 'change', 'head', 'limit']);
    expect(tools.find((tool) => tool.name === 'explain')!.inputSchema.required).toEqual(['file']);
  });

  it('blast_radius: destructive operations first, then the radius, summary first and bounded', async () => {
    const answer = await call(client, 'blast_radius');
    expect(answer.isError).toBeFalsy();
    const result = answer.structuredContent as unknown as BlastRadiusSummary;
    expect(Object.keys(result as object).slice(0, 4)).toEqual(['headline', 'verdict', 'decidedBy', 'destructive']);
    expect(result.headline).toBe(
      'FAIL: DESTRUCTIVE: infra/main.tf: removed resource aws_db_instance.orders; 3 changed export(s) reach 5 file(s) in 2 package(s); 2 file(s) still import something removed; needs a senior sign-off',
    );
    expect(result.destructive).toEqual({ items: [{ file: 'infra/main.tf', class: 'infrastructure', details: ['removed resource aws_db_instance.orders'] }], total: 1, omitted: 0 });
    expect(result.change).toMatchObject({ mode: 'worktree', head: 'working tree', provenance: 'ai-assisted' });
    expect(result.counts).toEqual({ changedFiles: 2, changedExports: 3, affectedFiles: 5, affectedPackages: 2, brokenImporters: 2, unknowns: 0, affectedTests: 1, maxDepth: 3 });
    expect(result.changedExports.byKind).toEqual({ function: 2, variable: 1 });
    expect(result.changedExports.byChange).toEqual({ body: 1, removed: 1, signature: 1 });
    expect(result.changedExports.list.items[0]).toMatchObject({ name: 'roundPrice', change: 'removed' });
    expect(result.affectedByPackage.items.map((pkg) => `${pkg.package} ${pkg.affectedFiles}`)).toEqual(['@shop/app 4', '@shop/core 1']);
    // Broken first, then closest to the change.
    expect(result.affectedByPackage.items[0]!.top.items.map((file) => file.file)).toEqual([
      'packages/app/src/display.ts',
      'packages/app/src/checkout.ts',
      'packages/app/src/receipt.ts',
      'packages/app/test/checkout.test.ts',
    ]);
    expect(result.brokenImporters.items.map((file) => file.file)).toEqual(['packages/app/src/display.ts', 'packages/core/src/index.ts']);
    // Fail before warn; the agent rule fires because an MCP client's uncommitted change is AI-assisted.
    expect(result.reasons.items.map((reason) => `${reason.severity} ${reason.rule}`)).toEqual([
      'fail onBrokenImport',
      'fail rules.agent-wide-change',
      'fail rules.destructive-infrastructure',
    ]);
    expect(result.owners.reviews.items.map((review) => review.owner)).toEqual(['@shop/app-team', '@shop/core-team', '@shop/platform']);
    expect(result.affectedTests).toEqual({ items: ['packages/app/test/checkout.test.ts'], total: 1, omitted: 0 });
    expect(result.limits).toEqual({ itemsPerList: 10, filesPerPackage: 5 });
    expect(JSON.parse(textOf(answer))).toEqual(result);
  });

  it('blast_radius: a limit cuts every list and counts what it left out, never the totals', async () => {
    const result = (await call(client, 'blast_radius', { limit: 1 })).structuredContent as unknown as BlastRadiusSummary;
    expect(result.changedExports.list).toMatchObject({ omitted: 2 });
    expect(result.changedExports.list.items).toHaveLength(1);
    expect(result.affectedByPackage.omitted).toBe(1);
    expect(result.brokenImporters.omitted).toBe(1);
    expect(result.reasons.omitted).toBe(2);
    expect(result.counts.affectedFiles).toBe(5);
  });

  it('explain: the chain from the change to a file, symbol by symbol', async () => {
    const result = (await call(client, 'explain', { file: 'packages/app/src/receipt.ts' })).structuredContent as unknown as FileExplanation;
    expect(result).toMatchObject({ file: 'packages/app/src/receipt.ts', status: 'affected', depth: 3, isBroken: false, typeOnly: false, carriesOn: ['receipt'] });
    expect(result.steps).toEqual([
      'packages/core/src/index.ts uses packages/core/src/price.ts#withTax in its export withTax',
      'packages/app/src/checkout.ts uses packages/core/src/index.ts#withTax in its export total',
      'packages/app/src/receipt.ts uses packages/app/src/checkout.ts#total in its export receipt',
    ]);
    expect(result.origins).toEqual([{ file: 'packages/core/src/price.ts', name: 'withTax', kind: 'function', change: 'body', reason: 'uses changed `taxRate`' }]);

    const absolute = (await call(client, 'explain', { file: join(repo.dir, 'packages/app/src/display.ts') })).structuredContent as unknown as FileExplanation;
    expect(absolute).toMatchObject({ file: 'packages/app/src/display.ts', status: 'affected', isBroken: true });
    const changed = (await call(client, 'explain', { file: 'packages/core/src/price.ts' })).structuredContent as unknown as FileExplanation;
    expect(changed).toMatchObject({ status: 'changed', depth: 0 });
    expect(changed.origins.map((origin) => origin.name)).toEqual(['roundPrice', 'taxRate', 'withTax']);
    const untouched = (await call(client, 'explain', { file: 'package.json' })).structuredContent as unknown as FileExplanation;
    expect(untouched).toMatchObject({ status: 'not-affected', depth: null, chain: [] });
  });

  it('affected_tests: the test files to run', async () => {
    const answer = await call(client, 'affected_tests');
    expect(answer.structuredContent).toEqual({ tests: ['packages/app/test/checkout.test.ts'], count: 1, omitted: 0 });
  });

  it('check_policy: the verdict, the rules that fired, and who may sign off', async () => {
    const result = (await call(client, 'check_policy')).structuredContent as unknown as PolicyCheck;
    expect(result.verdict).toBe('fail');
    expect(result.policy).toEqual({ config: '.riskrc.json', origin: 'working-tree' });
    expect(result.rulesFired.map((rule) => `${rule.rule} ${rule.needsSignOff}`)).toEqual([
      'onBrokenImport false',
      'rules.agent-wide-change true',
      'rules.destructive-infrastructure true',
    ]);
    expect(result.provenance).toEqual({ state: 'ai-assisted', evidence: 'an uncommitted change made by an agent: an agent using risk mcp' });
    expect(result.signOff).toMatchObject({ isRequired: true, requiredBy: ['rules.agent-wide-change', 'rules.destructive-infrastructure'], approvers: ['senior@shop.test'], approvedBy: [] });
    expect(result.signOff.howTo).toContain('ask one of senior@shop.test');
    expect(result.owners).toEqual(['@shop/app-team', '@shop/core-team', '@shop/platform']);
  });

  it('the staged change is analysed when asked (nothing is staged here)', async () => {
    const result = (await call(client, 'blast_radius', { change: 'staged' })).structuredContent as unknown as BlastRadiusSummary;
    expect(result.change).toMatchObject({ mode: 'staged', head: 'index' });
    expect(result.counts.changedFiles).toBe(0);
    expect(result.verdict).toBe('pass');
  });

  it('an unknown ref is a tool error with the same lines as the CLI', async () => {
    const answer = await call(client, 'blast_radius', { change: 'range', base: 'no-such-branch' });
    expect(answer.isError).toBe(true);
    const cli = runRisk(repo.dir, ['--base', 'no-such-branch']);
    expect(cli.status).toBe(2);
    expect(textOf(answer)).toBe(cli.stderr.trimEnd());
    expect(textOf(answer)).toMatch(/^risk: .*no-such-branch.*\nhint: /);
  });

  it('base with a working-tree change is a usage error, not a silent range', async () => {
    const answer = await call(client, 'explain', { file: 'x.ts', change: 'worktree', base: 'main' });
    expect(answer.isError).toBe(true);
    expect(textOf(answer)).toBe('risk: base and head apply to change "range", not "worktree"\nhint: drop base/head, or set change to "range"');
  });

  it('never writes to the repository', () => {
    expect(repo.git('status', '--porcelain', '--ignored')).toBe(' M infra/main.tf\n M packages/core/src/price.ts\n');
  });
});

describe('risk mcp outside a repository (slow)', () => {
  it('answers every tool with the CLI error and hint', async () => {
    const dir = createScratchDir('mcp-not-a-repo');
    const client = await connect(dir);
    try {
      const cli = runRisk(dir, ['--worktree']);
      expect(cli.status).toBe(2);
      for (const name of ['blast_radius', 'affected_tests', 'check_policy']) {
        const answer = await call(client, name);
        expect(answer.isError).toBe(true);
        expect(textOf(answer)).toBe(cli.stderr.trimEnd());
      }
      expect(textOf(await call(client, 'explain', { file: 'a.ts' }))).toMatch(/^risk: .* is not inside a git repository\nhint: /);
    } finally {
      await client.close();
      cleanupScratch();
    }
  }, 30_000);
});

import { z } from 'zod';

/**
 * Input and output schemas of the MCP tools. The SDK turns them into the JSON Schemas that
 * tools/list shows, and checks every structured result against its output schema.
 */

const changeInput = {
  change: z
    .enum(['worktree', 'staged', 'range'])
    .optional()
    .describe('What to analyse: "worktree" (default: every uncommitted edit, untracked files included, against HEAD), "staged" (what `git commit` would record), or "range" (committed work: base...head).'),
  base: z.string().min(1).optional().describe('With change "range": the branch or commit to compare with (its merge-base with head). Default: the upstream, origin/HEAD, main or master.'),
  head: z.string().min(1).optional().describe('With change "range": the commit to analyse. Default: HEAD.'),
};

const limitInput = z.number().int().min(1).max(100).optional();

export const blastRadiusInput = {
  ...changeInput,
  limit: limitInput.describe('Items per list in the answer (default 10, at most 100). Counts are always complete; each list says how many items it left out.'),
};

export const explainInput = {
  file: z.string().min(1).describe('The file to explain: repository-relative, relative to the server\'s folder, or absolute.'),
  ...changeInput,
};

export const affectedTestsInput = {
  ...changeInput,
  limit: z.number().int().min(1).max(1000).optional().describe('Most test files to return (default 200); `omitted` counts the rest.'),
};

export const checkPolicyInput = { ...changeInput };

const bounded = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int().describe('items in the whole report'), omitted: z.number().int().describe('items left out by the limit') });

const severity = z.enum(['warn', 'fail']);
const verdict = z.enum(['pass', 'warn', 'fail']);
const provenance = z.enum(['ai-assisted', 'human-declared', 'unknown']);
const symbolKind = z.string().describe('function, class, interface, type, enum, variable, namespace, default, export-equals, re-export, module or unknown');
const symbolChange = z.enum(['added', 'removed', 'signature', 'body']);
const chainLink = z.object({ file: z.string(), symbol: z.string().nullable() });

export const blastRadiusOutput = {
  headline: z.string().describe('One line: verdict, destructive operations first, then the radius.'),
  verdict,
  decidedBy: z.string(),
  destructive: bounded(z.object({ file: z.string(), class: z.string(), details: z.array(z.string()) })).describe('Infrastructure deleted or recreated, tables dropped, dependencies removed.'),
  reasons: bounded(z.object({ rule: z.string(), severity, message: z.string(), needsSignOff: z.boolean() })).describe('Rules that fired, fail first.'),
  change: z.object({ mode: z.enum(['range', 'staged', 'worktree']), base: z.string(), head: z.string(), provenance }),
  counts: z.object({
    changedFiles: z.number().int(),
    changedExports: z.number().int(),
    affectedFiles: z.number().int(),
    affectedPackages: z.number().int(),
    brokenImporters: z.number().int(),
    unknowns: z.number().int(),
    affectedTests: z.number().int(),
    maxDepth: z.number().int(),
  }),
  changedExports: z.object({
    byKind: z.record(z.string(), z.number().int()),
    byChange: z.record(z.string(), z.number().int()),
    list: bounded(z.object({ file: z.string(), name: z.string(), kind: symbolKind, change: symbolChange, reason: z.string() })),
  }),
  affectedByPackage: bounded(
    z.object({
      package: z.string(),
      dir: z.string(),
      affectedFiles: z.number().int(),
      typeOnly: z.number().int(),
      top: bounded(z.object({ file: z.string(), depth: z.number().int(), typeOnly: z.boolean(), isBroken: z.boolean() })),
    }),
  ),
  brokenImporters: bounded(z.object({ file: z.string(), chain: z.string() })),
  unknowns: bounded(z.object({ kind: z.string(), file: z.string(), specifier: z.string().nullable(), reason: z.string() })),
  owners: z.object({ reviews: bounded(z.object({ owner: z.string(), files: z.number().int() })), unowned: z.number().int() }),
  affectedTests: bounded(z.string()),
  limits: z.object({ itemsPerList: z.number().int(), filesPerPackage: z.number().int() }),
};

export const explainOutput = {
  file: z.string(),
  status: z.enum(['changed', 'affected', 'not-affected']),
  depth: z.number().int().nullable(),
  typeOnly: z.boolean(),
  isBroken: z.boolean(),
  chain: z.array(chainLink).describe('From the changed export (first) to this file (last).'),
  steps: z.array(z.string()),
  origins: z.array(z.object({ file: z.string(), name: z.string(), kind: symbolKind, change: symbolChange, reason: z.string() })),
  carriesOn: z.array(z.string()),
};

export const affectedTestsOutput = {
  tests: z.array(z.string()).describe('Repository-relative test files in the blast radius: changed test files and tests that use a changed export.'),
  count: z.number().int(),
  omitted: z.number().int(),
};

export const checkPolicyOutput = {
  verdict,
  decidedBy: z.string(),
  policy: z.object({ config: z.string().nullable(), origin: z.enum(['base-commit', 'working-tree', 'override', 'defaults']) }),
  rulesFired: z.array(z.object({ rule: z.string(), severity, message: z.string(), actual: z.number(), limit: z.number().nullable(), needsSignOff: z.boolean() })),
  provenance: z.object({ state: provenance, evidence: z.string() }),
  signOff: z.object({
    isRequired: z.boolean(),
    requiredBy: z.array(z.string()),
    approvers: z.array(z.string()),
    approvedBy: z.array(z.string()),
    approvals: z.array(z.object({ tag: z.string(), status: z.string(), approver: z.string().nullable(), reason: z.string() })),
    howTo: z.string(),
  }),
  owners: z.array(z.string()),
};

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../src/shared/types.js';
import { parsePatch } from '../src/diff/parse-diff.js';
import { classifyNonCodeChanges } from '../src/signals/non-code/index.js';
import { projectRoot } from './helpers/fixture-repo.js';

// Hand-written parsers checked on files shaped like real ones (test/samples: written for this
// test after the common public Terraform modules and Prisma apps, not copied from them).
const sample = (name: string): string => readFileSync(join(projectRoot, 'test', 'samples', name), 'utf8');
const noExtraGlobs = { dependencies: [], lockfile: [], buildConfig: [], envConfig: [], migration: [], infrastructure: [] };

function classifyEdit(path: string, before: string, after: string): { isDestructive: boolean; details: string[] } | undefined {
  const file: ChangedFile = { path, oldPath: path, status: 'modified', isBinary: false, oldRanges: [], newRanges: [] };
  const [change] = classifyNonCodeChanges([file], { base: new Map([[path, before]]), head: new Map([[path, after]]) }, noExtraGlobs);
  return change && { isDestructive: change.isDestructive, details: change.details };
}

describe('Terraform module sample', () => {
  const network = sample('network.tf');

  it('reads every resource and module, past heredocs, template strings, comments and dynamic blocks', () => {
    expect(classifyEdit('infra/network.tf', network, `${network}\n# comment only\n`)).toEqual({ isDestructive: false, details: ['file modified'] });
  });

  it('names a removed for_each resource, a removed module, and a prevent_destroy taken away', () => {
    const after = network
      .replace(/resource "aws_subnet" "private" \{[\s\S]*?\n\}\n/, '')
      .replace(/module "endpoints" \{[\s\S]*?\n\}\n/, '')
      .replace('prevent_destroy = true', 'prevent_destroy = false');
    expect(classifyEdit('infra/network.tf', network, after)).toEqual({
      isDestructive: true,
      details: ['removed resource aws_subnet.private', 'removed module endpoints', 'prevent_destroy removed from aws_vpc.this'],
    });
  });

  it('does not count a resource renamed with a moved block as removed', () => {
    const after = network.replace('resource "aws_s3_bucket" "logs"', 'resource "aws_s3_bucket" "access_logs"').replace('to   = aws_s3_bucket.logs', 'to   = aws_s3_bucket.access_logs').replace('from = aws_s3_bucket.log\n', 'from = aws_s3_bucket.logs\n');
    expect(classifyEdit('infra/network.tf', network, after)).toEqual({ isDestructive: false, details: ['file modified'] });
  });
});

describe('Prisma schema sample', () => {
  const schema = sample('schema.prisma');

  it('reads models with braces inside string defaults, enums with comments and attributes', () => {
    expect(classifyEdit('prisma/schema.prisma', schema, schema.replace('  role      Role', '  nickname  String?\n  role      Role'))).toEqual({ isDestructive: false, details: ['file modified'] });
  });

  it('names removed fields after a brace-holding default, removed enum values, and a removed model', () => {
    const after = schema
      .replace('  bio       String   @default("} not the end")\n', '')
      .replace('  createdAt DateTime @default(now()) @map("created_at")\n', '')
      .replace('  ADMIN // full access\n', '')
      .replace(/model Post \{[\s\S]*?\n\}\n/, '')
      .replace('  posts     Post[]\n', '');
    expect(classifyEdit('prisma/schema.prisma', schema, after)).toEqual({
      isDestructive: true,
      details: ['removed model Post', 'removed enum value Role.ADMIN', 'removed field User.bio', 'removed field User.createdAt', 'removed field User.posts'],
    });
  });
});

describe('unified diff sample', () => {
  // `git diff -p -U0` as git prints it for a rename, a C-quoted path, a binary file, a mode
  // change, and hunk lines that look like file headers (a removed `-- comment`, an added `++ n;`).
  const patch = [
    'diff --git a/db/migrations/0003_users.sql b/db/migrations/0003_users.sql',
    'index 1111111..2222222 100644',
    '--- a/db/migrations/0003_users.sql',
    '+++ b/db/migrations/0003_users.sql',
    '@@ -2 +1,0 @@ CREATE TABLE users (',
    '--- keep the legacy column until v2',
    '@@ -5,2 +4,1 @@ CREATE TABLE users (',
    '-  legacy text',
    '-);',
    '+);',
    '\\ No newline at end of file',
    'diff --git a/src/loop.ts b/src/loop.ts',
    'index 3333333..4444444 100644',
    '--- a/src/loop.ts',
    '+++ b/src/loop.ts',
    '@@ -3 +3,2 @@ export function count(items: string[]): number {',
    '-  n += 1;',
    '+++ n;',
    '+  return n;',
    'diff --git a/src/old name.ts b/src/new name.ts',
    'similarity index 90%',
    'rename from src/old name.ts',
    'rename to src/new name.ts',
    'index 5555555..6666666 100644',
    '--- a/src/old name.ts',
    '+++ b/src/new name.ts',
    '@@ -1 +1 @@',
    '-export const a = 1;',
    '+export const a = 2;',
    'diff --git "a/docs/caf\\303\\251.md" "b/docs/caf\\303\\251.md"',
    'index 7777777..8888888 100644',
    '--- "a/docs/caf\\303\\251.md"',
    '+++ "b/docs/caf\\303\\251.md"',
    '@@ -0,0 +1 @@',
    '+# Café',
    'diff --git a/assets/logo.png b/assets/logo.png',
    'index 9999999..aaaaaaa 100644',
    'Binary files a/assets/logo.png and b/assets/logo.png differ',
    'diff --git a/bin/run.sh b/bin/run.sh',
    'old mode 100644',
    'new mode 100755',
    '',
  ].join('\n');

  it('keeps hunk lines that look like headers inside their hunk', () => {
    const facts = parsePatch(patch);
    expect([...facts.keys()].sort()).toEqual(['assets/logo.png', 'bin/run.sh', 'db/migrations/0003_users.sql', 'docs/café.md', 'src/loop.ts', 'src/new name.ts']);
    expect(facts.get('db/migrations/0003_users.sql')).toEqual({ oldRanges: [{ start: 2, count: 1 }, { start: 5, count: 2 }], newRanges: [{ start: 1, count: 0 }, { start: 4, count: 1 }], isBinary: false, hasModeChange: false });
    expect(facts.get('src/loop.ts')?.newRanges).toEqual([{ start: 3, count: 2 }]);
    expect(facts.get('src/new name.ts')?.oldRanges).toEqual([{ start: 1, count: 1 }]);
    expect(facts.get('docs/café.md')?.newRanges).toEqual([{ start: 1, count: 1 }]);
    expect(facts.get('assets/logo.png')?.isBinary).toBe(true);
    expect(facts.get('bin/run.sh')?.hasModeChange).toBe(true);
  });
});

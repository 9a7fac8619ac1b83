import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangedFile } from '../src/shared/types.js';
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

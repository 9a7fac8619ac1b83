import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ReadYaml from '../src/shared/read-yaml.js';

const yamlParses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../src/shared/read-yaml.js', async (importOriginal) => {
  const actual = await importOriginal<typeof ReadYaml>();
  return {
    readYamlDocuments: (text: string) => {
      yamlParses.count++;
      return actual.readYamlDocuments(text);
    },
  };
});

const { isCloudFormation } = await import('../src/signals/non-code/yaml-manifests.js');

/** A pnpm lockfile's shape, as long as a real one of a mid-sized monorepo. */
function lockfile(packages: number): string {
  const lines = ["lockfileVersion: '9.0'", '', 'packages:', ''];
  for (let index = 0; index < packages; index++) {
    lines.push(`  pkg-${index}@1.0.${index}:`, `    resolution: {integrity: sha512-${'x'.repeat(40)}}`, `    engines: {node: '>=18'}`, '');
  }
  return lines.join('\n');
}

describe('a changed YAML file is parsed only when it may be a CloudFormation template (issue 15)', () => {
  beforeEach(() => {
    yamlParses.count = 0;
  });

  it('does not parse a lockfile, which names neither top-level key of a template', () => {
    expect(isCloudFormation('pnpm-lock.yaml', lockfile(2000))).toBe(false);
    expect(yamlParses.count).toBe(0);
  });

  it('still parses and recognises a template, in block or flow style', () => {
    expect(isCloudFormation('stack.yaml', ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:', '  Bucket:', '    Type: AWS::S3::Bucket'].join('\n'))).toBe(true);
    expect(isCloudFormation('flow.yaml', '{Resources: {Queue: {Type: "AWS::SQS::Queue"}}}')).toBe(true);
    expect(yamlParses.count).toBe(2);
  });

  it('parses a file that mentions a key, and says no when it is no template', () => {
    expect(isCloudFormation('notes.yaml', 'title: Resources for newcomers\nitems: []')).toBe(false);
    expect(yamlParses.count).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { createWorkspaceFilter, readPnpmPackages } from '../src/graph/workspaces.js';
import type { TreeSnapshot } from '../src/shared/types.js';

function snapshot(files: Record<string, string>): TreeSnapshot {
  const paths = Object.keys(files).sort();
  const texts = new Map(Object.entries(files));
  return { label: 'test', paths, files: texts, ids: new Map(), unreadable: [], skipped: [], links: new Map(), readOnDemand: (path) => texts.get(path), loadTexts: () => Promise.resolve() };
}

const manifest = (extra: object = {}): string => JSON.stringify({ name: 'x', ...extra });

describe('workspaces', () => {
  it('reads pnpm-workspace.yaml block and flow sequences, with quotes and comments', () => {
    // A negation must be quoted: an unquoted `!` starts a YAML tag (pnpm's own docs quote it).
    expect(readPnpmPackages("packages:\n  # libs\n  - 'packages/*' # all\n  - \"apps/**\"\n  - '!**/test/**'\ncatalog:\n  - nope\n")).toEqual([
      'packages/*',
      'apps/**',
      '!**/test/**',
    ]);
    expect(readPnpmPackages("packages: ['a/*', \"b\",\n  'c/**']\n")).toEqual(['a/*', 'b', 'c/**']);
    expect(readPnpmPackages('onlyBuiltDependencies:\n  - esbuild\n')).toEqual([]);
  });

  it('reads pnpm-workspace.yaml as YAML: a quoted key, block scalars, anchors, several documents', () => {
    expect(readPnpmPackages('"packages":\n  - packages/*\n')).toEqual(['packages/*']);
    expect(readPnpmPackages('packages:\n  - >-\n    apps/*\n  - |-\n    tools/*\n')).toEqual(['apps/*', 'tools/*']);
    expect(readPnpmPackages('base: &globs [libs/*]\npackages: *globs\n')).toEqual(['libs/*']);
    expect(readPnpmPackages('packages: [a/*\n')).toEqual([]);
  });

  it('selects folders by npm/yarn globs, array or { packages }, with negations; the root always belongs', () => {
    for (const workspaces of [['packages/*', '!packages/old'], { packages: ['packages/*', '!packages/old'] }]) {
      const isWorkspace = createWorkspaceFilter(snapshot({ 'package.json': manifest({ workspaces }) }));
      expect(['', 'packages/a', 'packages/old', 'packages/a/nested', 'tools'].map(isWorkspace)).toEqual([true, true, false, false, false]);
    }
  });

  it('reads pnpm-workspace.yaml, and nested workspace roots select relative to themselves', () => {
    const isWorkspace = createWorkspaceFilter(
      snapshot({
        'package.json': manifest(),
        'pnpm-workspace.yaml': "packages:\n  - 'packages/**'\n",
        'www/package.json': manifest({ workspaces: ['apps/*'] }),
      }),
    );
    expect(['packages/a/b', 'www', 'www/apps/docs', 'www/tools', 'other'].map(isWorkspace)).toEqual([true, true, true, false, false]);
  });

  it('keeps every package when no workspace is declared', () => {
    const isWorkspace = createWorkspaceFilter(snapshot({ 'package.json': manifest(), 'a/package.json': manifest() }));
    expect(['a', 'b/c'].map(isWorkspace)).toEqual([true, true]);
  });
});

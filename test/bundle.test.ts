import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bundle = join(import.meta.dirname, '..', 'dist', 'bundle', 'risk.cjs');

describe('the bundled CLI (scripts/bundle.js)', () => {
  it('has no import() left: bin/risk.js compiles it through vm.Script, which has no loader for one on Node 20', () => {
    const text = readFileSync(bundle, 'utf8');
    // A package loaded lazily (oxc-parser, the MCP SDK) is required instead.
    expect(text).toContain('require("oxc-parser")');
    expect(text).toContain('require("@modelcontextprotocol/sdk/server/stdio.js")');
    expect(text.match(/\bimport\(\s*["'`]/g) ?? []).toEqual([]);
  });

  it('takes import.meta.url from its own file, two folders below the package root like every compiled module', () => {
    const text = readFileSync(bundle, 'utf8');
    expect(text).not.toMatch(/import\.meta/);
    expect(text).toContain('new URL("../../package.json", __bundleUrl)');
    expect(text).toContain('new URL("../run/analysis-worker.js", __bundleUrl)');
  });
});

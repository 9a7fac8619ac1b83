import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
let copy: string | undefined;
afterEach(() => {
  if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
});

describe('bin/risk.js without a build (end to end)', () => {
  it('exits 2 with the command that builds it, never 1 (a policy verdict) with a stack trace', () => {
    copy = mkdtempSync(join(tmpdir(), 'risk-unbuilt-'));
    cpSync(join(root, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(root, 'package.json'), join(copy, 'package.json'));
    const result = spawnSync(process.execPath, [join(copy, 'bin/risk.js'), '--base', 'main'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^risk: this copy of risk is not built, or its build is incomplete \(.*dist.*\)\nhint: run `npm run build` in /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

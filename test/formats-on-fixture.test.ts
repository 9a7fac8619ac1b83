import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createFixtureRepo, projectRoot, type FixtureRepo } from './helpers/fixture-repo.js';
import { runRisk } from './helpers/risk-binary.js';

const reportSchema = JSON.parse(readFileSync(join(projectRoot, 'schema/report.schema.json'), 'utf8')) as Record<string, unknown>;
const validateReport = new Ajv2020.default({ allErrors: true }).compile(reportSchema);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function fixture(name: string): FixtureRepo {
  const repo = createFixtureRepo(name);
  cleanups.push(repo.cleanup);
  return repo;
}

describe('every format on a real fixture repository (slow, end to end)', () => {
  it('writes several formats in one run, and the JSON matches the shipped report schema', () => {
    const repo = fixture('added-removed-exports');
    const result = runRisk(repo.dir, ['--base', 'main', '--format', 'text', '--format', 'json=out/report.json', '--format', 'sarif=out/risk.sarif', '--format', 'markdown=out/comment.md']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^risk: FAIL .*\n {2}fail {2}onBrokenImport: 3 file\(s\) still import a removed export or deleted file\n/);
    const report = JSON.parse(readFileSync(join(repo.dir, 'out/report.json'), 'utf8')) as unknown;
    expect(validateReport(report)).toBe(true);
    expect(validateReport.errors ?? []).toEqual([]);
    const sarif = JSON.parse(readFileSync(join(repo.dir, 'out/risk.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.filter((entry) => entry.ruleId === 'risk/broken-import')).toHaveLength(3);
    const markdown = readFileSync(join(repo.dir, 'out/comment.md'), 'utf8');
    expect(markdown).toContain('## ❌ risk: FAIL');
    expect(markdown).toContain('```mermaid\nflowchart LR');
    // Chains are shared: each affected file points into the chain table, whose links lead back to a changed symbol.
    const json = report as { version: number; chains: { parent: number | null }[]; affectedFiles: { via: number }[] };
    expect(json.version).toBe(2);
    expect(json.affectedFiles.every((file) => json.chains[file.via] !== undefined)).toBe(true);
  });

  it('validates the JSON of a passing change too (every optional shape exercised)', () => {
    const repo = fixture('type-only-imports');
    const result = runRisk(repo.dir, ['--base', 'main', '--format', 'json']);
    expect(validateReport(JSON.parse(result.stdout))).toBe(true);
    expect(validateReport.errors ?? []).toEqual([]);
  });

  it('prints GitHub annotations and writes the job summary to $GITHUB_STEP_SUMMARY', () => {
    const repo = fixture('added-removed-exports');
    const dir = mkdtempSync(join(tmpdir(), 'risk-summary-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const summary = join(dir, 'summary.md');
    const result = runRisk(repo.dir, ['--base', 'main', '--format', 'github'], { GITHUB_STEP_SUMMARY: summary });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatchInlineSnapshot(`
      "::error file=src/ns-old.ts,line=1,title=risk%3A broken import::uses an export or file that no longer exists: src/lib.ts#old -> src/ns-old.ts#viaNamespace
      ::error file=src/uses-gone.ts,line=1,title=risk%3A broken import::uses an export or file that no longer exists: src/gone.ts#goneValue -> src/uses-gone.ts#answer
      ::error file=src/uses-old.ts,line=1,title=risk%3A broken import::uses an export or file that no longer exists: src/lib.ts#old -> src/uses-old.ts#total
      ::error title=risk policy%3A onBrokenImport::3 file(s) still import a removed export or deleted file
      ::warning file=src/lib.ts,title=risk%3A changed export old::old (function) removed: export removed; reaches 2 affected file(s)
      ::warning file=src/gone.ts,title=risk%3A changed export goneValue::goneValue (variable) removed: file deleted; reaches 1 affected file(s)
      ::warning file=src/lib.ts,line=5,title=risk%3A changed export fresh::fresh (function) added: new export; reaches 0 affected file(s)
      ::notice title=risk%3A FAIL::onBrokenImport: 3 file(s) still import a removed export or deleted file. 3 changed export(s) in 2 file(s), 3 affected file(s) (3 contract, 0 behaviour only), max depth 1, 0 unknown(s)
      "
    `);
    expect(readFileSync(summary, 'utf8')).toContain('## ❌ risk: FAIL');
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/run/pipeline.js';
import type { RiskReport } from '../src/shared/types.js';
import { affectedSummary } from './helpers/analyse-fixture.js';
import { createFixtureRepo } from './helpers/fixture-repo.js';

/** `kind file specifier` per unknown of one list, sorted. */
function summary(unknowns: RiskReport['unknowns']): string[] {
  return unknowns.map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier ?? '-'}`).sort();
}

/** The fixture's repository, with `prepare` run on it before the analysis (e.g. to add a config). */
async function analyseWith(prepare: (repo: { dir: string; git: (...args: string[]) => string }) => void): Promise<RiskReport> {
  const repo = createFixtureRepo('broken-on-purpose');
  try {
    prepare(repo);
    return await run({ cwd: repo.dir, mode: 'range', base: 'main', cacheDir: null });
  } finally {
    repo.cleanup();
  }
}

describe('broken-on-purpose (slow)', () => {
  it('test fixtures that are broken on purpose are unknowns; only the one that imports the change counts', async () => {
    const report = await analyseWith(() => {});
    // The parser recovers enough to see the use of `parse`; what follows the error may be missed.
    expect(affectedSummary(report)).toEqual(['src/compile.ts', 'test/fixtures/syntax-error/uses-parse.ts']);
    expect(summary(report.unknowns)).toEqual(['parse-error test/fixtures/syntax-error/uses-parse.ts -']);
    // A broken config and an import of a file that does not exist, where the change cannot reach.
    expect(summary(report.unknownsElsewhere)).toEqual([
      'unresolved-config test/fixtures/bad-tsconfig/tsconfig.json -',
      'unresolved-import test/fixtures/missing-import/input.ts ./does-not-exist.js',
    ]);
    expect(report.unknownsElsewhere[0]?.reason).toMatch(/^unusable tsconfig \(.+\); 1 source file\(s\) \(test\/fixtures\/bad-tsconfig\/index\.ts\) resolved with tsconfig\.json instead$/);
    expect(report.verdict).toBe('warn');
  });

  it('`ignore` leaves them out of the analysed tree: nothing parsed, nothing unknown; an ignored change is listed', async () => {
    const report = await analyseWith(({ dir, git }) => {
      writeFileSync(join(dir, 'test/fixtures/bad-tsconfig/index.ts'), 'export const fixture = 2;\n');
      git('commit', '-q', '-am', 'touch an ignored fixture');
      // A local run reads the working tree's config.
      writeFileSync(join(dir, '.riskrc.json'), JSON.stringify({ ignore: ['test/fixtures/**'] }));
    });
    expect(affectedSummary(report)).toEqual(['src/compile.ts']);
    expect(report.unknowns).toEqual([]);
    expect(report.unknownsElsewhere).toEqual([]);
    expect(report.ignoredChanges).toEqual(['test/fixtures/bad-tsconfig/index.ts']);
    expect(report.changedFiles.map((file) => file.path)).toEqual(['src/parse.ts', 'test/fixtures/bad-tsconfig/index.ts']);
    expect(report.changedSymbols.map((symbol) => symbol.file)).toEqual(['src/parse.ts']);
    expect(report.verdict).toBe('pass');
  });
});

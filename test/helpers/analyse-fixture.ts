import { run, type RunOptions } from '../../src/run/pipeline.js';
import type { AffectedFile, RiskReport } from '../../src/shared/types.js';
import { createFixtureRepo } from './fixture-repo.js';

/** Builds the scenario's repository, runs the analyzer in-process on main..feature, and cleans up. */
export async function analyseFixture(scenario: string, options: Partial<RunOptions> = {}): Promise<RiskReport> {
  const repo = createFixtureRepo(scenario);
  try {
    // No cache: these tests pin down the analysis itself; test/cache.test.ts covers the cache.
    return await run({ cwd: repo.dir, mode: 'range', base: 'main', cacheDir: null, ...options });
  } finally {
    repo.cleanup();
  }
}

/** `file` or `file (types)` per affected file, sorted: compact to assert on. */
export function affectedSummary(report: RiskReport): string[] {
  return report.affectedFiles.map((file: AffectedFile) => `${file.file}${file.typeOnly ? ' (types)' : ''}${file.isBroken ? ' (broken)' : ''}`).sort();
}

/** `file#name change` per changed symbol. */
export function symbolSummary(report: RiskReport): string[] {
  return report.changedSymbols.map((symbol) => `${symbol.file}#${symbol.name} ${symbol.change}`);
}

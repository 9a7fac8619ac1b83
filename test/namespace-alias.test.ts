import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/run/pipeline.js';
import { affectedSummary, symbolSummary } from './helpers/analyse-fixture.js';
import { createFixtureRepo } from './helpers/fixture-repo.js';

describe('namespace-alias (slow)', () => {
  const repo = createFixtureRepo('namespace-alias');
  afterAll(() => repo.cleanup());

  it('follows the members read off an alias of a namespace import, and counts an escaping alias whole', async () => {
    const report = await run({ cwd: repo.dir, mode: 'range', base: 'main', cacheDir: null });
    expect(symbolSummary(report)).toEqual(['src/compiler/index.ts#transform body']);
    // const-alias, default-alias, assigned-once and top-level-alias (and consumer.ts, which uses
    // them) read only `parse` off their alias. The others read `transform`, or let the alias
    // escape: passed on, assigned twice, assigned in another function, read with a computed
    // key, returned, spread.
    expect(affectedSummary(report)).toEqual([
      'src/assigned-twice.ts',
      'src/computed.ts',
      'src/escapes.ts',
      'src/other-scope.ts',
      'src/reads-transform.ts',
      'src/returned.ts',
      'src/spread.ts',
    ]);
    expect(report.unknowns).toEqual([]);
  });

  it('still reaches every alias that reads the changed member', async () => {
    repo.git('checkout', '-q', '-b', 'parse-change');
    const file = join(repo.dir, 'src/compiler/index.ts');
    writeFileSync(file, 'export function parse(source: string): number {\n  return source.length + 1;\n}\n\nexport function transform(source: string): string {\n  return source.trim().toLowerCase();\n}\n');
    repo.git('commit', '-q', '-am', 'parse');
    const report = await run({ cwd: repo.dir, mode: 'range', base: 'feature', cacheDir: null });
    expect(symbolSummary(report)).toEqual(['src/compiler/index.ts#parse body']);
    expect(affectedSummary(report)).toEqual([
      'src/assigned-once.ts',
      'src/assigned-twice.ts',
      'src/computed.ts',
      'src/const-alias.ts',
      'src/consumer.ts',
      'src/default-alias.ts',
      'src/escapes.ts',
      'src/other-scope.ts',
      'src/returned.ts',
      'src/spread.ts',
      'src/top-level-alias.ts',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { affectedEntry, symbolKinds } from './helpers/report-views.js';

describe('default-exports (slow)', () => {
  it('detects changes of `export default function` and `export default <expr>` and follows default imports', async () => {
    const report = await analyseFixture('default-exports');
    expect(symbolSummary(report)).toEqual([
      // Only the returned string changed.
      'src/greet.ts#default body',
      // Anonymous default function gained a parameter.
      'src/parse.ts#default signature',
      // `{ retries: 3 }` -> `{ retries: 5 }`: same type `{ retries: number; verbose: boolean }`.
      'src/settings.ts#default body',
    ]);
    expect(symbolKinds(report)).toEqual(['src/greet.ts#default function', 'src/parse.ts#default function', 'src/settings.ts#default default']);
    expect(affectedSummary(report)).toEqual(['src/app.ts']);
    const app = affectedEntry(report, 'src/app.ts');
    expect(app.depth).toBe(1);
    // `unrelated` uses none of the defaults.
    expect(app.exports).toEqual(['message', 'parsed', 'retries']);
    expect(report.unknowns).toEqual([]);
  });
});

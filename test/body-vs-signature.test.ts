import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary } from './helpers/report-views.js';

describe('body-vs-signature (slow)', () => {
  it('tells a body-only change from a parameter type change and an inferred return type change', async () => {
    const report = await analyseFixture('body-vs-signature');
    expect(symbolSummary(report)).toEqual([
      // `return 1` -> `return 'a'`: the inferred return type goes from number to string.
      'src/lib.ts#code signature',
      // `value: number` -> `value: string`.
      'src/lib.ts#describe signature',
      // `x + 1` -> `x + 2`: same type, new implementation.
      'src/lib.ts#increment body',
    ]);
    // use-untouched.ts only imports `untouched`, which did not change.
    expect(affectedSummary(report)).toEqual(['src/use-code.ts', 'src/use-describe.ts', 'src/use-increment.ts']);
    expect(chainSummary(report)).toEqual([
      'src/use-code.ts 1 src/lib.ts#code -> src/use-code.ts#current',
      'src/use-describe.ts 1 src/lib.ts#describe -> src/use-describe.ts#show',
      'src/use-increment.ts 1 src/lib.ts#increment -> src/use-increment.ts#next',
    ]);
    expect(report.unknowns).toEqual([]);
  });
});

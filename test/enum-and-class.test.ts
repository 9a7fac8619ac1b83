import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { symbolKinds } from './helpers/report-views.js';

describe('enum-and-class (slow)', () => {
  it('treats a new enum member and a public method signature as signature changes, a private member as body', async () => {
    const report = await analyseFixture('enum-and-class');
    expect(symbolSummary(report)).toEqual([
      'src/color.ts#Color signature',
      // public `fetch` gained an optional parameter.
      'src/service.ts#Service signature',
      // only the private `key` method (and the body of `add`) changed.
      'src/store.ts#Store body',
    ]);
    expect(symbolKinds(report)).toEqual(['src/color.ts#Color enum', 'src/service.ts#Service class', 'src/store.ts#Store class']);
    expect(affectedSummary(report)).toEqual(['src/cache.ts', 'src/client.ts', 'src/palette.ts']);
    expect(report.affectedFiles.map((file) => file.depth)).toEqual([1, 1, 1]);
    expect(report.unknowns).toEqual([]);
  });
});

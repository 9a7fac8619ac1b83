import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { unknownSummary } from './helpers/report-views.js';

describe('per-package-aliases (slow)', () => {
  it('resolves the same `paths` alias per package, each to its own folder', async () => {
    const report = await analyseFixture('per-package-aliases');
    expect(symbolSummary(report)).toEqual(['packages/orders/src/services/db.ts#query body']);
    // packages/billing/src/invoice.ts imports '@services/db' too, but billing's alias means billing's db.ts.
    expect(affectedSummary(report)).toEqual(['packages/orders/src/checkout.ts']);
    expect(unknownSummary(report)).toEqual([]);
    expect(report.tsconfigs).toEqual(['packages/billing/tsconfig.json', 'packages/orders/tsconfig.json']);
  });
});

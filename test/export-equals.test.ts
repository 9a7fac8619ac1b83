import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { affectedEntry } from './helpers/report-views.js';

describe('export-equals (slow)', () => {
  it('detects body and signature changes behind `export =` and follows `import x = require()`', async () => {
    const report = await analyseFixture('export-equals');
    expect(symbolSummary(report)).toEqual([
      // `value + 1` -> `value + 100`.
      'src/legacy-body.ts#export= body',
      // `(value: number) => string` -> `(value: number, radix?: number) => string`.
      'src/legacy-shape.ts#export= signature',
    ]);
    expect(affectedSummary(report)).toEqual(['src/app.ts']);
    const app = affectedEntry(report, 'src/app.ts');
    expect(app.depth).toBe(1);
    expect(app.exports).toEqual(['output']);
    expect(report.unknowns).toEqual([]);
  });
});

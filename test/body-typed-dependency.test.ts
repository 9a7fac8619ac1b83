import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('body-typed-dependency (slow)', () => {
  it('keeps an export whose signature names a body-changed class a body change, and one naming a reshaped class a signature change', async () => {
    const report = await analyseFixture('body-typed-dependency');
    expect(symbolSummary(report)).toEqual([
      // AppError's constructor calls describe: same class shape, new behaviour.
      'src/errors.ts#AppError body',
      'src/errors.ts#describe body',
      // `(cause: unknown): AppError` names a class whose shape did not change.
      'src/errors.ts#toAppError body',
      // Point gained `y`: its shape changed, and so did what origin() returns.
      'src/shapes.ts#Point signature',
      'src/shapes.ts#origin signature',
    ]);
    // use-app-error-type.ts sees only toAppError's type, which did not change.
    expect(affectedSummary(report)).toEqual(['src/use-origin-type.ts (types)', 'src/use-to-app-error.ts']);
    expect(report.unknowns).toEqual([]);
  });
});

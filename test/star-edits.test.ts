import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('star-edits (slow)', () => {
  it('an edited `export *` line changes exactly the names it forwards, in the way it changes them', async () => {
    const report = await analyseFixture('star-edits');
    expect(symbolSummary(report)).toEqual([
      // Added `export * from './b'`: beta is new; alpha, which './a' forwards too, is now ambiguous.
      'src/barrel.ts#alpha signature',
      'src/barrel.ts#beta added',
      // `export *` -> `export type *` from './c': the function loses its value; the interface CType is untouched.
      'src/barrel.ts#gamma removed',
      // Removed `export * from './old'`: gone is gone; shadowed was the barrel's own all along.
      'src/barrel.ts#gone removed',
    ]);
    // Not affected: users of own, A_CONST, shadowed, CType, and of gamma as a type only.
    expect(affectedSummary(report)).toEqual([
      'src/deep.ts',
      'src/uses-alpha.ts',
      'src/uses-gamma-value.ts (broken)',
      'src/uses-gone.ts (broken)',
    ]);
  });
});

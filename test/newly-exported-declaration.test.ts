import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('newly-exported-declaration (slow)', () => {
  it('adding `export` to existing declarations adds exports and changes nothing their same-file users see', async () => {
    const report = await analyseFixture('newly-exported-declaration');
    // `distance` uses Point and origin; neither declaration changed, only its export.
    expect(symbolSummary(report)).toEqual(['src/shapes.ts#Point added', 'src/shapes.ts#origin added', 'src/uses-point.ts#p added']);
    // Only the new file that imports the newly exported type is reached; geometry.ts and app.ts are not.
    expect(affectedSummary(report)).toEqual(['src/uses-point.ts (types)']);
  });
});

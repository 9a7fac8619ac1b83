import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { affectedEntry, symbolKinds } from './helpers/report-views.js';

describe('type-declarations (slow)', () => {
  it('classifies interface, type alias, overload and namespace changes', async () => {
    const report = await analyseFixture('type-declarations');
    expect(symbolSummary(report)).toEqual([
      // Only the implementation of `Geo.distance` changed: `a - b` -> `b - a`.
      'src/geo.ts#Geo body',
      // Overload list unchanged, only the implementation body changed.
      'src/parse.ts#format body',
      // A new overload `parse(input: boolean): string`.
      'src/parse.ts#parse signature',
      'src/shapes.ts#Id signature',
      'src/shapes.ts#Point signature',
    ]);
    expect(symbolKinds(report)).toEqual([
      'src/geo.ts#Geo namespace',
      'src/parse.ts#format function',
      'src/parse.ts#parse function',
      'src/shapes.ts#Id type',
      'src/shapes.ts#Point interface',
    ]);
    // plot.ts uses Point and Id only in annotations.
    expect(affectedSummary(report)).toEqual(['src/calc.ts', 'src/plot.ts (types)']);
    expect(affectedEntry(report, 'src/calc.ts').exports).toEqual(['gap', 'text']);
    expect(affectedEntry(report, 'src/plot.ts').exports).toEqual(['plot']);
    expect(report.unknowns).toEqual([]);
  });
});

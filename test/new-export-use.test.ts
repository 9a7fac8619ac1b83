import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('new-export-use (slow)', () => {
  it('passes a use of a new export on as an implementation change: type-only users further down see nothing', async () => {
    const report = await analyseFixture('new-export-use');
    expect(symbolSummary(report)).toEqual(['src/render.ts#render body', 'src/util.ts#fresh added']);
    // render.ts calls the new `fresh`; App's body calls render; main.ts runs App. holder.ts
    // only names App's type, which neither change touches.
    expect(affectedSummary(report)).toEqual(['src/app.ts', 'src/main.ts', 'src/render.ts']);
    expect(report.unknowns).toEqual([]);
  });
});

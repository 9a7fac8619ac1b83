import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('data-modules (slow)', () => {
  it('follows a changed JSON module and a changed CSS module to the files that import them, and on', async () => {
    // Before, both changes were "no exported symbol changed" and nothing was affected, though
    // `card.ts` reads a class the change renamed.
    const report = await analyseFixture('data-modules');
    expect(symbolSummary(report)).toEqual(['src/card.module.css#* body', 'src/translation.json#* body']);
    expect(affectedSummary(report)).toEqual(['src/card.ts', 'src/i18n.ts', 'src/page.ts']);
    expect(report.unknowns).toEqual([]);
  });
});

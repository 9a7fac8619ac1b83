import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('specifier-rewrite (slow)', () => {
  it('an import or re-export whose specifier now names the same module under another spelling is no change; one naming another module is', async () => {
    const report = await analyseFixture('specifier-rewrite');
    expect(symbolSummary(report)).toEqual([
      // The file moved a folder down: the old path lost its export. The new path's `../date.ts`
      // is the module './date.js' was, so its export did not change.
      'src/mover.ts#tomorrow removed',
      // './one.js' -> './two.js' is another module: the import and the re-export changed (doubled stays a number).
      'src/switch-use.ts#doubled body',
      'src/switch.ts#value signature',
    ]);
    // index.ts (`export * from './date.js'` -> './date.ts', './format.js' -> './format.ts') and
    // uses.ts ('./date.js' -> './date') changed nothing their importers see.
    expect(affectedSummary(report)).toEqual(['src/app.ts']);
    expect(report.affectedFiles[0]?.exports).toEqual(['label']);
    expect(report.summary.unknowns).toBe(0);
  });
});

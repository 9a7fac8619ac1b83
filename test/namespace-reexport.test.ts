import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary } from './helpers/report-views.js';

describe('namespace-reexport (slow)', () => {
  it('follows a namespace import re-exported by name (`export { z }`), member by member', async () => {
    const report = await analyseFixture('namespace-reexport');
    expect(symbolSummary(report)).toEqual(['src/schemas.ts#object body']);
    // uses-string.ts and deep-string.ts only call z.string(), which did not change; in
    // shadowed.ts the only `z.object()` is called on a parameter that happens to be named z.
    expect(affectedSummary(report)).toEqual([
      'src/deep-object.ts',
      'src/default-object.ts',
      'src/grouped.ts',
      'src/index.ts',
      'src/passes-z.ts',
      'src/uses-object.ts',
      'src/via-zod.ts',
    ]);
    expect(chainSummary(report)).toContain('src/via-zod.ts 3 src/schemas.ts#object -> src/index.ts#z.object -> src/passes-z.ts#zod.object -> src/via-zod.ts#viaZod');
    const grouped = report.affectedFiles.find((file) => file.file === 'src/grouped.ts');
    // `onlyString` uses schemas.string() only: it does not carry the change.
    expect(grouped?.exports).toEqual(['both']);
    const viaZod = report.affectedFiles.find((file) => file.file === 'src/via-zod.ts');
    expect(viaZod?.exports).toEqual(['viaZod']);
    expect(report.unknowns).toEqual([]);
  });
});

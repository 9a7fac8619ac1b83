import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { affectedEntry } from './helpers/report-views.js';

describe('type-only-imports (slow)', () => {
  it('marks importers that only use the changed symbols as types as typeOnly', async () => {
    const report = await analyseFixture('type-only-imports');
    expect(symbolSummary(report)).toEqual(['src/model.ts#Account signature', 'src/model.ts#User signature']);
    expect(affectedSummary(report)).toEqual([
      // `import { User }` of an interface used only in an annotation.
      'src/annotation.ts (types)',
      // `import { type Account }` of a class.
      'src/inline-type.ts (types)',
      // `import type { User }`.
      'src/type-import.ts (types)',
      // `new Account()` is a runtime use; `User` is only a type there.
      'src/value-use.ts',
    ]);
    expect(affectedEntry(report, 'src/value-use.ts').exports).toEqual(['account', 'current']);
    expect(report.affectedFiles.map((file) => file.depth)).toEqual([1, 1, 1, 1]);
    expect(report.unknowns).toEqual([]);
  });
});

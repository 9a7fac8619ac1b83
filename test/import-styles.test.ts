import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary } from './helpers/report-views.js';

describe('import-styles (slow)', () => {
  it('follows named, namespace member and default imports of exactly the changed exports', async () => {
    const report = await analyseFixture('import-styles');
    expect(symbolSummary(report)).toEqual(['src/lib.ts#changed body', 'src/lib.ts#default body']);
    // named-other.ts imports `other`; ns-other.ts only uses `lib.other`.
    expect(affectedSummary(report)).toEqual(['src/default-user.ts', 'src/named-user.ts', 'src/ns-user.ts']);
    expect(chainSummary(report)).toEqual([
      'src/default-user.ts 1 src/lib.ts#default -> src/default-user.ts#title',
      'src/named-user.ts 1 src/lib.ts#changed -> src/named-user.ts#named',
      'src/ns-user.ts 1 src/lib.ts#changed -> src/ns-user.ts#viaNamespace',
    ]);
    expect(report.unknowns).toEqual([]);
  });
});

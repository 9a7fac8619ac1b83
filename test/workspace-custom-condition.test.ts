import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('workspace-custom-condition (slow)', () => {
  it("resolves a workspace import through an exports entry that only a custom condition maps to source", async () => {
    // `exports` points at unbuilt files except under "@org/source", which the importer's
    // tsconfig does not enable: risk still finds the source the package exports.
    const report = await analyseFixture('workspace-custom-condition');
    expect(symbolSummary(report)).toEqual(['packages/core/src/index.ts#parse body']);
    expect(affectedSummary(report)).toEqual(['apps/web/src/page.ts']);
    expect(report.unknowns).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('inferred-from-import (slow)', () => {
  it('an export whose type is inferred from an import is a possible signature change, so type-only users count; an annotated one stays body-only', async () => {
    const report = await analyseFixture('inferred-from-import');
    expect(symbolSummary(report)).toEqual(expect.arrayContaining(['src/label.ts#label body', 'src/schema.ts#userSchema signature', 'src/server/router.ts#appRouter signature']));
    const reasons = new Map(report.changedSymbols.map((symbol) => [`${symbol.file}#${symbol.name}`, symbol.reason]));
    // The reason names the import the type comes from, through the local `t` for the router.
    expect(reasons.get('src/server/router.ts#appRouter')).toContain('inferred from `initTRPC`');
    expect(reasons.get('src/schema.ts#userSchema')).toContain('inferred from `z`');
    // Type-only users of the router and the schema are reached; label's `typeof` user is not.
    expect(affectedSummary(report)).toEqual(['src/client/api.ts (types)', 'src/profile.ts (types)']);
    // The package's entry exports the schema and its type: the compatibility checker would see
    // `any` on both sides and call them additive; an unknown type stays breaking.
    expect(report.publicApi.map((change) => `${change.name} ${change.impact}`).sort()).toEqual(['User breaking', 'userSchema breaking']);
  });
});

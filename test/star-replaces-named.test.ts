import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('star-replaces-named (slow)', () => {
  it('a named re-export replaced by `export *` of the same module is no change (unless another star makes it ambiguous); of another module, a changed source', async () => {
    // Blueprint's `export { isArrowKey, isKeyboardClick } from "./keyboardUtils"` became
    // `export * from "./keyboardUtils"`: both were reported removed and their users broken.
    const report = await analyseFixture('star-replaces-named');
    // `pick` was re-exported by name from './keys'; now './keys' and './other2' both forward it
    // through `export *`: ambiguous, so not exported at all (TS2308), and its user is broken.
    expect(symbolSummary(report)).toEqual(['src/utils.ts#helper signature', 'src/utils.ts#isEscape added', 'src/utils.ts#pick removed']);
    expect(report.changedSymbols.find((symbol) => symbol.name === 'helper')?.reason).toBe("re-export removed, now forwarded by `export * from './more'`");
    expect(affectedSummary(report)).toEqual(['src/uses-helper.ts', 'src/uses-pick.ts (broken)']);
  });
});

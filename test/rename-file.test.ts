import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary } from './helpers/report-views.js';

describe('rename-file (slow)', () => {
  it('treats a rename as removal from the old path, and diffs the moved content for a rename with edits', async () => {
    const report = await analyseFixture('rename-file');
    expect(report.changedFiles.map((file) => `${file.oldPath} -> ${file.path} ${file.status}`).sort()).toEqual([
      'src/alpha.ts -> src/alpha-renamed.ts renamed',
      'src/beta.ts -> src/gamma.ts renamed',
      'src/fresh.ts -> src/fresh.ts modified',
    ]);
    expect(symbolSummary(report)).toEqual([
      // Nothing exists at the old paths any more.
      'src/alpha.ts#alpha removed',
      'src/alpha.ts#alphaLength removed',
      'src/beta.ts#beta removed',
      'src/beta.ts#betaName removed',
      // fresh.ts now imports `beta` from gamma.ts, whose implementation changed; its type did not.
      'src/fresh.ts#sum body',
      // The pure rename (alpha-renamed.ts) adds nothing; the edited one changed beta's body.
      'src/gamma.ts#beta body',
    ]);
    // stale.ts still imports './alpha.js', which is gone.
    expect(affectedSummary(report)).toEqual(['src/fresh.ts', 'src/stale.ts (broken)']);
    expect(chainSummary(report)).toEqual([
      'src/fresh.ts 1 src/gamma.ts#beta -> src/fresh.ts#sum',
      'src/stale.ts 1 src/alpha.ts#alpha -> src/stale.ts#word',
    ]);
    expect(report.unknowns).toEqual([]);
  });
});

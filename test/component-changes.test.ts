import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('component-changes (slow)', () => {
  it('a changed, deleted or restyled component reaches the files that import it; a component importing it is an unknown', async () => {
    const report = await analyseFixture('component-changes');
    // Props edited in the script: a contract change; a style edit: body only; a deleted component: removed.
    expect(symbolSummary(report)).toEqual(['src/Badge.svelte#* body', 'src/Old.svelte#* removed', 'src/Widget.vue#* signature']);
    // main.ts still imports the deleted component; use.ts and use-badge.ts use what main.ts passes on.
    expect(affectedSummary(report)).toEqual(['src/main.ts (broken)', 'src/use-badge.ts', 'src/use.ts']);
    // Page.vue renders the changed Widget: what it passes on is not parsed, so it counts as unknown.
    expect(report.unknowns.map((unknown) => `${unknown.kind} ${unknown.file}`)).toEqual(['unparsed-importer src/Page.vue']);
  });
});

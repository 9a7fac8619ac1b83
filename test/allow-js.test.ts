import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';
import { chainSummary, unknownSummary } from './helpers/report-views.js';

describe('allow-js (slow)', () => {
  it('follows JS importing TS and TS importing JS, and resolves a jsconfig.json project with its aliases', async () => {
    const report = await analyseFixture('allow-js');
    expect(symbolSummary(report)).toEqual(['site/src/theme.js#theme body', 'src/legacy.js#legacy body', 'src/price.ts#price body']);
    expect(affectedSummary(report)).toEqual(['site/src/layout.jsx', 'src/cart.js', 'src/checkout.ts']);
    expect(chainSummary(report)).toEqual([
      'site/src/layout.jsx 1 site/src/theme.js#theme -> site/src/layout.jsx#Layout',
      // A JS file using the tsconfig's alias (the project has no allowJs; its JS files are still its own).
      'src/cart.js 1 src/price.ts#price -> src/cart.js#total',
      'src/checkout.ts 1 src/legacy.js#legacy -> src/checkout.ts#summary',
    ]);
    expect(unknownSummary(report)).toEqual([]);
    expect(report.tsconfigs).toEqual(['site/jsconfig.json', 'tsconfig.json']);
  });
});

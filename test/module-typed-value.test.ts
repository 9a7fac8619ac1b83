import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('module-typed-value (slow)', () => {
  it('counts a value typed as a whole namespace (`typeof Lib`) as a runtime user of the module, and nothing else read only as a type', async () => {
    const report = await analyseFixture('module-typed-value');
    expect(symbolSummary(report)).toEqual(['src/lib.ts#exportToBlob body']);
    expect(affectedSummary(report)).toEqual([
      // `lib: typeof Lib` is a prop that holds the module; App calls lib.exportToBlob.
      'src/app.ts',
      // `Window.Lib: typeof Lib` is a global that holds the module; saveScene calls it.
      'src/global-host.ts',
      // Calls App, whose behaviour changed.
      'src/uses-app.ts',
      // Calls saveScene, which reads the global.
      'src/uses-global-host.ts',
    ]);
    expect(report.unknowns).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('module-glob (slow)', () => {
  it("reports Vite's import.meta.glob and webpack's require.context as computed imports that count, instead of passing in silence", async () => {
    // `search/client.ts` is loaded only by pattern: no specifier names it. Before, the change
    // reached nothing and nothing was unknown.
    const report = await analyseFixture('module-glob');
    expect(symbolSummary(report)).toEqual(['src/plugins/search/client.ts#activate body']);
    expect(affectedSummary(report)).toEqual([]);
    expect(report.unknowns.map((unknown) => [unknown.kind, unknown.file, unknown.specifier, unknown.reason])).toEqual([
      ['dynamic-import', 'src/legacy-loader.ts', "require.context('./plugins', true, /client\\.ts$/)", 'require.context loads every module of a folder that matches: those modules are not followed'],
      ['dynamic-import', 'src/plugin-manager.ts', "import.meta.glob<Plugin>('./plugins/*/client.ts', { eager: true })", "Vite's glob import loads every module its pattern matches: those modules are not followed"],
    ]);
  });
});

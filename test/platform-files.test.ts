import { describe, expect, it } from 'vitest';
import { platformSiblingsOf } from '../src/graph/importers.js';
import { affectedSummary, analyseFixture, symbolSummary } from './helpers/analyse-fixture.js';

describe('platform-files (slow)', () => {
  it("follows a change to Drawer.native.ts to the importers of './views/Drawer', which React Native's bundler loads it for", async () => {
    // TypeScript resolves './views/Drawer' to Drawer.ts; Metro loads Drawer.native.ts on iOS
    // and Android. Before, the changed native file reached nothing (react-navigation 894b7ecd2).
    const report = await analyseFixture('platform-files');
    expect(symbolSummary(report)).toEqual(['src/views/Drawer.native.ts#Drawer signature']);
    expect(affectedSummary(report)).toEqual(['src/app.ts', 'src/index.ts']);
    expect(report.affectedFiles.find((file) => file.file === 'src/index.ts')?.importLine).toBe(1);
  });
});

describe('platformSiblingsOf', () => {
  const imported = new Set(['a/Drawer.tsx', 'a/List.ts', 'a/Nav.d.ts', 'a/Tabs.ios.ts', 'a/Tabs.android.ts']);
  const isImported = (path: string): boolean => imported.has(path);

  it('maps a platform file to the files an import of its name resolves to in TypeScript', () => {
    expect(platformSiblingsOf('a/Drawer.native.tsx', isImported)).toEqual(['a/Drawer.tsx']);
    expect(platformSiblingsOf('a/Drawer.ios.tsx', isImported)).toEqual(['a/Drawer.tsx']);
    expect(platformSiblingsOf('a/List.android.tsx', isImported)).toEqual(['a/List.ts']);
    // A hand-written declaration beside the platform files (the usual React Native typing).
    expect(platformSiblingsOf('a/Nav.ios.ts', isImported)).toEqual(['a/Nav.d.ts']);
    // `moduleSuffixes: [".ios", ".native", ""]`: TypeScript resolves `./Tabs` to Tabs.ios.ts.
    expect(platformSiblingsOf('a/Tabs.native.ts', isImported)).toEqual(['a/Tabs.ios.ts', 'a/Tabs.android.ts']);
  });

  it('maps nothing for other files, other suffixes, or names nothing imports', () => {
    expect(platformSiblingsOf('a/Drawer.tsx', isImported)).toEqual([]);
    expect(platformSiblingsOf('a/Drawer.test.tsx', isImported)).toEqual([]);
    expect(platformSiblingsOf('a/Menu.native.tsx', isImported)).toEqual([]);
  });
});

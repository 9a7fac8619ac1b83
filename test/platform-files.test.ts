import { describe, expect, it } from 'vitest';
import { platformBaseOf } from '../src/graph/importers.js';
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

describe('platformBaseOf', () => {
  const imported = new Set(['a/Drawer.tsx', 'a/List.ts', 'a/Nav.tsx']);
  const isImported = (path: string): boolean => imported.has(path);

  it('maps a platform file to the base file an import resolves to, the same extension first', () => {
    expect(platformBaseOf('a/Drawer.native.tsx', isImported)).toBe('a/Drawer.tsx');
    expect(platformBaseOf('a/Drawer.ios.tsx', isImported)).toBe('a/Drawer.tsx');
    expect(platformBaseOf('a/List.android.tsx', isImported)).toBe('a/List.ts');
  });

  it('maps nothing for other files, other suffixes, or a base nothing imports', () => {
    expect(platformBaseOf('a/Drawer.tsx', isImported)).toBeUndefined();
    expect(platformBaseOf('a/Drawer.test.tsx', isImported)).toBeUndefined();
    expect(platformBaseOf('a/Menu.native.tsx', isImported)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { scanImports } from '../src/graph/scan-imports.js';
import { extractModuleFacts } from '../src/symbols/module-facts.js';
import { listFixtureSources } from './helpers/fixture-sources.js';

/** Every specifier the full parser finds; the fast scan must find all of them. */
function parsedSpecifiers(path: string, text: string): string[] {
  const facts = extractModuleFacts(path, text, { withFingerprints: false });
  return [...new Set([...facts.imports, ...facts.reExports, ...facts.moduleUses].map((entry) => entry.specifier))].sort();
}

function missedByScan(path: string, text: string): string[] {
  const scanned = scanImports(text).specifiers;
  return parsedSpecifiers(path, text).filter((specifier) => !scanned.has(specifier));
}

const everySyntax = `
import def from './a';
import * as ns from './b';
import { x, type Y } from './c';
import type { Z } from './d';
import './side-effect';
import eq = require('./e');
export * from './f';
export * as grouped from './g';
export { h as renamed } from './h';
export type { I } from './i';
const lazy = () => import('./j');
const cjs = require('./k');
const { l } = require('./l');
type T = import('./m').M;
declare module 'n' { import { O } from './o'; }
export const p = require('./p').q;
`;

describe('scanImports (the fast specifier scan behind the file graph)', () => {
  it('finds every specifier the parser finds, for every import syntax', () => {
    expect(parsedSpecifiers('all.ts', everySyntax)).toEqual(['./a', './b', './c', './d', './e', './f', './g', './h', './i', './j', './k', './l', './m', './o', './p', './side-effect']);
    expect(missedByScan('all.ts', everySyntax)).toEqual([]);
  });

  it('flags a computed import() or require(), and not a static one', () => {
    expect(scanImports('const m = await import(name);').mayHaveComputedImport).toBe(true);
    expect(scanImports('const m = require(path.join(a, b));').mayHaveComputedImport).toBe(true);
    expect(scanImports("const m = await import('./static.js'); const n = require(`./tpl`);").mayHaveComputedImport).toBe(false);
  });

  it('misses nothing in any fixture source file', () => {
    const sources = listFixtureSources();
    const missed = sources.flatMap(({ path, name, text }) => missedByScan(path, text).map((specifier) => `${name}: ${specifier}`));
    expect(sources.length).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadModuleRecordReader } from '../src/graph/module-record.js';
import { extractImportFacts } from '../src/symbols/module-facts.js';
import { listFixtureSources } from './helpers/fixture-sources.js';
import { reportWithOxc } from './helpers/report-with-oxc.js';

const tricky = `
import def from './a';
import type { T } from './b';
import './side-effect';
import {} from './empty-clause';
import type {} from './empty-type-clause';
import * as ns from './ns';
export * from './c';
export * as all from './all';
export { d } from './d';
export type { E } from './e';
import eq = require('./eq');
const { f } = require('./f');
const lazy = () => import('./lazy');
const computed = () => import('./computed-' + name);
const escaped = () => import('./esc\\u0061ped');
type J = import('./j').J;
declare module 'k' { export const k: number; }
`;

describe('the module record reader (oxc-parser)', () => {
  it('lists only specifiers TypeScript facts list too, and leaves the rest to TypeScript', async () => {
    const read = await loadModuleRecordReader();
    expect(read).toBeDefined();
    const proven = [...(read?.('tricky.ts', tricky) ?? [])].sort();
    expect(proven).toEqual(['./a', './all', './b', './c', './d', './e', './lazy', './ns', './side-effect'].sort());
    const facts = extractImportFacts('tricky.ts', tricky);
    expect(proven.filter((specifier) => !facts.specifiers.includes(specifier))).toEqual([]);
    // What it leaves out TypeScript lists (except the empty clauses, which it does not).
    expect(facts.specifiers).toEqual(expect.arrayContaining(['./eq', './f', './j']));
    expect(facts.specifiers).not.toContain('./empty-clause');
  });

  it('answers nothing for a text with a syntax error, so that TypeScript reports it', async () => {
    const read = await loadModuleRecordReader();
    expect(read?.('broken.ts', "import { a } from './a';\nconst x = (;\n")).toBeUndefined();
    expect(read?.('fine.ts', "import { a } from './a';\n")).toEqual(new Set(['./a']));
  });

  it('agrees with TypeScript on every fixture source: a subset of its specifiers, and no file TypeScript finds broken', async () => {
    const read = await loadModuleRecordReader();
    const sources = listFixtureSources();
    const disagreements: string[] = [];
    let answered = 0;
    for (const { path, name, text } of sources) {
      const proven = read?.(path, text);
      const facts = extractImportFacts(path, text);
      if (proven === undefined) continue;
      answered++;
      if (facts.parseErrors.length > 0) disagreements.push(`${name}: TypeScript reports ${facts.parseErrors[0]}`);
      for (const specifier of proven) if (!facts.specifiers.includes(specifier)) disagreements.push(`${name}: ${specifier}`);
    }
    expect(answered).toBeGreaterThan(100);
    expect(disagreements).toEqual([]);
  });

  it('confirms unresolved imports as TypeScript does: same report with and without oxc, and oxc is asked', async () => {
    const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });
    const base = {
      'tsconfig.json': tsconfig,
      'src/lib.ts': 'export const one = () => 1;\n',
      'src/use-lib.ts': "import { one } from './lib';\nexport const a = one();\n",
      // Not reached by the change; their unresolved imports are confirmed for the report.
      'src/elsewhere.ts': "import { gone } from './gone';\nimport './gone-too';\nexport const e = gone;\n",
      'src/empty-clause.ts': "import {} from './never-loaded';\nexport const c = 1;\n",
      'src/required.ts': "const { x } = require('./required-gone');\nexport const r = x;\n",
      'src/broken.ts': "import { b } from './broken-gone';\nexport const broken = (;\n",
    };
    const head = { ...base, 'src/lib.ts': 'export const one = () => 1 + 0;\n' };
    const withOxc = await reportWithOxc(base, head, true);
    expect(withOxc.parsed).toBeGreaterThan(0);
    expect(withOxc.json).toBe((await reportWithOxc(base, head, false)).json);
    const report = JSON.parse(withOxc.json) as Record<'unknowns' | 'unknownsElsewhere', { kind: string; file: string; specifier: string | null }[]>;
    const found = [...report.unknowns, ...report.unknownsElsewhere].map((unknown) => `${unknown.kind} ${unknown.file} ${unknown.specifier}`);
    expect(found.sort()).toEqual([
      'parse-error src/broken.ts null',
      'unresolved-import src/broken.ts ./broken-gone',
      'unresolved-import src/elsewhere.ts ./gone',
      'unresolved-import src/elsewhere.ts ./gone-too',
      'unresolved-import src/required.ts ./required-gone',
    ]);
  });
});

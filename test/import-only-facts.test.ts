import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeFileImpact, type IncomingChange } from '../src/graph/file-taint.js';
import { loadImportOnlyReader } from '../src/graph/import-only-facts.js';
import { extractModuleFacts } from '../src/symbols/module-facts.js';
import type { ModuleFacts } from '../src/symbols/module-facts-types.js';
import { listFixtureSources } from './helpers/fixture-sources.js';
import { reportWithOxc } from './helpers/report-with-oxc.js';

/** The parts of full facts that import-only facts must reproduce exactly. */
const importParts = (facts: ModuleFacts): unknown => ({ imports: facts.imports, moduleUses: facts.moduleUses, specifierLines: facts.specifierLines });

const testFile = [
  '// A test file: it only imports. é ü 日本',
  "import def, { a, b as c, type T, default as dd, 'x-y' as xy } from './m';",
  'import type { U } from "./types";\r',
  "import type V from './v';\u2028import './side';",
  "import {} from './empty';",
  '/* between */ import \'./side\';',
  "import { later } from './m';",
  "describe('x', () => { it('works', () => { expect(c(def)).toBe(a as T); }); });",
  '',
].join('\n');

describe('import-only facts (oxc-parser)', () => {
  it('list the bindings, side-effect imports and lines TypeScript lists, and nothing else', async () => {
    const read = await loadImportOnlyReader();
    const facts = read?.('x.test.ts', testFile);
    expect(facts).toBeDefined();
    expect(importParts(facts as ModuleFacts)).toEqual(importParts(extractModuleFacts('x.test.ts', testFile, { withFingerprints: false })));
    expect(facts?.imports.map((binding) => `${binding.local}<-${binding.imported}${binding.isTypeOnly ? ' (type)' : ''}`)).toEqual([
      'def<-default',
      'a<-a',
      'c<-b',
      'T<-T (type)',
      'dd<-default',
      'xy<-x-y',
      'U<-U (type)',
      'V<-default (type)',
      'later<-later',
    ]);
    // `\r\n` is one line break, U+2028 another (TypeScript's rules).
    expect(facts?.specifierLines).toEqual([
      ['./m', 2],
      ['./types', 3],
      ['./v', 4],
      ['./side', 5],
    ]);
    expect(facts?.exports.size).toBe(0);
    expect(facts?.locals.size).toBe(0);
  });

  it('are not given for what needs full facts, even when only a comment mentions it', async () => {
    const read = await loadImportOnlyReader();
    const imports = "import { a } from './a';\n";
    const needsFull = [
      'export const x = a;',
      '// export nothing',
      'export {};',
      "const b = require('./b');",
      'module.exports = a;',
      'exports.a = a;',
      "declare module 'x' { import { y } from './y'; }",
      "const lazy = () => import('./lazy');",
      "type J = import('./j').J;",
      "import eq = require('./eq');",
      'import Alias = Space.Inner;',
      "import * as ns from './ns';",
      "import defer * as lazy from './lazy';",
      "import source wasm from './module.wasm';",
      "import { b } from './b\\x2ejs';",
      'const \\u0061b = 1;',
      'const broken = (;',
    ];
    for (const rest of needsFull) expect(read?.('x.ts', `${imports}${rest}\n`), rest).toBeUndefined();
    expect(read?.('x.ts', `${imports}a();\n`)).toBeDefined();
  });

  it('agree with TypeScript on every fixture source they answer for', async () => {
    const read = await loadImportOnlyReader();
    const disagreements: string[] = [];
    let answered = 0;
    for (const { path, name, text } of listFixtureSources()) {
      const facts = read?.(path, text);
      if (facts === undefined) continue;
      answered++;
      const full = extractModuleFacts(path, text, { withFingerprints: false });
      if (full.exports.size > 0 || full.reExports.length > 0) disagreements.push(`${name}: TypeScript finds exports`);
      if (full.parseErrors.length > 0 || full.dynamicSpecifiers.length > 0) disagreements.push(`${name}: TypeScript finds ${full.parseErrors[0] ?? full.dynamicSpecifiers[0]?.expression}`);
      if (JSON.stringify(importParts(full)) !== JSON.stringify(importParts(facts))) disagreements.push(`${name}: imports differ`);
    }
    expect(answered).toBeGreaterThan(5);
    expect(disagreements).toEqual([]);
  });
});

describe('the walk over import-only facts', () => {
  const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });
  const base = {
    'tsconfig.json': tsconfig,
    'src/lib.ts': 'export function one(x: number): number {\n  return x;\n}\nexport const tools = { format: (x: number) => `${x}`, parse: (x: string) => Number(x) };\n',
    // Tests: they export nothing and only import.
    'test/calls.test.ts': "import { one } from '../src/lib';\nit('one', () => one(1));\n",
    'test/type-use.test.ts': "import { one } from '../src/lib';\nconst check: typeof one = (x) => x;\nit('typed', () => check(1));\n",
    'test/unused.test.ts': "import { one } from '../src/lib';\nit('nothing', () => 1);\n",
    'test/format.test.ts': "import { tools } from '../src/lib';\nit('format', () => tools.format(1));\n",
    'test/parse.test.ts': "import { tools } from '../src/lib';\nit('parse', () => tools.parse('1'));\n",
  };
  const edit = (from: string, to: string): Record<string, string> => ({ ...base, 'src/lib.ts': base['src/lib.ts'].replace(from, to) });

  const reportWith = (head: Record<string, string>, oxc: boolean): Promise<{ json: string; parsed: number }> => reportWithOxc(base, head, oxc);
  const affected = (json: string): string[] => (JSON.parse(json) as { affectedFiles: { file: string; typeOnly: boolean }[] }).affectedFiles.map((entry) => `${entry.file}${entry.typeOnly ? ' (types)' : ''}`).sort();

  it('a signature change reaches every test that imports the name, whatever it does with it, as with full facts', async () => {
    const head = edit('one(x: number): number', 'one(x: number, y = 0): number');
    const withOxc = await reportWith(head, true);
    expect(withOxc.parsed).toBeGreaterThan(0);
    expect(withOxc.json).toBe((await reportWith(head, false)).json);
    expect(affected(withOxc.json)).toEqual(['test/calls.test.ts', 'test/type-use.test.ts', 'test/unused.test.ts']);
  });

  it('a body change reaches only the tests that read the value: those are given full facts', async () => {
    const head = edit('return x;', 'return x + 0;');
    const withOxc = await reportWith(head, true);
    expect(withOxc.json).toBe((await reportWith(head, false)).json);
    expect(affected(withOxc.json)).toEqual(['test/calls.test.ts']);
  });

  it('a change of one member of a namespace export reaches only the tests that use that member: those are given full facts', async () => {
    const withNamespace = {
      ...base,
      'src/tools.ts': 'export const format = (x: number) => `${x}`;\nexport const parse = (x: string) => Number(x);\n',
      'src/index.ts': "export * as tools from './tools';\n",
      'test/format.test.ts': "import { tools } from '../src/index';\nit('format', () => tools.format(1));\n",
      'test/parse.test.ts': "import { tools } from '../src/index';\nit('parse', () => tools.parse('1'));\n",
    };
    const head = { ...withNamespace, 'src/tools.ts': withNamespace['src/tools.ts'].replace('(x: number)', '(x: number, digits = 2)') };
    const withOxc = await reportWithOxc(withNamespace, head, true);
    expect(withOxc.json).toBe((await reportWithOxc(withNamespace, head, false)).json);
    expect(affected(withOxc.json)).toEqual(['src/index.ts', 'test/format.test.ts']);
  });
});

describe('the taint step over import-only facts', () => {
  /** Uses of an imported name that a test file may have: as a value, a type, shadowed, in a local declaration. */
  const useOf = (name: string): fc.Arbitrary<string> =>
    fc.constantFrom(
      `it('x', () => ${name}(1));`,
      `const local = ${name};`,
      `function helper() { return ${name}; }`,
      `let typed: typeof ${name};`,
      `type Alias = typeof ${name};`,
      `interface Shape { field: typeof ${name} }`,
      `function shadow(${name}: number) { return ${name}; }`,
      `{ const ${name} = 2; void ${name}; }`,
      `class Holder { value = ${name}; }`,
      `enum Kind { A = 1 }`,
      `void 0;`,
    );
  const fileArbitrary = fc
    .record({
      clause: fc.constantFrom('{ a }', '{ a, b }', '{ type a, b }', 'a', 'a, { b }', '{ a as b }', '{ default as a }'),
      typeOnly: fc.boolean(),
      other: fc.boolean(),
      uses: fc.array(fc.constantFrom('a', 'b').chain(useOf), { maxLength: 5 }),
    })
    .map(({ clause, typeOnly, other, uses }) =>
      [`import ${typeOnly && !/type|,/.test(clause) ? 'type ' : ''}${clause} from './target';`, other ? "import { c } from './other';" : '', ...uses].join('\n'),
    );
  const changeArbitrary: fc.Arbitrary<IncomingChange> = fc.record({
    target: fc.constant('target.ts'),
    symbol: fc.constantFrom('a', 'b', 'c', 'default', 'export=', '*', '(module)'),
    member: fc.constant(null),
    isTypeOnly: fc.boolean(),
    isRemoved: fc.boolean(),
    isBodyOnly: fc.constant(false),
  });

  it('answers as over full facts for every change it is asked about (not body-only, no member)', async () => {
    const read = await loadImportOnlyReader();
    const targets = new Map([
      ['./target', 'target.ts'],
      ['./other', 'other.ts'],
    ]);
    fc.assert(
      fc.property(fileArbitrary, changeArbitrary, (text, change) => {
        const importOnly = read?.('x.test.ts', text);
        expect(importOnly).toBeDefined();
        const full = extractModuleFacts('x.test.ts', text, { withFingerprints: false });
        const answer = (impact: ReturnType<typeof computeFileImpact>): unknown => ({ ...impact, exports: [...impact.exports] });
        expect(answer(computeFileImpact(importOnly as ModuleFacts, targets, change, false))).toEqual(answer(computeFileImpact(full, targets, change)));
      }),
      { numRuns: 400 },
    );
  });
});

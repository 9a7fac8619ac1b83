import { describe, expect, it, vi } from 'vitest';
import { findChangedSymbols } from '../src/symbols/changed-exports.js';
import type { CacheStore } from '../src/cache/cache-store.js';
import { ClosedSignatures, findClosedSignatureMatches } from '../src/symbols/closed-signature.js';
import { extractModuleFacts } from '../src/symbols/module-facts.js';
import { PublicShapes } from '../src/symbols/public-shape.js';
import type { ChangedFile } from '../src/shared/types.js';

/** A body-only edit of `name` (a different number returned), with the rest of the file as given. */
interface Case {
  label: string;
  path?: string;
  before: string;
  after: string;
  name: string;
  /** Whether the written signature decides it (no type checker). */
  isClosed: boolean;
}

const cases: Case[] = [
  { label: 'annotated function', before: 'export function f(a: number): number {\n  return a + 1;\n}\n', after: 'export function f(a: number): number {\n  return a + 2;\n}\n', name: 'f', isClosed: true },
  { label: 'annotated arrow', before: 'export const f = async (a: string, b?: number): Promise<string> => a + 1;\n', after: 'export const f = async (a: string, b?: number): Promise<string> => a + 2;\n', name: 'f', isClosed: true },
  { label: 'annotated variable', before: 'export const limit: number = 1;\n', after: 'export const limit: number = 2;\n', name: 'limit', isClosed: true },
  {
    label: 'annotated overloads',
    before: 'export function f(a: string): string;\nexport function f(a: number): number;\nexport function f(a: any): any {\n  return a;\n}\n',
    after: 'export function f(a: string): string;\nexport function f(a: number): number;\nexport function f(a: any): any {\n  return [a][0];\n}\n',
    name: 'f',
    isClosed: true,
  },
  { label: 'exported under another name', before: 'function g(): number {\n  return 1;\n}\nexport { g as f };\n', after: 'function g(): number {\n  return 2;\n}\nexport { g as f };\n', name: 'f', isClosed: true },
  // The type comes from the body: the checker decides (same type here, so still "body").
  { label: 'inferred return type', before: 'export function f(a: number) {\n  return a + 1;\n}\n', after: 'export function f(a: number) {\n  return a + 2;\n}\n', name: 'f', isClosed: false },
  // ... and here it differs: number -> string.
  { label: 'inferred return type that changes', before: 'export const f = (a: number) => a + 1;\n', after: 'export const f = (a: number) => `${a}`;\n', name: 'f', isClosed: false },
  { label: 'unannotated parameter', before: 'export function f(a = 1): number {\n  return a;\n}\n', after: 'export function f(a = 1): number {\n  return a + 1;\n}\n', name: 'f', isClosed: false },
  {
    label: 'member assigned in new top-level code (adds to the type)',
    before: 'export function f(): number {\n  return 1;\n}\n',
    after: 'export function f(): number {\n  return 2;\n}\nf.extra = 1;\n',
    name: 'f',
    isClosed: false,
  },
  {
    label: 'member assigned on both sides',
    before: 'export function f(): number {\n  return 1;\n}\nf.extra = 1;\n',
    after: 'export function f(): number {\n  return 2;\n}\nf.extra = 1;\n',
    name: 'f',
    isClosed: false,
  },
  {
    label: 'member assigned inside another declaration',
    before: 'export function f(): number {\n  return 1;\n}\nexport const g = 1;\n',
    after: 'export function f(): number {\n  return 2;\n}\nexport const g = (f.extra = 1);\n',
    name: 'f',
    isClosed: false,
  },
  {
    label: 'namespace merged in',
    before: 'export function f(): number {\n  return 1;\n}\nexport namespace f {\n  export const a = 1;\n}\n',
    after: 'export function f(): number {\n  return 2;\n}\nexport namespace f {\n  export const a = 1;\n}\n',
    name: 'f',
    isClosed: false,
  },
  {
    label: 'changed global augmentation',
    before: 'export function f(): Marker {\n  return 1;\n}\ndeclare global {\n  type Marker = number;\n}\n',
    after: 'export function f(): Marker {\n  return 2;\n}\ndeclare global {\n  type Marker = 1 | 2;\n}\n',
    name: 'f',
    isClosed: false,
  },
  {
    label: 'JavaScript (types from JSDoc, which fingerprints ignore)',
    path: 'src/lib.js',
    before: '/** @returns {number} */\nexport function f(a) {\n  return a + 1;\n}\n',
    after: '/** @returns {string} */\nexport function f(a) {\n  return `${a}`;\n}\n',
    name: 'f',
    isClosed: false,
  },
  {
    label: 'value from an import (any in the checker, which loads the file alone): its type is unknown',
    before: "import { createStep } from '@scope/sdk';\nexport const step = createStep('a', async (input: string) => input);\n",
    after: "import { createStep } from '@scope/sdk';\nexport const step = createStep('a', async (input: string) => input.trim());\n",
    name: 'step',
    isClosed: false,
  },
  {
    label: 'value from a namespace import, through members and calls',
    before: "import * as z from 'zod';\nexport const schema = z.object({ a: z.string() }).strict();\n",
    after: "import * as z from 'zod';\nexport const schema = z.object({ a: z.number() }).strict();\n",
    name: 'schema',
    isClosed: false,
  },
  {
    label: 'value from an import that may name the file itself',
    before: "import { make } from './lib';\nexport function make(): number {\n  return 1;\n}\nexport const made = make();\n",
    after: "import { make } from './lib';\nexport function make(): number {\n  return 2;\n}\nexport const made = make() + 0;\n",
    name: 'made',
    isClosed: false,
  },
  {
    label: 'value from an import, asserted to a type',
    before: "import { load } from 'loader';\nexport const data = load() as number;\n",
    after: "import { load } from 'loader';\nexport const data = load(1) as number;\n",
    name: 'data',
    isClosed: false,
  },
  {
    label: 'component returning JSX (any without a JSX namespace)',
    path: 'src/view.tsx',
    before: 'export const View = ({ title }: { title: string }) => {\n  if (!title) return null;\n  return <h1>{title}</h1>;\n};\n',
    after: 'export const View = ({ title }: { title: string }) => {\n  if (!title) return null;\n  return <h2 className="t">{title}</h2>;\n};\n',
    name: 'View',
    isClosed: true,
  },
  {
    label: 'component declared as a function, returning a fragment',
    path: 'src/view.tsx',
    before: 'export default function Page() {\n  return <>a</>;\n}\n',
    after: 'export default function Page() {\n  return (\n    <>b</>\n  );\n}\n',
    name: 'default',
    isClosed: true,
  },
  {
    label: 'JSX only inside a nested function: the return type is not JSX',
    path: 'src/view.tsx',
    before: 'export function render() {\n  const inner = () => <b />;\n  return 1;\n}\n',
    after: 'export function render() {\n  const inner = () => <i />;\n  return "one";\n}\n',
    name: 'render',
    isClosed: false,
  },
  {
    label: 'JSX where the file names its own JSX namespace',
    path: 'src/view.tsx',
    before: 'declare namespace JSX {\n  type Element = string;\n}\nexport const View = () => <b />;\n',
    after: 'declare namespace JSX {\n  type Element = string;\n}\nexport const View = () => <i />;\n',
    name: 'View',
    isClosed: false,
  },
  {
    label: 'async component',
    path: 'src/view.tsx',
    before: 'export const View = async () => <b />;\n',
    after: 'export const View = async () => <i />;\n',
    name: 'View',
    isClosed: false,
  },
  { label: 'changed annotation', before: 'export function f(a: number): number {\n  return a;\n}\n', after: 'export function f(a: number): unknown {\n  return a + 1;\n}\n', name: 'f', isClosed: false },
];

function classify(path: string, before: string, after: string): Map<string, string> {
  const file: ChangedFile = { path, oldPath: path, status: 'modified', oldRanges: [], newRanges: [], isBinary: false };
  const { changedSymbols } = findChangedSymbols([file], new Map([[path, before]]), new Map([[path, after]]));
  return new Map(changedSymbols.map((symbol) => [symbol.name, symbol.change]));
}

describe('closed signatures: body-only changes decided without the type checker', () => {
  it.each(cases)('$label', ({ path = 'src/lib.ts', before, after, name, isClosed }) => {
    const oldFacts = extractModuleFacts(path, before, { withFingerprints: true });
    const newFacts = extractModuleFacts(path, after, { withFingerprints: true });
    expect(findClosedSignatureMatches(path, before, oldFacts, path, after, newFacts, [name]).has(name)).toBe(isClosed);
    // Whatever decided it, the answer is the checker's: "body" exactly when the shapes are equal.
    const shapes = new PublicShapes();
    const oldShape = shapes.shapesOf('base', path, before, [name]).get(name);
    const newShape = shapes.shapesOf('head', path, after, [name]).get(name);
    expect(oldShape).toBeDefined();
    expect(classify(path, before, after).get(name)).toBe(oldShape === newShape ? 'body' : 'signature');
  });

  it('a closed signature that reads differently is left to the checker, which may still find the same shape', () => {
    const path = 'src/lib.ts';
    const before = 'export function f(a: number): number {\n  return a;\n}\n';
    const after = 'export function f(b: number): number {\n  return b + 1;\n}\n';
    const facts = (text: string) => extractModuleFacts(path, text, { withFingerprints: true });
    expect(findClosedSignatureMatches(path, before, facts(before), path, after, facts(after), ['f']).size).toBe(0);
    // Parameter names are part of the shape the checker prints.
    expect(classify(path, before, after).get('f')).toBe('signature');
  });

  it('a cached answer is kept per file name too: the same texts under another extension may parse differently', () => {
    const tables = new Map<string, string>();
    const store: CacheStore = { dir: '/memory', stamp: 'test', read: (name) => tables.get(name), write: (name, text) => void tables.set(name, text), prune: () => undefined };
    // A generic arrow in .ts; in .tsx, `<T>` opens a JSX element and the file does not parse.
    const before = 'export const f = <T>(a: T): T => a;\n';
    const after = 'export const f = <T>(a: T): T => [a][0];\n';
    const ask = (path: string): boolean => {
      const closed = new ClosedSignatures(store);
      const facts = (text: string) => extractModuleFacts(path, text, { withFingerprints: true });
      const found = closed.matches(path, before, facts(before), path, after, facts(after), ['f']).has('f');
      closed.saveCache();
      return found;
    };
    expect(ask('src/lib.ts')).toBe(true);
    expect(ask('src/lib.tsx')).toBe(false);
    expect(ask('src/lib.ts')).toBe(true);
  });
});

describe('an export that changed only through helpers whose written signatures read the same keeps its type', () => {
  const path = 'src/service.ts';
  const helper = (factor: number): string => `export function scale(input: number): number {\n  return input * ${factor};\n}\n`;
  const service = 'export class Service {\n  run(value: number) {\n    return { total: scale(value) };\n  }\n}\n';

  /** The classification of every changed export, and the names the checker was asked about. */
  function classifyWithSpy(before: string, after: string): { changes: Map<string, string>; asked: string[] } {
    const spy = vi.spyOn(PublicShapes.prototype, 'shapesOf');
    try {
      const changes = classify(path, before, after);
      return { changes, asked: spy.mock.calls.flatMap((call) => call[3]) };
    } finally {
      spy.mockRestore();
    }
  }

  it('a class using a changed helper with a closed signature: body, without the checker, which agrees', () => {
    const before = helper(2) + service;
    const after = helper(3) + service;
    const { changes, asked } = classifyWithSpy(before, after);
    expect(changes.get('scale')).toBe('body');
    expect(changes.get('Service')).toBe('body');
    expect(asked).toEqual([]);
    const shapes = new PublicShapes();
    expect(shapes.shapesOf('base', path, before, ['Service']).get('Service')).toBe(shapes.shapesOf('head', path, after, ['Service']).get('Service'));
  });

  it('through a changed helper that is not exported (no signature compared): the checker decides', () => {
    const before = 'const rate = 2;\nexport class Service {\n  rate() {\n    return rate;\n  }\n}\n';
    const after = 'const rate = 3;\nexport class Service {\n  rate() {\n    return rate;\n  }\n}\n';
    const { changes, asked } = classifyWithSpy(before, after);
    expect(asked).toContain('Service');
    const shapes = new PublicShapes();
    const same = shapes.shapesOf('base', path, before, ['Service']).get('Service') === shapes.shapesOf('head', path, after, ['Service']).get('Service');
    expect(changes.get('Service')).toBe(same ? 'body' : 'signature');
  });

  // Found in review: a reader of an annotated variable sees the type its value narrows it to.
  it.each([
    ['a narrowed const', 'export const mode: string | number = 1;\nexport const y = mode;\n', 'export const mode: string | number = "a";\nexport const y = mode;\n', 'y'],
    ['a narrowed let', 'export let mode: string | number = 1;\nexport const y = mode;\n', 'export let mode: string | number = "a";\nexport const y = mode;\n', 'y'],
    ['undefined in the union', 'export const n: number | undefined = 1;\nexport const y = n;\n', 'export const n: number | undefined = undefined;\nexport const y = n;\n', 'y'],
    ['a class property', 'export const mode: string | number = 1;\nexport class C {\n  m = mode;\n}\n', 'export const mode: string | number = "a";\nexport class C {\n  m = mode;\n}\n', 'C'],
  ])('through an annotated variable (%s): the checker decides, and sees the narrowed type', (_label, before, after, name) => {
    const { changes, asked } = classifyWithSpy(before, after);
    expect(asked).toContain(name);
    const shapes = new PublicShapes();
    expect(shapes.shapesOf('base', path, before, [name]).get(name)).not.toBe(shapes.shapesOf('head', path, after, [name]).get(name));
    expect(changes.get(name)).toBe('signature');
  });

  it('through a changed helper whose type is inferred: the checker decides, and sees the new type', () => {
    const before = 'export function scale(input: number) {\n  return input * 2;\n}\n' + service;
    const after = 'export function scale(input: number) {\n  return `${input}`;\n}\n' + service;
    const { changes, asked } = classifyWithSpy(before, after);
    expect(asked).toContain('Service');
    expect(changes.get('scale')).toBe('signature');
    expect(changes.get('Service')).toBe('signature');
  });
});

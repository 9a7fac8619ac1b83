import { describe, expect, it } from 'vitest';
import { findChangedSymbols } from '../src/symbols/changed-exports.js';
import type { ChangedFile } from '../src/shared/types.js';

/** change and reason of each changed export of one edited file. */
function classify(before: string, after: string, path = 'src/service.ts'): Map<string, { change: string; reason: string }> {
  const file: ChangedFile = { path, oldPath: path, status: 'modified', oldRanges: [], newRanges: [], isBinary: false };
  const { changedSymbols } = findChangedSymbols([file], new Map([[path, before]]), new Map([[path, after]]));
  return new Map(changedSymbols.map((symbol) => [symbol.name, { change: symbol.change, reason: symbol.reason }]));
}

describe('types the checker cannot see because an import decides them', () => {
  it('a function whose return type is inferred from an imported call is a possible signature change', () => {
    const result = classify(
      "import { useQuery } from '@tanstack/react-query';\nexport function useThing() {\n  return useQuery({ key: 1 });\n}\n",
      "import { useQuery } from '@tanstack/react-query';\nexport function useThing() {\n  return useQuery({ key: 2 });\n}\n",
    );
    expect(result.get('useThing')).toEqual({ change: 'signature', reason: 'declaration changed; its type is inferred from `useQuery`, an import not type-checked here' });
  });

  it('a value destructured from an imported call, and a class property initialised from one, are traced to the import', () => {
    const before = "import { createThing, Client } from 'lib';\nconst { part } = createThing();\nexport const value = part.x;\nexport class Service {\n  client = new Client(1);\n}\n";
    const after = "import { createThing, Client } from 'lib';\nconst { part } = createThing();\nexport const value = part.y;\nexport class Service {\n  client = new Client(2);\n}\n";
    const result = classify(before, after);
    expect(result.get('value')?.change).toBe('signature');
    expect(result.get('value')?.reason).toContain('`createThing`');
    expect(result.get('Service')?.change).toBe('signature');
    expect(result.get('Service')?.reason).toContain('`Client`');
  });

  it('in a class, only an edit of a member whose type an import decides is a possible type change', () => {
    // apollo's QueryInfo: `shouldWrite` returns what `equal` returns; `markResult` has a written
    // return type, so an edit in it is body-only. `read` returns off `this`: it counts too.
    const cls = (mark: string, should: string, read: string): string =>
      `import { equal } from '@wry/equality';\nexport class QueryInfo {\n  last = 0;\n  markResult(value: number): void {\n    this.last = ${mark};\n  }\n  shouldWrite(value: number) {\n    return equal(this.last, ${should});\n  }\n  read() {\n    return this.shouldWrite(${read});\n  }\n}\n`;
    expect(classify(cls('value', 'value', '1'), cls('value + 1', 'value', '1')).get('QueryInfo')).toEqual({ change: 'body', reason: 'declaration changed' });
    expect(classify(cls('value', 'value', '1'), cls('value', 'value + 1', '1')).get('QueryInfo')?.change).toBe('signature');
    expect(classify(cls('value', 'value', '1'), cls('value', 'value', '2')).get('QueryInfo')?.change).toBe('signature');
  });

  it("in such a class, a member's written annotation that names an import still counts (it reads `any` in the shape)", () => {
    const cls = (make: string): string => `import { makeClient, makeA, makeB } from 'lib';\nexport class Store {\n  client = makeClient();\n  item: ReturnType<typeof ${make}> = ${make}();\n}\n`;
    expect(classify(cls('makeA'), cls('makeB')).get('Store')?.change).toBe('signature');
  });

  it('a template under `as const` has the type of what it reads', () => {
    const value = (kind: string): string => `import { ${kind} } from './kinds';\nexport const eventName = \`app.\${${kind}}\` as const;\n`;
    expect(classify(value('KIND_A'), value('KIND_B')).get('eventName')?.change).toBe('signature');
  });

  it('an import read only inside an expression whose type is fixed (template, comparison, !, typeof) decides nothing', () => {
    // blueprint's ``static displayName = `${DISPLAYNAME_PREFIX}.EditableText` ``.
    const cls = (condition: string): string =>
      `import { PREFIX, Mode } from './common';\nexport class Editable {\n  static displayName = \`\${PREFIX}.Editable\`;\n  isPlain = Mode === 1;\n  kind = typeof Mode;\n  private handle(key: string): void {\n    if (${condition}) return;\n  }\n}\n`;
    expect(classify(cls("key === 'a'"), cls("key !== 'a'")).get('Editable')?.change).toBe('body');
  });

  it('an import used only where it cannot shape the type leaves a body edit body-only', () => {
    // The return type is `number` whatever `log` is.
    const result = classify(
      "import { log } from 'logger';\nexport function next(a: number) {\n  log(a);\n  return a + 1;\n}\n",
      "import { log } from 'logger';\nexport function next(a: number) {\n  log(a, 'next');\n  return a + 1;\n}\n",
    );
    expect(result.get('next')?.change).toBe('body');
  });

  it('an annotation that names another imported type is a signature change, though both read `any` to the checker', () => {
    const header = "import type { Input, Other } from 'types';\n";
    const changedType = classify(`${header}export function run(input: Input) {\n  return 1;\n}\n`, `${header}export function run(input: Other) {\n  return 1;\n}\n`);
    expect(changedType.get('run')?.change).toBe('signature');
    const changedBody = classify(`${header}export function run(input: Input) {\n  return 1;\n}\n`, `${header}export function run(input: Input) {\n  return 2;\n}\n`);
    expect(changedBody.get('run')?.change).toBe('body');
  });
});

describe('what a function returns decides its inferred type', () => {
  const hook = (returned: string, extra = ''): string =>
    `import { useDoc, useQuery } from 'lib';\nimport { Title } from './title';\nexport function View(props) {\n  const doc = useDoc(props);\n  let result;\n  result = useQuery(doc.id);\n${extra}  return ${returned};\n}\n`;

  // An unannotated parameter leaves the shape to the checker (no closed signature).
  it('a component that only returns JSX keeps a body edit body-only, whatever its body calls', () => {
    const result = classify(hook('<Title text={doc.title} />'), hook('<Title text={doc.name} />'), 'src/view.tsx');
    expect(result.get('View')?.change).toBe('body');
  });

  it('a returned local traced to an import, through declarations and assignments, is a possible type change', () => {
    expect(classify(hook('result', '  void 1;\n'), hook('result', '  void 2;\n'), 'src/view.tsx').get('View')?.reason).toContain('`useQuery`');
    expect(classify(hook('doc.title', '  void 1;\n'), hook('doc.title', '  void 2;\n'), 'src/view.tsx').get('View')?.reason).toContain('`useDoc`');
  });
});

describe('a type left to an import is never known to be the same', () => {
  it('when the edit is in a helper the export reads, not in the export itself', () => {
    const result = classify(
      "import { z } from 'zod';\nconst base = z.object({ name: z.string() });\nexport const userSchema = base.extend({ id: z.number() });\n",
      "import { z } from 'zod';\nconst base = z.object({ name: z.string(), email: z.string() });\nexport const userSchema = base.extend({ id: z.number() });\n",
    );
    expect(result.get('userSchema')?.change).toBe('signature');
    expect(result.get('userSchema')?.reason).toContain('inferred from `z`');
  });
});

describe('export forms handed over as other nodes', () => {
  it('a default-exported call and destructured exports are traced to the import', () => {
    const defaults = classify("import { defineStore } from 'pinia';\nexport default defineStore('a', { state: () => ({ n: 1 }) });\n", "import { defineStore } from 'pinia';\nexport default defineStore('a', { state: () => ({ n: 1, m: 2 }) });\n");
    expect(defaults.get('default')?.change).toBe('signature');
    expect(defaults.get('default')?.reason).toContain('`defineStore`');
    const destructured = classify("import { create } from 'lib';\nexport const { a, b } = create(1);\n", "import { create } from 'lib';\nexport const { a, b } = create(2);\n");
    expect(destructured.get('a')?.change).toBe('signature');
    expect(destructured.get('b')?.reason).toContain('`create`');
  });
});

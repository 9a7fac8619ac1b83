import { describe, expect, it } from 'vitest';
import { findChangedSymbols } from '../src/symbols/changed-exports.js';
import type { ChangedFile } from '../src/shared/types.js';

/** `name change` of each changed export of one edited file. */
function classify(before: string, after: string): string[] {
  const path = 'src/form.ts';
  const file: ChangedFile = { path, oldPath: path, status: 'modified', oldRanges: [], newRanges: [], isBinary: false };
  const { changedSymbols } = findChangedSymbols([file], new Map([[path, before]]), new Map([[path, after]]));
  return changedSymbols.map((symbol) => `${symbol.name} ${symbol.change}`).sort();
}

// TanStack/form's FormApi and tiptap's Editor: a class, and types of the same file that name it
// (a validator type taking the class), which the class names back.
const form = (body: string, extra = '', signature = 'field: string'): string =>
  `type ErrorMap = { onChange?: Validate };\nexport type Validate = (api: Form) => unknown;\nexport interface Options { validators?: Validate; errors?: ErrorMap }\nexport class Form {\n  options?: Options;\n  remove(${signature}): void {\n    ${body}\n  }\n}\n${extra}`;

describe('types that refer to a changed class, and the class to them', () => {
  it('a body edit in the class changes no type of the cycle, through a type that is not exported too', () => {
    expect(classify(form('console.log(field);'), form('console.log(field, 1);'))).toEqual(['Form body', 'Options body', 'Validate body']);
  });

  it('a signature edit in the class changes every type that names it', () => {
    expect(classify(form('console.log(field);'), form('console.log(field);', '', 'field: number'))).toEqual(['Form signature', 'Options signature', 'Validate signature']);
  });

  it('a type taken from an exported function whose body changed keeps its type; one taken from a changed local value does not', () => {
    const before = 'export function make(a: number): number {\n  return a;\n}\nconst defaults = { a: 1 };\nexport type Make = typeof make;\nexport type Defaults = typeof defaults;\n';
    const after = 'export function make(a: number): number {\n  return a + 1;\n}\nconst defaults = { a: 1, b: 2 };\nexport type Make = typeof make;\nexport type Defaults = typeof defaults;\n';
    expect(classify(before, after)).toEqual(['Defaults signature', 'Make body', 'make body']);
  });
});

import { describe, expect, it } from 'vitest';
import { computeFileImpact } from '../src/graph/file-taint.js';
import { countChangedExports, withoutListedMembers } from '../src/shared/changed-export-count.js';
import type { ChangedFile, ChangedSymbol } from '../src/shared/types.js';
import { findChangedSymbols } from '../src/symbols/changed-exports.js';
import { extractModuleFacts } from '../src/symbols/module-facts.js';

describe('members of a module.exports object', () => {
  const symbol = (name: string, change: ChangedSymbol['change'], memberOf?: string): ChangedSymbol => ({ file: 'src/m.cjs', name, kind: 'variable', change, reason: '', line: 1, ...(memberOf ? { memberOf } : {}) });

  it('fold into their object, except a removed one, which a reader of require(x).name must see', () => {
    const symbols = [symbol('default', 'signature'), symbol('a', 'removed', 'default'), symbol('b', 'added', 'default'), symbol('c', 'signature', 'default')];
    expect(withoutListedMembers(symbols).map((entry) => entry.name)).toEqual(['default', 'a']);
    expect(countChangedExports(symbols)).toBe(2);
  });
});

describe('a removed export=', () => {
  it('breaks the bindings of export= only, not names the module now exports', () => {
    const importer = extractModuleFacts('src/use.ts', "import { bar } from './m';\nexport const x = bar;\n", { withFingerprints: false });
    const change = { target: 'src/m.ts', symbol: 'export=', member: null, isTypeOnly: false, isRemoved: true, isBodyOnly: false };
    expect(computeFileImpact(importer, new Map([['./m', 'src/m.ts']]), change).isBroken).toBe(false);
    // A deleted module (`*` removed) breaks every binding.
    expect(computeFileImpact(importer, new Map([['./m', 'src/m.ts']]), { ...change, symbol: '*' }).isBroken).toBe(true);
  });
});

describe('a component renamed to a source file', () => {
  it('is read as a component on the old side and as source on the new one', () => {
    const file: ChangedFile = { path: 'src/Button.tsx', oldPath: 'src/Button.vue', status: 'renamed', oldRanges: [], newRanges: [], isBinary: false };
    const vue = '<script setup lang="ts">\nconst props = defineProps<{ label: string }>();\n</script>\n<template><b>{{ props.label }}</b></template>\n';
    const tsx = 'export default function Button(props: { label: string }) {\n  return <b>{props.label}</b>;\n}\n';
    const { changedSymbols, unknowns } = findChangedSymbols([file], new Map([['src/Button.vue', vue]]), new Map([['src/Button.tsx', tsx]]));
    expect(changedSymbols.map((symbol) => `${symbol.file}#${symbol.name} ${symbol.change}`)).toEqual(['src/Button.tsx#default added', 'src/Button.vue#* removed']);
    expect(unknowns).toEqual([]);
  });
});

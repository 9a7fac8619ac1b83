import { describe, expect, it } from 'vitest';
import { findComponentChanges } from '../src/symbols/component-changes.js';
import type { ChangedFile } from '../src/shared/types.js';

const changed = (status: ChangedFile['status'], path: string, oldPath = path): ChangedFile => ({ path, oldPath, status, oldRanges: [], newRanges: [], isBinary: false });
const summary = (file: ChangedFile, before?: string, after?: string): string[] => findComponentChanges(file, before, after).map((symbol) => `${symbol.file}#${symbol.name} ${symbol.change}`);

describe('findComponentChanges', () => {
  const vue = (label: string, attributes = ' setup lang="ts"'): string => `<script${attributes}>\nconst props = defineProps<{ ${label}: string }>();\n</script>\n\n<template><b>{{ props.${label} }}</b></template>\n`;

  it('tells a script edit (signature) from a markup, style or whitespace edit (body)', () => {
    expect(summary(changed('modified', 'src/A.vue'), vue('label'), vue('title'))).toEqual(['src/A.vue#* signature']);
    expect(summary(changed('modified', 'src/A.vue'), vue('label'), vue('label').replace('<b>', '<i>').replace('</b>', '</i>'))).toEqual(['src/A.vue#* body']);
    expect(summary(changed('modified', 'src/A.vue'), vue('label'), vue('label').replace('const props', '  const   props'))).toEqual(['src/A.vue#* body']);
    // The script tag's attributes declare too (`generic`, `context="module"`).
    expect(summary(changed('modified', 'src/A.vue'), vue('label'), vue('label', ' setup lang="ts" generic="T"'))).toEqual(['src/A.vue#* signature']);
  });

  it('counts the markup that declares what users see (slots, forwarded events, svelte:options) with the scripts', () => {
    const svelte = (button: string): string => `<script>\n  export let label;\n</script>\n\n${button}\n`;
    expect(summary(changed('modified', 'src/B.svelte'), svelte('<button>{label}</button>'), svelte('<button on:click>{label}</button>'))).toEqual(['src/B.svelte#* signature']);
    expect(summary(changed('modified', 'src/B.svelte'), svelte('<div><slot /></div>'), svelte('<div><slot name="row" {label} /></div>'))).toEqual(['src/B.svelte#* signature']);
    expect(summary(changed('modified', 'src/B.svelte'), svelte('<button on:click={go}>{label}</button>'), svelte('<button on:click={stop}>{label}</button>'))).toEqual(['src/B.svelte#* body']);
  });

  it('removes every export at a deleted or renamed-away path; a new component has nothing to reach yet', () => {
    expect(summary(changed('deleted', 'src/A.svelte'), '<p>a</p>')).toEqual(['src/A.svelte#* removed']);
    expect(summary(changed('renamed', 'src/B.svelte', 'src/A.svelte'), '<p>a</p>', '<p>a</p>')).toEqual(['src/A.svelte#* removed']);
    expect(summary(changed('added', 'src/C.svelte'), undefined, '<p>c</p>')).toEqual([]);
  });

  it('fails closed when a side cannot be read', () => {
    expect(summary(changed('modified', 'src/A.astro'), undefined, '---\n---\n<p/>')).toEqual(['src/A.astro#* signature']);
  });
});

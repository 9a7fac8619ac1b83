import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CachedTable } from '../src/cache/cached-table.js';
import { noCache, type CacheStore } from '../src/cache/cache-store.js';
import { formatTableText, parseTableText } from './helpers/cache-files.js';

/** An in-memory store: what one run writes, the next one reads. */
function memoryStore(stamp = 'v1'): CacheStore & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return { dir: null, stamp, files, read: (name) => files.get(name), write: (name, text) => files.set(name, text), prune: () => undefined };
}

const schema = z.object({ imports: z.array(z.string()) });

function writeTwo(store: CacheStore): void {
  const first = new CachedTable(store, 'facts', schema);
  first.set('abc.ts', { imports: ['./a.js'] });
  first.set('def.ts', { imports: ['./d.js'] });
  first.save();
}

describe('CachedTable: every stored entry is checked at the read boundary (issue 16, item 3)', () => {
  it('reads back what it wrote, keys with any character included', () => {
    const store = memoryStore();
    const first = new CachedTable(store, 'facts', schema);
    const odd = 'k\0e"y\t\n\\ü';
    first.set('abc.ts', { imports: ['./a.js'] });
    first.set(odd, { imports: ['x\ty\nz'] });
    first.save();
    const second = new CachedTable(store, 'facts', schema);
    expect(second.get('abc.ts')).toEqual({ imports: ['./a.js'] });
    expect(second.get(odd)).toEqual({ imports: ['x\ty\nz'] });
    expect(second.get('other')).toBeUndefined();
  });

  it('with --no-cache, builds no table text at all (it would be thrown away)', () => {
    const write = vi.spyOn(noCache, 'write');
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const table = new CachedTable(noCache, 'facts', schema);
      table.set('abc.ts', { imports: ['./a.js'] });
      stringify.mockClear();
      table.save();
      expect(table.get('abc.ts')).toEqual({ imports: ['./a.js'] });
      expect(write).not.toHaveBeenCalled();
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      stringify.mockRestore();
    }
  });

  it('keeps null as a value, not as a miss', () => {
    const store = memoryStore();
    const first = new CachedTable<string | null>(store, 'shapes', z.string().nullable());
    first.set('abc.ts:f', null);
    expect(first.get('abc.ts:f')).toBeNull();
    first.save();
    expect(new CachedTable<string | null>(store, 'shapes', z.string().nullable()).get('abc.ts:f')).toBeNull();
  });

  it('keeps the entries it did not use, as they were, after the ones it used (issue 15)', () => {
    const store = memoryStore();
    writeTwo(store);
    const second = new CachedTable(store, 'facts', schema);
    expect(second.get('def.ts')).toEqual({ imports: ['./d.js'] });
    second.set('ghi.ts', { imports: [] });
    second.save();
    expect(parseTableText(store.files.get('facts') ?? '').entries.map(([key]) => key)).toEqual(['def.ts', 'ghi.ts', 'abc.ts']);
    const third = new CachedTable(store, 'facts', schema);
    expect(['abc.ts', 'def.ts', 'ghi.ts'].map((key) => third.get(key))).toEqual([{ imports: ['./a.js'] }, { imports: ['./d.js'] }, { imports: [] }]);
  });

  it('misses every entry of an edited table (a value edited, a value moved to another key), and a table of another analyzer version', () => {
    const store = memoryStore();
    writeTwo(store);
    const written = parseTableText(store.files.get('facts') ?? '');
    const edits: [string, string][][] = [
      [['abc.ts', '{"imports":[]}'], written.entries[1] ?? ['', '']],
      [['abc.ts', written.entries[1]?.[1] ?? ''], ['def.ts', written.entries[0]?.[1] ?? '']],
    ];
    for (const entries of edits) {
      store.files.set('facts', formatTableText({ ...written, entries }, false));
      const table = new CachedTable(store, 'facts', schema);
      expect(table.get('abc.ts')).toBeUndefined();
      expect(table.get('def.ts')).toBeUndefined();
    }
    writeTwo(store);
    expect(new CachedTable({ ...store, stamp: 'v2' }, 'facts', schema).get('abc.ts')).toBeUndefined();
    // Another table's file under this name.
    expect(new CachedTable(store, 'scan', schema).get('abc.ts')).toBeUndefined();
  });

  it('misses a table cut short anywhere', () => {
    const store = memoryStore();
    writeTwo(store);
    const text = store.files.get('facts') ?? '';
    for (let length = 0; length < text.length; length++) {
      store.files.set('facts', text.slice(0, length));
      const table = new CachedTable(store, 'facts', schema);
      expect([table.get('abc.ts'), table.get('def.ts')], `cut at ${length}`).toEqual([undefined, undefined]);
    }
  });

  it('misses an entry of the wrong shape or not JSON even in a well-signed table, and text that is not a table', () => {
    const store = memoryStore();
    const writer = new CachedTable<unknown>(store, 'facts', z.unknown());
    writer.set('abc.ts', { imports: 'not a list' });
    writer.set('def.ts', { imports: ['./d.js'] });
    writer.save();
    expect(new CachedTable(store, 'facts', schema).get('abc.ts')).toBeUndefined();
    const written = parseTableText(store.files.get('facts') ?? '');
    store.files.set('facts', formatTableText({ ...written, entries: [['abc.ts', '{"imports":["./a.js"'], written.entries[1] ?? ['', '']] }, true));
    const resigned = new CachedTable(store, 'facts', schema);
    expect(resigned.get('abc.ts')).toBeUndefined();
    expect(resigned.get('def.ts')).toEqual({ imports: ['./d.js'] });
    // Written again, the entry that failed its check is left out.
    resigned.set('ghi.ts', { imports: [] });
    resigned.save();
    expect(parseTableText(store.files.get('facts') ?? '').entries.map(([key]) => key)).toEqual(['def.ts', 'ghi.ts']);
    for (const text of ['', 'null', '{"format":"v1","value":{}}', `${written.prefix}\n`]) {
      store.files.set('facts', text);
      expect(new CachedTable(store, 'facts', schema).get('abc.ts')).toBeUndefined();
    }
  });
});

describe('CachedTable: what is kept across runs', () => {
  it('keeps every entry this run used, even more than the cap on older ones', () => {
    const store = memoryStore();
    const cap = 50_000;
    // A tree of more files than the cap: a run that asks for each of them.
    const big = new CachedTable(store, 'scan', schema);
    for (let index = 0; index < cap + 5; index++) big.set(`file-${index}`, { imports: [`./${index}.js`] });
    big.save();
    const next = new CachedTable(store, 'scan', schema);
    expect(next.get('file-0')).toEqual({ imports: ['./0.js'] });
    expect(next.get(`file-${cap + 4}`)).toEqual({ imports: [`./${cap + 4}.js`] });
  });

  it('carries over at most the given number of entries of earlier runs, after its own', () => {
    const store = memoryStore();
    const older = new CachedTable(store, 'scan', schema, 2);
    for (let index = 0; index < 5; index++) older.set(`old-${index}`, { imports: [] });
    older.save();
    const next = new CachedTable(store, 'scan', schema, 2);
    next.set('new', { imports: ['./n.js'] });
    next.save();
    const after = new CachedTable(store, 'scan', schema, 2);
    expect(after.get('new')).toEqual({ imports: ['./n.js'] });
    expect([0, 1, 2, 3, 4].filter((index) => after.get(`old-${index}`) !== undefined)).toEqual([0, 1]);
  });
});

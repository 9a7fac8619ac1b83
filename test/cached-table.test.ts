import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CachedTable } from '../src/cache/cached-table.js';
import type { CacheStore } from '../src/cache/cache-store.js';

/** An in-memory store: what one run writes, the next one reads. */
function memoryStore(stamp = 'v1'): CacheStore & { files: Map<string, unknown> } {
  const files = new Map<string, unknown>();
  return { dir: null, stamp, files, read: (name) => structuredClone(files.get(name)), write: (name, value) => files.set(name, structuredClone(value)), prune: () => undefined };
}

const schema = z.object({ imports: z.array(z.string()) });

describe('CachedTable: every stored entry is checked at the read boundary (issue 16, item 3)', () => {
  it('reads back what it wrote', () => {
    const store = memoryStore();
    const first = new CachedTable(store, 'facts', schema);
    first.set('abc.ts', { imports: ['./a.js'] });
    first.save();
    expect(new CachedTable(store, 'facts', schema).get('abc.ts')).toEqual({ imports: ['./a.js'] });
  });

  it('misses an edited value, a value moved to another key, and a value from another analyzer version', () => {
    const store = memoryStore();
    const first = new CachedTable(store, 'facts', schema);
    first.set('abc.ts', { imports: ['./a.js'] });
    first.set('def.ts', { imports: ['./d.js'] });
    first.save();
    const table = store.files.get('facts') as Record<string, [{ imports: string[] }, string]>;
    table['abc.ts']![0].imports = [];
    table['def.ts'] = [table['def.ts']![0], table['abc.ts']![1]];
    store.files.set('facts', table);
    const second = new CachedTable(store, 'facts', schema);
    expect(second.get('abc.ts')).toBeUndefined();
    expect(second.get('def.ts')).toBeUndefined();

    const fresh = memoryStore('v1');
    const writer = new CachedTable(fresh, 'facts', schema);
    writer.set('abc.ts', { imports: ['./a.js'] });
    writer.save();
    expect(new CachedTable({ ...fresh, stamp: 'v2' }, 'facts', schema).get('abc.ts')).toBeUndefined();
  });

  it('misses an entry of the wrong shape even with a valid checksum, and a table that is not an object', () => {
    const store = memoryStore();
    const writer = new CachedTable<unknown>(store, 'facts', z.unknown());
    writer.set('abc.ts', { imports: 'not a list' });
    writer.save();
    expect(new CachedTable(store, 'facts', schema).get('abc.ts')).toBeUndefined();
    for (const table of [null, 5, 'x', [1, 2]]) {
      store.files.set('facts', table);
      expect(new CachedTable(store, 'facts', schema).get('abc.ts')).toBeUndefined();
    }
  });
});

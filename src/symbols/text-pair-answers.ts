import { createHash } from 'node:crypto';
import type { CacheStore } from '../cache/cache-store.js';
import { CachedTable, guardSchema } from '../cache/cached-table.js';
import { isStringArray } from '../shared/value-guards.js';

/**
 * Export names answered about the two versions of one file (which signatures read the same,
 * which changes are additive), cached by a description of the question and both texts: a warm
 * run repeats the answer without parsing, or loading TypeScript for, either version.
 */
export class TextPairAnswers {
  private readonly table: CachedTable<string[]>;

  constructor(cache: CacheStore, tableName: string) {
    this.table = new CachedTable<string[]>(cache, tableName, guardSchema(isStringArray));
  }

  answer(question: string, oldText: string, newText: string, compute: () => Set<string>): Set<string> {
    const key = createHash('sha1').update(`${question}\0${oldText.length}\0`).update(oldText).update('\0').update(newText).digest('hex');
    const known = this.table.get(key);
    if (known !== undefined) return new Set(known);
    const found = compute();
    this.table.set(key, [...found]);
    return found;
  }

  save(): void {
    this.table.save();
  }
}

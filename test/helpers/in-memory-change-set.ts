import { createHash } from 'node:crypto';
import type { ChangeSet, ChangedFile } from '../../src/shared/types.js';

/**
 * A ChangeSet built from inline files (path -> text on each side): feeds the stages after
 * the diff with no git involved. Content ids are real hashes, so the cache can be exercised.
 */
export function inMemoryChangeSet(base: Record<string, string>, head: Record<string, string>, root = '/repo'): ChangeSet {
  const paths = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort();
  const files: ChangedFile[] = paths
    .filter((path) => base[path] !== head[path])
    .map((path) => ({
      path,
      oldPath: path,
      status: base[path] === undefined ? 'added' : head[path] === undefined ? 'deleted' : 'modified',
      oldRanges: [],
      newRanges: [],
      isBinary: false,
    }));
  return {
    mode: 'range',
    root,
    base: { ref: 'main', sha: 'base' },
    head: { ref: 'HEAD', sha: 'head' },
    files,
    baseFiles: new Map(Object.entries(base)),
    headTree: {
      label: 'head',
      paths: Object.keys(head).sort(),
      files: new Map(Object.entries(head)),
      ids: new Map(Object.entries(head).map(([path, text]) => [path, createHash('sha1').update(text).digest('hex')])),
      unreadable: [],
      skipped: [],
      links: new Map(),
      readOnDemand: () => undefined,
      loadTexts: () => Promise.resolve(),
    },
  };
}

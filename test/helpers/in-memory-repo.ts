import { RepoFiles } from '../../src/graph/repo-files.js';
import type { TreeSnapshot } from '../../src/shared/types.js';

/** In-memory tree: every file's text is loaded, nothing is read on demand. Objects are written as JSON. */
export function inMemoryRepo(files: Record<string, unknown>): { files: RepoFiles; paths: string[] } {
  const texts = new Map(Object.entries(files).map(([path, content]) => [path, typeof content === 'string' ? content : JSON.stringify(content)]));
  const paths = [...texts.keys()].sort();
  const snapshot: TreeSnapshot = {
    label: 'test',
    paths,
    files: texts,
    ids: new Map(paths.map((path) => [path, path])),
    unreadable: [],
    skipped: [],
    links: new Map(),
    readOnDemand: (path) => texts.get(path),
    loadTexts: () => Promise.resolve(),
  };
  return { files: new RepoFiles('/repo', snapshot, new Set()), paths };
}

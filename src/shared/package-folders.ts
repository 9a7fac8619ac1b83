import { posix } from 'node:path';

/**
 * The nearest folder with a package.json above a repository path: '' for the root, and for a
 * file outside every package (check `folders.has('')` when that matters). Memoised per folder,
 * so asking for every file of a large tree walks each folder once.
 */
export function createPackageFolderLookup(manifestDirectories: readonly string[]): (path: string) => string {
  const folders = new Set(manifestDirectories);
  const memo = new Map<string, string>();
  return (path) => {
    const start = parentFolder(path);
    const cached = memo.get(start);
    if (cached !== undefined) return cached;
    let folder = start;
    while (folder !== '' && !folders.has(folder)) folder = parentFolder(folder);
    memo.set(start, folder);
    return folder;
  };
}

function parentFolder(path: string): string {
  const directory = posix.dirname(path);
  return directory === '.' ? '' : directory;
}

import { posix } from 'node:path';
import { buildFolders, type BuildOutputFolder, type RepoFiles } from './repo-files.js';
import { allStrings, packageManifest } from './workspace-entry.js';

/** What a bundler builds `dist/<name>.<extension>` from: `<name>` plus one of these. */
const entryExtensions = ['.ts', '.tsx', '.mts', '.cts'];
/** A build output of JavaScript or declarations; group 1 is the entry's name. */
const outputFile = /^([^/]+?)(?:\.d)?\.(?:[mc]?js|[mc]?ts)$/;

/**
 * Bundlers (tsup, tsdown, unbuild) name each output after its entry, relative to the folder all
 * entries share: entries `src/exports/a.ts` and `src/exports/b.ts` build to `dist/a.mjs` and
 * `dist/b.mjs`. Neither a tsconfig nor the build-folder rule (dist -> src) says so, and every
 * import of such a package was an unknown (prisma: 4,154 of its 5,078 unknowns, one layout).
 *
 * So: where a workspace package's `exports` point at outputs directly in a build folder and some
 * of them have no source at `src/<name>` or `<name>`, the folder is mapped to the one folder of
 * `src` that holds a source for every one of them. With no such folder, or several, nothing is
 * mapped and the imports stay unknowns. Read from the tree alone (package.json and paths); the
 * bundler's config is code and is never run.
 */
export function bundlerEntryFolders(files: Pick<RepoFiles, 'workspacePackages' | 'readText' | 'exists'>, treePaths: readonly string[]): BuildOutputFolder[] {
  let entries: Map<string, Map<string, Set<string>>> | undefined;
  const folders: BuildOutputFolder[] = [];
  for (const directory of [...files.workspacePackages.values()].sort()) {
    for (const [output, names] of flatOutputs(packageManifest(files, directory)?.exports)) {
      const hasSource = (name: string): boolean => [posix.join(directory, 'src', name), posix.join(directory, name)].some((stem) => entryExtensions.some((extension) => files.exists(stem + extension, false)));
      if ([...names].every(hasSource)) continue;
      entries ??= entriesBySourceFolder(treePaths);
      const holding = [...(entries.get(directory)?.entries() ?? [])].filter(([, found]) => [...names].every((name) => found.has(name)));
      if (holding.length !== 1) continue;
      folders.push({ output: posix.join(directory, output), source: posix.join(directory, 'src', (holding[0] as [string, Set<string>])[0]) });
    }
  }
  return folders;
}

/** Build folder -> the names of the outputs `exports` lists directly in it (`./dist/a.mjs`: dist -> a). */
function flatOutputs(exports: unknown): Map<string, Set<string>> {
  const outputs = new Map<string, Set<string>>();
  for (const target of allStrings(exports)) {
    const [dot, folder, file, ...rest] = target.split('/');
    const name = file === undefined ? undefined : outputFile.exec(file)?.[1];
    if (dot !== '.' || rest.length > 0 || folder === undefined || !buildFolders.includes(folder) || name === undefined) continue;
    outputs.set(folder, (outputs.get(folder) ?? new Set()).add(name));
  }
  return outputs;
}

/** Package folder -> folder of its `src` -> the names of the sources directly in it. */
function entriesBySourceFolder(treePaths: readonly string[]): Map<string, Map<string, Set<string>>> {
  const found = new Map<string, Map<string, Set<string>>>();
  for (const path of treePaths) {
    const extension = entryExtensions.find((candidate) => path.endsWith(candidate));
    if (extension === undefined || path.endsWith(`.d${extension}`)) continue;
    const folder = posix.dirname(path);
    const src = posix.dirname(folder);
    if (posix.basename(src) !== 'src') continue;
    const parent = posix.dirname(src);
    const directory = parent === '.' ? '' : parent;
    const byFolder = found.get(directory) ?? new Map<string, Set<string>>();
    found.set(directory, byFolder);
    const name = posix.basename(folder);
    byFolder.set(name, (byFolder.get(name) ?? new Set()).add(posix.basename(path, extension)));
  }
  return found;
}

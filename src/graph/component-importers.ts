import { posix } from 'node:path';
import type { CacheStore } from '../cache/cache-store.js';
import { CachedTable, guardSchema } from '../cache/cached-table.js';
import { createPackageFolderLookup } from '../shared/package-folders.js';
import { isComponentFile, isVendoredPath } from '../shared/source-files.js';
import type { Unknown } from '../shared/types.js';
import { toPackageName } from '../shared/package-name.js';
import { componentScript } from '../shared/component-script.js';
import { listImportedFiles } from './import-tokens.js';
import { exportsNonModuleFile } from './workspace-entry.js';
import { NameScreen } from './name-screen.js';
import type { RepoFiles } from './repo-files.js';
import { moduleTarget, readDependencies, type ModuleResolver } from './resolve-module.js';

/**
 * Unknowns for the components that import a module this change reaches: `reached` maps each
 * changed or affected module to the names that carry the change there (its changed exports, the
 * exports the walk found tainted). A component counts when its script imports such a module
 * (resolved like any import of the tree) and may use one of those names: it names it, imports
 * the module whole, or takes its default export (NameScreen, which may say yes wrongly, never
 * no). Which of its own exports, and which components that import it, the change then reaches
 * is not known: an `unparsed-importer` unknown, counted against the verdict, never a silent
 * pass. A specifier that resolves to no file is an `unresolved-import`, as in a source file,
 * so its relevance to the change is decided the same way.
 *
 * Only components of a package that holds a reached module, or that depends on such a package,
 * are looked at: a documentation site's thousands of MDX pages (medusa: 5,542 files, 74 MB)
 * are not read for a change in a package they do not use. Their imports are cached by blob id,
 * so a warm run reads the text of only those that import a reached module.
 */
export async function findComponentImporters(files: RepoFiles, paths: readonly string[], resolver: ModuleResolver, reached: ReadonlyMap<string, ReadonlySet<string>>, store: CacheStore): Promise<Unknown[]> {
  if (reached.size === 0) return [];
  const mayImport = packagesThatMayImport(files, [...reached.keys()]);
  const components = paths.filter((path) => isComponentFile(path) && !isVendoredPath(path) && mayImport(path));
  if (components.length === 0) return [];
  const scans = new CachedTable<string[]>(store, 'component-imports', guardSchema(isStringArray));
  const keyOf = (path: string): string | undefined => {
    const id = files.contentId(path);
    return id === undefined ? undefined : `${id}${posix.extname(path)}`;
  };
  const specifiersOf = new Map<string, string[]>();
  for (const path of components) {
    const key = keyOf(path);
    const cached = key === undefined ? undefined : scans.get(key);
    if (cached !== undefined) specifiersOf.set(path, cached);
  }
  const unscanned = components.filter((path) => !specifiersOf.has(path));
  await files.loadTexts(unscanned);
  for (const path of unscanned) {
    const text = files.readText(path);
    if (text === undefined) continue;
    const specifiers = listSpecifiers(componentScript(path, text));
    specifiersOf.set(path, specifiers);
    const key = keyOf(path);
    if (key !== undefined) scans.set(key, specifiers);
  }
  files.forgetTexts(unscanned);

  const unknowns: Unknown[] = [];
  const hits: { path: string; specifier: string; target: string; names: ReadonlySet<string> }[] = [];
  for (const path of components) {
    for (const specifier of specifiersOf.get(path) ?? []) {
      const resolution = resolver.resolve(specifier, path, 'import');
      if (resolution.kind === 'unresolved' && !isExportedAsset(files, specifier)) unknowns.push({ kind: 'unresolved-import', file: path, specifier, reason: resolution.reason });
      const target = moduleTarget(resolution);
      const names = target === undefined ? undefined : reached.get(target);
      if (target !== undefined && names !== undefined) hits.push({ path, specifier, target, names });
    }
  }
  scans.save();
  // Only a component that imports a reached module is read again, to see what it names.
  await files.loadTexts([...new Set(hits.map((hit) => hit.path))]);
  const screen = new NameScreen();
  for (const { path, specifier, target, names } of hits) {
    const text = files.readText(path);
    const script = text === undefined ? '' : componentScript(path, text);
    const used = [...names].filter((name) => text === undefined || screen.mayUse(path, script, name)).sort();
    if (used.length === 0) continue;
    const shown = used.length > 3 ? `${used.slice(0, 3).map(quote).join(', ')} and ${used.length - 3} more` : used.map(quote).join(', ');
    unknowns.push({
      kind: 'unparsed-importer',
      file: path,
      specifier,
      reason: `may use ${shown} of ${target}, which this change reaches; ${posix.extname(path)} files are not parsed, so what it does with it, and who imports it, is unknown`,
    });
  }
  return unknowns;
}

/** `astro/debug` when the workspace package `astro` exports `./debug` as `Debug.astro`: a component, not a miss. */
function isExportedAsset(files: RepoFiles, specifier: string): boolean {
  if (/^[./#]/.test(specifier)) return false;
  const packageName = toPackageName(specifier);
  const folder = files.workspacePackages.get(packageName);
  return folder !== undefined && exportsNonModuleFile(files, folder, `.${specifier.slice(packageName.length)}`);
}

/** Each specifier a script imports, once, in order. */
function listSpecifiers(script: string): string[] {
  if (script.trim() === '') return [];
  // The token scan declines a rare text (`\u{...}` outside literals): then every specifier
  // the text spells out as one, which over-reports and never misses.
  return [...new Set(listImportedFiles(script) ?? [...script.matchAll(quotedSpecifier)].map((match) => match[2] as string))];
}

/**
 * Whether a file's package could import one of `modules`: it holds one, or its package.json
 * declares a dependency (of any kind) on a workspace package that holds one.
 */
function packagesThatMayImport(files: RepoFiles, modules: readonly string[]): (path: string) => boolean {
  const packageOf = createPackageFolderLookup(files.manifestDirectories);
  const reachedFolders = new Set(modules.map(packageOf));
  const reachedNames = new Set([...files.workspacePackages].filter(([, folder]) => reachedFolders.has(folder)).map(([name]) => name));
  const answers = new Map<string, boolean>();
  return (path) => {
    const folder = packageOf(path);
    let answer = answers.get(folder);
    if (answer === undefined) {
      answer = reachedFolders.has(folder) || [...readDependencies(files.readText(posix.join(folder, 'package.json')))].some((name) => reachedNames.has(name));
      answers.set(folder, answer);
    }
    return answer;
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

const quotedSpecifier = /\b(?:from|import)\s*\(?\s*(['"])([^'"\n]+)\1/g;

function quote(name: string): string {
  return `\`${name}\``;
}

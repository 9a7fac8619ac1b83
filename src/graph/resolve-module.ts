import { createHash } from 'node:crypto';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import type { ts as Ts } from 'ts-morph';
import { loadTypeScript, ts } from '../symbols/typescript.js';
import type { CacheStore } from '../cache/cache-store.js';
import { isAnalyzableFile, isComponentFile, isDataModuleFile, isDeclarationFile, isResolutionConfigFile, isSourceFile } from '../shared/source-files.js';
import { toPackageName } from '../shared/package-name.js';
import { createPackageFolderLookup } from '../shared/package-folders.js';
import { CachedTable, guardSchema } from '../cache/cached-table.js';
import { ShardedTable } from '../cache/sharded-table.js';
import { compareStrings } from '../shared/compare.js';
import { toRepoRelative } from '../shared/repo-relative.js';
import { exportedRepositoryAsset, exportedStaticAsset, findWorkspaceEntry, importsMapFile, missingEntryReason, packageManifest, readManifest, resolveTarget, type Manifest } from './workspace-entry.js';
import { frameworkModuleSource } from './framework-aliases.js';
import type { RepoFiles } from './repo-files.js';
import type { ResolutionConfig } from './tsconfig.js';
import type * as Semver from 'semver';
import { lazyRequire } from '../shared/lazy-require.js';

const semver = lazyRequire<typeof Semver>('semver');

export type Resolution =
  | { kind: 'file'; path: string }
  | { kind: 'external'; packageName: string }
  | { kind: 'asset'; path: string }
  | { kind: 'unresolved'; reason: string };

/**
 * The file a resolution leads to that the graph follows: a module, or a component (.vue,
 * .svelte, .astro, .mdx), which is an asset to TypeScript but a module to the bundler, and
 * whose changes reach the files that import it (symbols/component-changes.ts).
 */
export function moduleTarget(resolution: Resolution): string | undefined {
  if (resolution.kind === 'file') return resolution.path;
  return resolution.kind === 'asset' && (isComponentFile(resolution.path) || isDataModuleFile(resolution.path)) ? resolution.path : undefined;
}

/**
 * An import that resolves to the importing file itself. Written as its own name (`./a` in
 * `a.ts`), it is one. Otherwise the way there went through a mapping: a shim `index.d.ts` at a
 * package's root with `export * from './lib'`, where `lib/index.d.ts` is unbuilt output that the
 * build-folder rule maps back to `index.d.ts` (Qwik's `core-internal.d.ts` and `./dist/core-internal`).
 * Following that edge would end the chain here and hide everything the real output re-exports,
 * so it is an unknown that names the build output.
 */
export const selfLoopReason = 'leads back to this file itself: it names output of a build (not in the repository) whose source is not known';

function selfResolution(specifier: string, importer: string, resolution: Resolution): Resolution {
  // A package's own name from its types entry (`@sveltejs/kit` in kit's `types/index.d.ts`) is a
  // self-reference TypeScript makes too, not a mapping of build output.
  if (!specifier.startsWith('.')) return resolution;
  const stem = (path: string): string => path.replace(/(?:\.d)?\.[cm]?[jt]sx?$/, '');
  const named = posix.join(posix.dirname(importer), specifier);
  if (named === importer || stem(named) === stem(importer) || named === posix.dirname(importer)) return resolution;
  return { kind: 'unresolved', reason: selfLoopReason };
}

/** The shape of a cached resolution: anything else read from the cache is a miss (cached-table.ts). */
const resolutionSchema = guardSchema((value): value is Resolution => {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  if (fields.kind === 'file' || fields.kind === 'asset') return typeof fields.path === 'string';
  if (fields.kind === 'external') return typeof fields.packageName === 'string';
  return fields.kind === 'unresolved' && typeof fields.reason === 'string';
});

export type ImportMode = 'import' | 'require';

const builtins = new Set(builtinModules);

/**
 * Resolves specifiers the way the project's TypeScript would, against the analysed tree
 * (not the disk), with the tsconfig that owns the importing file.
 */
export class ModuleResolver {
  /** Sees the head tree only. */
  private readonly host: Ts.ModuleResolutionHost;
  /** Sees the files the change deleted or renamed away too: a stale import resolves to them (and is broken). */
  private readonly staleHost: Ts.ModuleResolutionHost;
  private readonly caches = new WeakMap<Ts.CompilerOptions, Ts.ModuleResolutionCache>();
  private readonly staleCaches = new WeakMap<Ts.CompilerOptions, Ts.ModuleResolutionCache>();
  private readonly lenientOptions = new WeakMap<ResolutionConfig, Ts.CompilerOptions>();
  private readonly dependencyCache = new Map<string, Set<string>>();
  /** This run's answers by table key (see resolve). */
  private readonly answers = new Map<string, Resolution>();
  /**
   * In-tree answers by the path a relative specifier names (null: TypeScript decides). `../a`
   * from `x/y` and `./a` from `x` name the same path, and the answer depends on nothing else.
   */
  private readonly inTreeAnswers = new Map<string, Resolution | null>();
  /**
   * Bare names that can only be npm packages (isCertainlyPackage), by the dependencies declared
   * above the importer (one Set per chain of package.json files, see declaredDependencies), then
   * by options and specifier: all the classification of such a name depends on.
   */
  private readonly packageClasses = new WeakMap<ReadonlySet<string>, Map<string, Resolution>>();
  /**
   * Bare specifiers, by options, specifier and syntax. The tree has no installed packages, so
   * a bare name leads to a file only through `paths`, `baseUrl` or a workspace package linked
   * into node_modules (see RepoFiles.toRepoPath), none of which depends on the importer's folder;
   * only a self-reference does (the importer's own package.json has that name), and those are
   * not kept. Kept: every answer for a workspace package's name, the files found for others.
   */
  private readonly packageAnswers = new Map<string, Resolution>();
  /** Package folder -> the name in its package.json ('' when unnamed or unreadable). */
  private readonly packageNames = new Map<string, string>();
  private readonly manifestFolders: ReadonlySet<string>;
  private readonly packageFolderOf: (path: string) => string;

  private readonly optionHashes = new WeakMap<ResolutionConfig, string>();
  private readonly table: ShardedTable<Resolution>;
  /** Assets and misses, which also depend on the tree's other files (see the constructor). */
  private readonly misses: CachedTable<Resolution>;

  /**
   * Resolutions are cached per tree shape: the table is keyed by every source and config path
   * of the tree (and the deleted ones) and the config contents, each entry by the compiler
   * options, the importer's folder, the specifier and the syntax, which is all that resolving
   * to a source file or a package depends on.
   */
  constructor(
    private readonly files: RepoFiles,
    private readonly configFor: (file: string) => ResolutionConfig,
    store: CacheStore,
    treePaths: string[],
  ) {
    // package.json and tsconfig contents decide workspace names, dependencies and options.
    // Only source and config paths: a commit that adds a Markdown file keeps the table.
    const shapeHash = createHash('sha1').update(treePaths.filter(isAnalyzableFile).join('\0')).update('\0\0').update([...files.goneFiles].sort().join('\0'));
    for (const path of treePaths.filter(isResolutionConfigFile)) shapeHash.update(`\0${path}\0${files.readText(path) ?? ''}`);
    // The workspace packages found (package.json `workspaces`, pnpm-workspace.yaml): a package
    // that becomes one is resolved to its source from then on, though no config above changed.
    shapeHash.update('\0\0');
    for (const [name, directory] of [...files.workspacePackages].sort(([a], [b]) => compareStrings(a, b))) shapeHash.update(`${name}\0${directory}\0`);
    // Where unbuilt output maps back to (every config's outDir and rootDir, wherever they were set).
    shapeHash.update(`\0\0${files.buildOutputsKey}`);
    const shape = shapeHash.digest('hex');
    const tableName = `resolve-${shape.slice(0, 16)}`;
    // Sharded by the importer's options and folder (the key up to its second NUL): a run that
    // resolves a few files reads a few shards, not a 50,000-file tree's table.
    this.table = new ShardedTable<Resolution>(store, tableName, resolutionSchema, (key) => key.slice(0, key.indexOf('\0', key.indexOf('\0') + 1)));
    // A miss or an asset was decided by looking at every kind of file (a .css, a folder, a
    // link): that table is keyed by every path and link of the tree. Few specifiers miss, so
    // it is small, and without it a warm run would resolve them all again.
    const links = [...files.links()].sort(([a], [b]) => compareStrings(a, b)).map(([link, target]) => `${link}\0${target ?? ''}\0`);
    this.shapeKey = createHash('sha1').update(shape).update('\0\0').update(links.join('')).digest('hex').slice(0, 16);
    const everyPath = createHash('sha1').update(shape).update(treePaths.join('\0')).update('\0\0').update(links.join(''));
    const missesName = `misses-${everyPath.digest('hex').slice(0, 16)}`;
    this.treeKey = missesName;
    this.misses = new CachedTable<Resolution>(store, missesName, resolutionSchema);
    this.saveTable = () => {
      this.table.save();
      store.prune('resolve-', tableName);
      this.misses.save();
      store.prune('misses-', missesName);
    };
    const hostSeeing = (includeGone: boolean): Ts.ModuleResolutionHost => ({
      fileExists: (path) => files.toRepoPath(path, includeGone) !== undefined,
      readFile: (path) => {
        const repoPath = files.toRepoPath(path, includeGone);
        return repoPath === undefined ? undefined : files.readText(repoPath);
      },
      // Directory probes only prune lookups; answering yes costs a few extra fileExists calls.
      directoryExists: () => true,
      getCurrentDirectory: () => files.root,
    });
    this.host = hostSeeing(false);
    this.staleHost = hostSeeing(true);
    this.manifestFolders = new Set(files.manifestDirectories);
    this.packageFolderOf = createPackageFolderLookup(files.manifestDirectories);
  }

  private readonly saveTable: () => void;

  /**
   * What every answer of this resolver depends on besides the importer's folder and options:
   * the tree's paths, links, deleted files and config contents.
   */
  readonly treeKey: string;

  /**
   * What the answers that lead to a source file or an npm package depend on: the source and
   * config paths, the config contents, the deleted files and the links. Paths of other files
   * (a Markdown note, a stylesheet) decide only assets and misses.
   */
  readonly shapeKey: string;

  /** The compiler options the importer is resolved with, as a short hash. */
  optionsKey(importer: string): string {
    return this.optionsHash(this.configFor(importer));
  }

  saveCache(): void {
    this.saveTable();
  }

  resolve(specifier: string, importer: string, mode: ImportMode): Resolution {
    const config = this.configFor(importer);
    const key = `${this.optionsHash(config)}\0${posix.dirname(importer)}\0${specifier}\0${mode}`;
    // Every file of a folder asks again: answered here without a second look in the tables.
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    const resolution = this.table.get(key) ?? this.misses.get(key) ?? this.resolveAndStore(key, specifier, importer, mode, config);
    this.answers.set(key, resolution);
    // Answers are shared by the files of a folder; only this one can be its own import.
    return resolution.kind === 'file' && resolution.path === importer ? selfResolution(specifier, importer, resolution) : resolution;
  }

  private resolveAndStore(key: string, specifier: string, importer: string, mode: ImportMode, config: ResolutionConfig): Resolution {
    const resolution = this.resolveUncached(specifier, importer, mode, config);
    // Assets and misses were classified by looking at non-source files, which the first
    // table's key does not cover.
    if (resolution.kind === 'file' || resolution.kind === 'external') this.table.set(key, resolution);
    else this.misses.set(key, resolution);
    return resolution;
  }

  private optionsHash(config: ResolutionConfig): string {
    let hash = this.optionHashes.get(config);
    if (hash === undefined) {
      // A framework's own modules change answers as options do (resolution is keyed by this hash).
      hash = createHash('sha1').update(JSON.stringify(config.options)).update(`\0${(config.frameworkModules ?? []).join('\0')}`).digest('hex').slice(0, 12);
      this.optionHashes.set(config, hash);
    }
    return hash;
  }

  private resolveUncached(specifier: string, importer: string, mode: ImportMode, config: ResolutionConfig): Resolution {
    const relative = this.resolveRelativeInTree(specifier, importer, config.options);
    if (relative !== undefined) return relative;
    const packageName = /^[./#]/.test(specifier) || /^[a-zA-Z]:/.test(specifier) ? undefined : toPackageName(specifier);
    if (packageName === undefined || importer.includes('node_modules/') || this.scopeName(importer) === packageName) {
      return this.resolveWithTypeScript(specifier, importer, mode, config);
    }
    // Before the shared answers below: this one depends on the importer's package.json.
    // (A `paths` alias of the importer's config wins over node_modules: TypeScript follows it.)
    if (!matchesPathAlias(specifier, config.options) && this.installsFromRegistry(packageName, importer)) return { kind: 'external', packageName };
    const key = `${this.optionsHash(config)}\0${specifier}\0${mode}`;
    const known = this.packageAnswers.get(key);
    if (known !== undefined) return known;
    const answer = this.resolveWithTypeScript(specifier, importer, mode, config);
    // See packageAnswers: a name that is not found depends on the importer's package.json (is it a dependency?).
    if (answer.kind === 'file' || this.files.workspacePackages.has(packageName)) this.packageAnswers.set(key, answer);
    return answer;
  }

  /**
   * The common relative import, answered the way TypeScript answers it without asking it:
   * `./a` (no extension) whose first candidate `a.ts` (else `a.tsx`) is there, `./a` for the
   * folder `a/index.ts` (`.tsx`) when no `a.*` file or `a/package.json` comes first, and `./a.js`
   * written for `a.ts`, when none of the names TypeScript tries before (`a.js.ts`, ...) is.
   * "There" is what the resolution host says (toRepoPath: links followed, build output mapped to
   * its source), so the answer is the file TypeScript would return. Anything else (rootDirs,
   * moduleSuffixes, other extensions, folders, node_modules) goes to TypeScript.
   */
  private resolveRelativeInTree(specifier: string, importer: string, options: Ts.CompilerOptions): Resolution | undefined {
    if (!(specifier.startsWith('./') || specifier.startsWith('../')) || specifier.endsWith('/') || specifier.endsWith('.')) return undefined;
    if ((options.rootDirs?.length ?? 0) > 0 || (options.moduleSuffixes ?? ['']).some((suffix) => suffix !== '')) return undefined;
    const candidate = posix.join(posix.dirname(importer), specifier);
    const known = this.inTreeAnswers.get(candidate);
    if (known !== undefined) return known ?? undefined;
    const answer = this.resolveCandidateInTree(candidate);
    this.inTreeAnswers.set(candidate, answer ?? null);
    return answer;
  }

  private resolveCandidateInTree(candidate: string): Resolution | undefined {
    if (candidate.startsWith('../') || candidate.includes('node_modules/')) return undefined;
    const seen = (path: string): string | undefined => this.files.toRepoPath(this.files.absolute(path), false);
    const name = candidate.slice(candidate.lastIndexOf('/') + 1);
    if (name.endsWith('.js')) {
      if (['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.json'].some((extension) => seen(candidate + extension) !== undefined)) return undefined;
      const stem = candidate.slice(0, -'.js'.length);
      const found = seen(`${stem}.ts`) ?? seen(`${stem}.tsx`);
      return found === undefined ? undefined : { kind: 'file', path: found };
    }
    if (/\.(?:[cm]?[jt]sx?|json)$/i.test(name)) return undefined;
    const found = seen(`${candidate}.ts`) ?? seen(`${candidate}.tsx`);
    if (found !== undefined) return { kind: 'file', path: found };
    // A folder: its index, when no file of another extension and no package.json comes first.
    if (['.d.ts', '.js', '.jsx', '.json', '/package.json'].some((suffix) => seen(candidate + suffix) !== undefined)) return undefined;
    const index = seen(`${candidate}/index.ts`) ?? seen(`${candidate}/index.tsx`);
    return index === undefined ? undefined : { kind: 'file', path: index };
  }

  /**
   * The name of the package.json nearest above a file: importing that name from inside it is a
   * self-reference (resolved through its own `exports`), which depends on where the importer is.
   */
  private scopeName(importer: string): string {
    const folder = this.packageFolderOf(importer);
    // '' is the root's package, or no package at all.
    if (!this.manifestFolders.has(folder)) return '';
    let name = this.packageNames.get(folder);
    if (name === undefined) {
      const declared = packageManifest(this.files, folder)?.name;
      name = typeof declared === 'string' ? declared : '';
      this.packageNames.set(folder, name);
    }
    return name;
  }

  private resolveWithTypeScript(specifier: string, importer: string, mode: ImportMode, config: ResolutionConfig): Resolution {
    loadTypeScript();
    const certain = this.classifyCertainPackage(specifier, importer, config);
    if (certain !== undefined) return certain;
    // The head tree first: after `lib.ts` -> `lib/index.ts`, './lib' still resolves, and is not
    // broken. Only a specifier that resolves to nothing else leads to the file that is gone.
    const attempt = (includeGone: boolean): Resolution | undefined => this.resolveWith(specifier, importer, config.options, mode, includeGone) ?? this.resolveAsBundler(specifier, importer, config, mode, includeGone);
    const resolved = attempt(false) ?? (this.files.goneFiles.size > 0 ? attempt(true) : undefined);
    if (resolved === undefined) return this.sourceByOwnConfig(specifier, mode) ?? this.classifyUnresolved(specifier, importer, config);
    return this.preferWorkspaceSource(specifier, resolved, mode);
  }

  /** classifyUnresolved for a name isCertainlyPackage says is an npm package; undefined for other names. */
  private classifyCertainPackage(specifier: string, importer: string, config: ResolutionConfig): Resolution | undefined {
    const dependencies = this.declaredDependencies(importer);
    let answers = this.packageClasses.get(dependencies);
    if (answers === undefined) {
      answers = new Map();
      this.packageClasses.set(dependencies, answers);
    }
    const key = `${this.optionsHash(config)}\0${specifier}`;
    const known = answers.get(key);
    if (known !== undefined) return known;
    if (!this.isCertainlyPackage(specifier, config)) return undefined;
    const answer = this.classifyUnresolved(specifier, importer, config);
    answers.set(key, answer);
    return answer;
  }

  /**
   * A workspace package's name reaches the package's source whatever the importer's config
   * says: the package manager links the folder. A config without `paths` or the package's
   * custom condition lands on a build shim (`index.js` requiring `dist/`), a hand-written `.d.ts`
   * or nothing; when the package has a TypeScript source entry, that is what the import uses.
   */
  private preferWorkspaceSource(specifier: string, resolved: Resolution, mode: ImportMode): Resolution {
    if (resolved.kind !== 'file' || isTypeScriptSource(resolved.path) || /^[./#]/.test(specifier)) return resolved;
    const packageName = toPackageName(specifier);
    const packageDirectory = this.files.workspacePackages.get(packageName);
    if (packageDirectory === undefined) return resolved;
    const entry = findWorkspaceEntry(this.files, packageDirectory, `.${specifier.slice(packageName.length)}`);
    if (entry !== undefined && isTypeScriptSource(entry)) return { kind: 'file', path: entry };
    return this.sourceByOwnConfig(specifier, mode) ?? resolved;
  }

  /**
   * A workspace package whose entry is built output (or a shim `.d.ts` in front of it) often
   * says where its source is in its own tsconfig: `paths` that map its own name and subpaths
   * to `src/` (Qwik: `"@qwik.dev/router": ["packages/qwik-router/src/runtime/src/index.ts"]`),
   * so that its own files compile against the source. Only the package's own config counts
   * (its tsconfig.json, next to its package.json, that names the package), and only a TypeScript source inside
   * the package: another package's alias of the same name says nothing about this one.
   */
  private sourceByOwnConfig(specifier: string, mode: ImportMode): Resolution | undefined {
    if (/^[./#]/.test(specifier)) return undefined;
    const packageName = toPackageName(specifier);
    const packageDirectory = this.files.workspacePackages.get(packageName);
    if (packageDirectory === undefined) return undefined;
    // The configs are loaded on demand (a warm run may never need them): look first whether the
    // package's tsconfig.json (the one nearest its package.json) names the package at all.
    const ownConfigText = this.files.readText(packageDirectory === '' ? 'tsconfig.json' : `${packageDirectory}/tsconfig.json`);
    if (ownConfigText === undefined || !ownConfigText.includes(`"${packageName}`)) return undefined;
    const manifest = packageDirectory === '' ? 'package.json' : `${packageDirectory}/package.json`;
    const own = this.configFor(manifest);
    const inside = (path: string): boolean => packageDirectory === '' || path.startsWith(`${packageDirectory}/`);
    if (own.configPath === null || !inside(own.configPath) || !matchesPathAlias(specifier, own.options)) return undefined;
    const found = this.resolveWith(specifier, manifest, own.options, mode, false);
    return found?.kind === 'file' && isTypeScriptSource(found.path) && inside(found.path) ? found : undefined;
  }

  /**
   * Most specifiers name npm packages, and finding that out through TypeScript means probing
   * every ancestor's node_modules. Only a workspace package, a `paths` alias, a `baseUrl`
   * folder or a `#subpath` import can make a bare specifier a repository file; without those
   * it goes straight to classification.
   */
  private isCertainlyPackage(specifier: string, config: ResolutionConfig): boolean {
    if (/^[./#]/.test(specifier) || /^[a-zA-Z]:/.test(specifier)) return false;
    if (this.files.workspacePackages.has(toPackageName(specifier))) return false;
    if (matchesPathAlias(specifier, config.options)) return false;
    const baseUrl = config.options.baseUrl;
    if (baseUrl !== undefined) {
      const firstSegment = specifier.split('/')[0] ?? specifier;
      // baseUrl is a folder: toRepoPath maps files only.
      const baseDirectory = posix.relative(this.files.root, baseUrl);
      if (!baseDirectory.startsWith('..') && this.files.hasEntry(posix.join(baseDirectory, firstSegment))) return false;
    }
    return true;
  }

  private resolveWith(specifier: string, importer: string, options: Ts.CompilerOptions, mode: ImportMode, includeGone: boolean): Resolution | undefined {
    const cache = this.cacheFor(options, includeGone);
    const resolutionMode = mode === 'require' ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext;
    const result = ts.resolveModuleName(specifier, this.files.absolute(importer), options, includeGone ? this.staleHost : this.host, cache, undefined, resolutionMode);
    const resolved = result.resolvedModule;
    if (resolved === undefined) return undefined;
    const path = this.files.toRepoPath(resolved.resolvedFileName, includeGone);
    return path === undefined ? undefined : { kind: 'file', path };
  }

  /** node16/nodenext reject extensionless relative imports that bundlers accept; try the lenient way before giving up. */
  private resolveAsBundler(specifier: string, importer: string, config: ResolutionConfig, mode: ImportMode, includeGone: boolean): Resolution | undefined {
    if (config.options.moduleResolution === ts.ModuleResolutionKind.Bundler) return undefined;
    let lenient = this.lenientOptions.get(config);
    if (lenient === undefined) {
      lenient = { ...config.options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext };
      this.lenientOptions.set(config, lenient);
    }
    return this.resolveWith(specifier, importer, lenient, mode, includeGone);
  }

  private cacheFor(options: Ts.CompilerOptions, includeGone: boolean): Ts.ModuleResolutionCache {
    const caches = includeGone ? this.staleCaches : this.caches;
    let cache = caches.get(options);
    if (cache === undefined) {
      cache = ts.createModuleResolutionCache(this.files.root, (name) => name, options);
      caches.set(options, cache);
    }
    return cache;
  }

  private classifyUnresolved(specifier: string, importer: string, config: ResolutionConfig): Resolution {
    // A bundler resource query (Vite's `./app.css?url`, `./icon.svg?raw`, webpack's `?inline`)
    // names the file before the `?`. An asset stays an asset; a source file loaded that way (as
    // a worker, as raw text) is used whole in a way we do not follow, so it stays unknown.
    const query = specifier.indexOf('?');
    if (query > 0) {
      // Resolved as any import (`./tsrScript?script-string` is `./tsrScript.ts`), so that the
      // unknown names the module it loads in its own way.
      const bare = this.resolve(specifier.slice(0, query), importer, 'import');
      if (bare.kind === 'asset' && !isAnalyzableFile(bare.path)) return bare;
      if (bare.kind === 'unresolved' || bare.kind === 'external') return bare;
      const loaded = bare.kind === 'file' || bare.kind === 'asset' ? ` of ${bare.path}` : ' of a module';
      return { kind: 'unresolved', reason: `a bundler query import (${specifier.slice(query)})${loaded} is not followed: the bundler loads the module in its own way (as text, a URL, a worker)` };
    }
    if (specifier.startsWith('.') || specifier.startsWith('/')) {
      const target = specifier.startsWith('/') ? specifier.slice(1) : posix.join(posix.dirname(importer), specifier);
      if (this.files.exists(target)) return { kind: 'asset', path: target };
      const absent = specifier.startsWith('.') ? this.absentRootDirs(importer, config) : [];
      if (absent.length === 0) return { kind: 'unresolved', reason: 'no such file in the repository' };
      const folders = `${absent.length === 1 ? 'folder' : 'folders'} ${absent.join(', ')}, which ${absent.length === 1 ? 'is' : 'are'} not in the repository`;
      return { kind: 'unresolved', reason: `no such file in the repository; ${config.configPath ?? 'the default config'} also looks for it under its rootDirs ${folders} (generated files are usually not committed)` };
    }
    const packageName = toPackageName(specifier);
    if (specifier.startsWith('node:') || builtins.has(packageName)) return { kind: 'external', packageName };
    const packageDirectory = this.files.workspacePackages.get(packageName);
    if (packageDirectory !== undefined) {
      const subpath = `.${specifier.slice(packageName.length)}`;
      const entry = findWorkspaceEntry(this.files, packageDirectory, subpath);
      if (entry !== undefined) return { kind: 'file', path: entry };
      const asset = exportedStaticAsset(this.files, packageDirectory, subpath) ?? exportedRepositoryAsset(this.files, packageDirectory, subpath);
      if (asset !== undefined) return { kind: 'asset', path: asset };
      return { kind: 'unresolved', reason: missingEntryReason(this.files, packageName, packageDirectory, subpath) };
    }
    if (this.isDeclaredDependency(importer, packageName)) return { kind: 'external', packageName };
    // After the workspace's own packages: a framework module name never shadows one of them.
    const frameworkModule = config.frameworkModules?.find((name) => specifier === name || specifier.startsWith(`${name}/`));
    if (frameworkModule !== undefined) return this.frameworkModuleResolution(specifier, frameworkModule);
    if (specifier.startsWith('#')) {
      // A module there is an edge (TypeScript missed it under some condition); anything else an asset.
      const file = importsMapFile(this.files, this.packageFolderOf(importer), specifier);
      if (file !== undefined) return isSourceFile(file) ? { kind: 'file', path: file } : { kind: 'asset', path: file };
    }
    if (matchesPathAlias(specifier, config.options)) {
      // `@/styles/site.css`: the alias leads to a file TypeScript does not resolve (an asset).
      const asset = aliasTargets(specifier, config.options).map((path) => this.files.toRepoPath(path) ?? '').find((path) => path !== '' && this.files.exists(path));
      if (asset !== undefined) return { kind: 'asset', path: asset };
      return { kind: 'unresolved', reason: `path alias matched but no file found (${config.configPath ?? 'default options'})` };
    }
    return { kind: 'unresolved', reason: describeUnknownBareSpecifier(specifier, packageName, config) };
  }

  /**
   * A framework's own module (`$app/navigation`): external in an app; in the framework's own
   * repository, where the package that provides it is a workspace package, the source file it
   * is, or an unknown (never external: the change may be in that very package).
   */
  private frameworkModuleResolution(specifier: string, frameworkModule: string): Resolution {
    const source = frameworkModuleSource(specifier);
    const provider = source === undefined ? undefined : this.files.workspacePackages.get(source.packageName);
    if (source === undefined || provider === undefined) return { kind: 'external', packageName: frameworkModule };
    const file = source.path === null ? undefined : resolveTarget(this.files, posix.join(provider, source.path));
    if (file !== undefined) return { kind: 'file', path: file };
    const where = source.path === null ? 'the framework generates it per app' : `no source of it under ${posix.join(provider, source.path)}`;
    return { kind: 'unresolved', reason: `a module of ${source.packageName}, which is a package of this repository, and ${where}` };
  }

  /**
   * The `rootDirs` of the importer's config that hold nothing in the tree, when the importer sits
   * under one of them: a relative import may mean a file there (React Router's `./+types/home`
   * in `.react-router/types`), which a build step writes and git ignores.
   */
  private absentRootDirs(importer: string, config: ResolutionConfig): string[] {
    const folders = (config.options.rootDirs ?? []).map((folder) => toRepoRelative(this.files.root, folder)).filter((folder) => folder !== undefined);
    const isUnder = (folder: string): boolean => folder === '' || importer.startsWith(`${folder}/`);
    if (!folders.some(isUnder)) return [];
    return folders.filter((folder) => folder !== '' && !this.files.hasEntry(folder)).sort(compareStrings);
  }

  /**
   * A bare specifier is an npm package when a package.json from the importer's folder up to the
   * root (its own package, enclosing ones, the root) declares it or its @types package. A
   * dependency only a sibling package declares may load through hoisting, but nothing promises
   * it: that import is an unknown, not a silent external.
   */
  private isDeclaredDependency(importer: string, packageName: string): boolean {
    const typesName = `@types/${packageName.startsWith('@') ? packageName.slice(1).replace('/', '__') : packageName}`;
    const own = this.declaredDependencies(importer);
    return own.has(packageName) || own.has(typesName);
  }

  /**
   * A workspace package's name that the importer's package.json (the nearest one declaring it)
   * asks for with a version range its workspace version does not satisfy: npm, Yarn and pnpm
   * all install that version from the registry instead of linking the folder (redux-toolkit's
   * examples pin `"@reduxjs/toolkit": "1.8.1"` while the workspace is 2.x). `workspace:`,
   * `file:`, `link:`, tags and anything that is not a plain range keep the link.
   */
  private installsFromRegistry(packageName: string, importer: string): boolean {
    const directory = this.files.workspacePackages.get(packageName);
    if (directory === undefined || this.isOverridden(packageName)) return false;
    const range = this.declaredRange(posix.dirname(importer), packageName);
    if (range === undefined || /^[a-z]+:/i.test(range)) return false;
    // Hundreds of folders declare the same few ranges: each (name, range) is decided once.
    const key = `${packageName}\0${range}`;
    let answer = this.registryAnswers.get(key);
    if (answer === undefined) {
      const declared = packageManifest(this.files, directory)?.version;
      const version = typeof declared === 'string' ? declared : undefined;
      const valid = version === undefined ? null : semver().validRange(range);
      answer = version !== undefined && valid !== null && semver().valid(version) !== null && !semver().satisfies(version, valid, { includePrerelease: true });
      this.registryAnswers.set(key, answer);
    }
    return answer;
  }

  private readonly registryAnswers = new Map<string, boolean>();

  /** The range the nearest package.json from `directory` up that declares the name gives it (not as a peer). */
  private declaredRange(directory: string, packageName: string): string | undefined {
    const key = `${directory}\0${packageName}`;
    if (this.declaredRanges.has(key)) return this.declaredRanges.get(key);
    // Only a workspace's package.json (or the root's) has its dependencies installed: another
    // one (medusa's integration-tests, outside its workspace globs) resolves from the root's.
    this.installedFolders ??= new Set(['', ...this.files.workspacePackages.values()]);
    const folder = directory === '.' ? '' : directory;
    const text = this.installedFolders.has(folder) ? this.files.readText(posix.join(folder, 'package.json')) : undefined;
    // Most package.json files do not name it: no parse for those.
    const here = text?.includes(`"${packageName}"`) === true ? installedRange(readManifest(text), packageName) : undefined;
    const range = here ?? (directory === '.' || directory === '' || directory === '/' ? undefined : this.declaredRange(posix.dirname(directory), packageName));
    this.declaredRanges.set(key, range);
    return range;
  }

  /**
   * The root's `resolutions` (Yarn), `overrides` (npm) or `pnpm.overrides`, or pnpm-workspace.yaml
   * (whose `overrides` pnpm 10 reads), name the package: it may be forced to the workspace
   * version (`workspace:*`) whatever the range asks. Any mention keeps the link.
   */
  private isOverridden(packageName: string): boolean {
    let answer = this.overridden.get(packageName);
    if (answer === undefined) {
      answer = this.mentionsInOverrides(packageName);
      this.overridden.set(packageName, answer);
    }
    return answer;
  }

  private readonly overridden = new Map<string, boolean>();

  private mentionsInOverrides(packageName: string): boolean {
    const root = packageManifest(this.files, '');
    const pnpm = root?.pnpm;
    const blocks = [root?.resolutions, root?.overrides, pnpm !== null && typeof pnpm === 'object' ? (pnpm as { overrides?: unknown }).overrides : undefined];
    if (blocks.some((block) => block !== undefined && JSON.stringify(block).includes(packageName))) return true;
    return this.files.readText('pnpm-workspace.yaml')?.includes(packageName) === true;
  }

  private installedFolders: Set<string> | undefined;

  /** declaredRange's answers by folder and name: every folder of a package asks about the same names. */
  private readonly declaredRanges = new Map<string, string | undefined>();

  /** Dependencies declared in every package.json from the importer's folder up to the root. */
  private declaredDependencies(importer: string): Set<string> {
    const directory = posix.dirname(importer);
    const cached = this.dependencyCache.get(directory);
    if (cached) return cached;
    const parent = directory === '.' ? new Set<string>() : this.declaredDependencies(directory);
    const own = readDependencies(this.files.readText(directory === '.' ? 'package.json' : `${directory}/package.json`));
    const merged = own.size === 0 ? parent : new Set([...parent, ...own]);
    this.dependencyCache.set(directory, merged);
    return merged;
  }
}

function isTypeScriptSource(path: string): boolean {
  return /\.[mc]?tsx?$/.test(path) && !isDeclarationFile(path);
}

/** The range a package.json gives a name under dependencies, devDependencies or optionalDependencies. */
function installedRange(manifest: Manifest | undefined, packageName: string): string | undefined {
  for (const block of [manifest?.dependencies, manifest?.devDependencies, manifest?.optionalDependencies]) {
    const range = block !== null && typeof block === 'object' ? (block as Record<string, unknown>)[packageName] : undefined;
    if (typeof range === 'string') return range.trim();
  }
  return undefined;
}

/** The names a package.json declares as dependencies of any kind; none when it does not parse. */
export function readDependencies(text: string | undefined): Set<string> {
  if (text === undefined) return new Set();
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    const names = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const block = manifest[field];
      if (block && typeof block === 'object') for (const name of Object.keys(block)) names.add(name);
    }
    return names;
  } catch {
    return new Set();
  }
}

/** Absolute paths a `paths` alias maps a specifier to (relative to baseUrl, else the tsconfig's folder). */
export function aliasTargets(specifier: string, options: Ts.CompilerOptions): string[] {
  const base = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath;
  if (base === undefined) return [];
  return Object.entries(options.paths ?? {}).flatMap(([pattern, targets]) => {
    const star = pattern.indexOf('*');
    const isMatch = star < 0 ? pattern === specifier : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
    if (!isMatch) return [];
    const captured = star < 0 ? '' : specifier.slice(star, specifier.length - (pattern.length - star - 1));
    return targets.map((target) => posix.join(base, target.replace('*', captured)));
  });
}

function matchesPathAlias(specifier: string, options: Ts.CompilerOptions): boolean {
  return Object.keys(options.paths ?? {}).some((pattern) => {
    const star = pattern.indexOf('*');
    if (star < 0) return pattern === specifier;
    return specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
  });
}

/**
 * Why a bare specifier found nothing, in the words of what it looks like: a `scheme:` module
 * (`bun:sqlite`, `cloudflare:workers`, `astro:content`) is a runtime's or a plugin's, never a
 * package; `@/x`, `~/x`, `#x` and `$x` are aliases no config in use for the file defines; the
 * rest a package that is not declared.
 */
function describeUnknownBareSpecifier(specifier: string, packageName: string, config: ResolutionConfig): string {
  const scheme = /^([a-z][\w+.-]+):/i.exec(specifier)?.[1];
  if (scheme !== undefined) return `a "${scheme}:" module: a runtime, a platform or a bundler plugin provides it, no file or package of the repository`;
  const alias = /^(?:[@~]\/|~$|[#$])/.exec(specifier);
  if (alias !== null) return `looks like a path alias, but ${config.configPath ?? 'the default options'} (the file's tsconfig) defines none that matches, and it is no file or declared dependency`;
  return `not a file in the repository and "${packageName}" is not a dependency in package.json`;
}

import { posix } from 'node:path';

/**
 * The import aliases a framework writes into the tsconfig it generates (and git ignores), for a
 * config whose `extends` names that generated file and finds nothing: `.nuxt/tsconfig.json`,
 * `.svelte-kit/tsconfig.json`. The bundler applies them whatever the tsconfig says, so
 * `~/utils/format` and `$lib/format` are edges of the graph in every build; without them each
 * such import would be an unknown and the edge a miss. Only the frameworks' fixed defaults:
 * aliases a project adds in `nuxt.config`/`svelte.config.js` stay unresolved (and unknown).
 */
export interface FrameworkAliases {
  framework: string;
  /** The alias names, as a reason lists them. */
  names: string[];
  /** `paths` entries, targets repo-relative. */
  paths: Record<string, string[]>;
  /** Module names the framework provides itself (SvelteKit's `$app/navigation`, `$env/static/private`): never a repository file. */
  modules: string[];
}

/** SvelteKit 3's generated config: a package the framework writes into node_modules/$app. */
const svelteKitPackage = /^\$app\/tsconfig(?:\/|$)/;

/**
 * The aliases for a missing `extends` target (a repo-relative path, or a package as written) of
 * the config in `configFolder`, or undefined when it is not a framework's generated config.
 * `exists` answers whether a repo-relative file is in the tree.
 */
export function frameworkAliases(missingTarget: string, isPackage: boolean, configFolder: string, exists: (repoPath: string) => boolean): FrameworkAliases | undefined {
  const segments = missingTarget.split('/');
  const generated = isPackage ? -1 : segments.findIndex((segment) => segment === '.nuxt' || segment === '.svelte-kit');
  const isSvelteKit3 = isPackage && svelteKitPackage.test(missingTarget);
  if (generated < 0 && !isSvelteKit3) return undefined;
  const project = isSvelteKit3 ? configFolder : segments.slice(0, generated).join('/');
  const inProject = (path: string): string => (project === '' ? path : posix.join(project, path));
  if (isSvelteKit3 || segments[generated] === '.svelte-kit') {
    // kit.files.lib defaults to src/lib; $app/* and $env/* are Kit's own modules.
    const lib = inProject('src/lib');
    return { framework: 'SvelteKit', names: ['$lib'], paths: { $lib: [lib], '$lib/*': [`${lib}/*`] }, modules: modulesOf('@sveltejs/kit') };
  }
  // Nuxt 4 keeps the app in `app/` (its srcDir); Nuxt 3 at the project's root.
  const isAppFolder = ['app/app.vue', 'app/pages/index.vue', 'app/layouts/default.vue'].some((file) => exists(inProject(file)));
  const source = isAppFolder ? inProject('app') : project;
  const root = project;
  const paths: Record<string, string[]> = {};
  const alias = (name: string, folder: string): void => {
    paths[name] = [folder === '' ? '.' : folder];
    paths[`${name}/*`] = [folder === '' ? '*' : `${folder}/*`];
  };
  alias('~', source);
  alias('@', source);
  alias('~~', root);
  alias('@@', root);
  // Nuxt's own runtime modules, and the packages nuxt itself depends on (apps import them
  // undeclared). Not `#imports`, `#components` or `#build`: they re-export the project's own
  // composables, utils and components, so an import of them may lead to a repository file.
  const modules = [...modulesOf('nuxt'), 'h3', 'vue', 'vue-router'];
  return { framework: 'Nuxt', names: ['~', '@', '~~', '@@'], paths, modules };
}

/**
 * The package that provides each framework module, and the folder of its sources that holds the
 * module (null: generated per app, `$env/static/private`). In an app these modules are external;
 * in the framework's own repository (SvelteKit's, Nuxt's) that package is a workspace package
 * and `$app/navigation` is its file `src/runtime/app/navigation.js`: an edge, never external.
 */
const moduleSources: [module: string, packageName: string, folder: string | null][] = [
  ['$app', '@sveltejs/kit', 'src/runtime/app'],
  ['$env', '@sveltejs/kit', null],
  ['$service-worker', '@sveltejs/kit', null],
  ['#app', 'nuxt', 'src/app'],
  ['#head', 'nuxt', null],
  ['#internal', 'nuxt', null],
  ['#vue-router', 'nuxt', null],
];

/** The module names a framework package provides (the `modules` of its FrameworkAliases). */
function modulesOf(packageName: string): string[] {
  return moduleSources.filter(([, provider]) => provider === packageName).map(([module]) => module);
}

/** Which package provides a framework module, and where under it the specifier's source would be. */
export function frameworkModuleSource(specifier: string): { packageName: string; path: string | null } | undefined {
  const entry = moduleSources.find(([module]) => specifier === module || specifier.startsWith(`${module}/`));
  if (entry === undefined) return undefined;
  const [module, packageName, folder] = entry;
  return { packageName, path: folder === null ? null : posix.join(folder, specifier.slice(module.length + 1)) };
}

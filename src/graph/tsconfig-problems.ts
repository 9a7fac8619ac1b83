import { posix } from 'node:path';
import { compareStrings } from '../shared/compare.js';
import type { Unknown } from '../shared/types.js';
import type { BrokenConfig, MissingBase, ParsedProject } from './tsconfig-parse.js';

/** Folders frameworks generate (and git ignores) that tsconfigs commonly extend or include. */
const generatedFolders: [folder: string, framework: string, command: string][] = [
  ['.svelte-kit', 'SvelteKit', 'svelte-kit sync'],
  ['.nuxt', 'Nuxt', 'nuxi prepare'],
  ['.astro', 'Astro', 'astro sync'],
  ['.next', 'Next.js', 'next build'],
  ['.expo', 'Expo', 'expo start'],
];

/** Configs frameworks generate as packages into node_modules (SvelteKit 3's `$app/tsconfig`). */
const generatedPackages: [name: string, framework: string, command: string][] = [['$app/tsconfig', 'SvelteKit 3', 'svelte-kit sync']];

/** How many file names a reason spells out before it only counts the rest. */
const namedFiles = 3;

/**
 * The unknowns of broken configs and missing `extends` targets, each with the source files it
 * concerns (its scope): for a broken config, the files under its folder that fell back to a
 * config above it (or the defaults); for a missing base, the files the config owns, which were
 * resolved with the config's own settings only. The reason names those files, so the report
 * says which ones were resolved with a fallback.
 */
export function describeConfigProblems(
  projects: ParsedProject[],
  broken: BrokenConfig[],
  sources: readonly string[],
  configFor: (file: string) => { configPath: string | null },
): { unknowns: Unknown[]; unknownScopes: Map<string, string[]> } {
  const unknowns: Unknown[] = [];
  const unknownScopes = new Map<string, string[]>();
  for (const config of broken) {
    const directory = directoryOf(config.configPath);
    const fallbacks = new Map<string, string[]>();
    for (const file of sources) {
      if (!isBelow(file, directory)) continue;
      const used = configFor(file).configPath;
      // A config in this folder or deeper owns the file on its own merit: no fallback.
      if (used !== null && isBelow(used, directory)) continue;
      const label = used ?? 'built-in defaults';
      fallbacks.set(label, [...(fallbacks.get(label) ?? []), file]);
    }
    const scope = [...fallbacks.values()].flat().sort(compareStrings);
    unknownScopes.set(config.configPath, scope);
    const usedInstead = [...fallbacks.keys()].sort(compareStrings).join(', ');
    const consequence = scope.length === 0 ? 'no source file fell back to another config' : `${describeFiles(scope)} resolved with ${usedInstead} instead`;
    unknowns.push({ kind: 'unresolved-config', file: config.configPath, specifier: null, reason: `unusable tsconfig (${config.reason}); ${consequence}` });
  }
  for (const project of projects) {
    if (project.missingBases.length === 0) continue;
    const scope = sources.filter((file) => configFor(file).configPath === project.configPath);
    unknownScopes.set(project.configPath, scope);
    const consequence = scope.length === 0 ? 'it owns no source file' : `${describeFiles(scope)} resolved with its own settings only`;
    for (const base of project.missingBases) {
      unknowns.push({ kind: 'unresolved-config', file: project.configPath, specifier: base.target, reason: `${describeMissingBase(base)}: the paths, baseUrl and module resolution it may set are unknown; ${consequence}` });
    }
  }
  return { unknowns, unknownScopes };
}

/** Why an `extends` target is missing, with the framework that generates it when it is a known one. */
function describeMissingBase(base: MissingBase): string {
  const assumed = base.assumedAliases === undefined ? '' : ` (imports through ${base.assumedAliases} are resolved as its defaults map them)`;
  const generated = generatedFolders.find(([folder]) => base.target.startsWith(`${folder}/`) || base.target.includes(`/${folder}/`));
  if (generated !== undefined) {
    const [folder, framework, command] = generated;
    if (base.missingReferences !== undefined) {
      const which = base.missingReferences > 1 ? `${base.target} and ${base.missingReferences - 1} more` : base.target;
      return `references configs ${framework} generates into ${folder}/ (${which}; \`${command}\`) and git ignores, so they are not in the analysed commit${assumed}`;
    }
    return `extends a file ${framework} generates into ${folder}/ (\`${command}\`) and git ignores, so it is not in the analysed commit${assumed}`;
  }
  const generatedPackage = base.isPackage ? generatedPackages.find(([name]) => base.target === name || base.target.startsWith(`${name}/`)) : undefined;
  if (generatedPackage !== undefined) {
    const [, framework, command] = generatedPackage;
    return `extends ${base.target}, which the framework generates into node_modules (${framework}'s \`${command}\`), so it is not in the analysed commit${assumed}`;
  }
  if (base.isPackage) return 'extends a package that is not installed (install dependencies to resolve it)';
  return 'extends a file that is not in the repository';
}

function describeFiles(files: string[]): string {
  const shown = files.slice(0, namedFiles).join(', ');
  const rest = files.length - namedFiles;
  return `${files.length} source file(s) (${shown}${rest > 0 ? `, and ${rest} more` : ''})`;
}

function directoryOf(path: string): string {
  const directory = posix.dirname(path);
  return directory === '.' ? '' : directory;
}

function isBelow(path: string, directory: string): boolean {
  return directory === '' || path.startsWith(`${directory}/`);
}

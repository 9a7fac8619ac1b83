import { posix } from 'node:path';
import { compareStrings } from '../shared/compare.js';
import type { ParsedProject } from './tsconfig-parse.js';

/**
 * Decides which config owns a file, the way the compiler and editors see it: the configs whose
 * `files`/`include`/`exclude` select the file compete, and the one closest to the file wins
 * (a config in an enclosing folder before one that reaches over with `../`). Between configs of
 * the same folder, a config loses to one it references (a solution root defers to its parts),
 * then tsconfig.json comes first, jsconfig.json next, referenced configs next, others by name.
 */
export function createOwnerLookup(owners: ParsedProject[], referenced: ReadonlySet<string>): (file: string) => ParsedProject | undefined {
  // Files selected by the same configs share one candidate list (built through `extended`), so
  // the ranking below runs once per list and folder, not once per file.
  const containing = new Map<string, ParsedProject[]>();
  const extended = new Map<ParsedProject[], Map<ParsedProject, ParsedProject[]>>();
  const extend = (list: ParsedProject[], project: ParsedProject): ParsedProject[] => {
    let next = extended.get(list);
    if (next === undefined) {
      next = new Map();
      extended.set(list, next);
    }
    let longer = next.get(project);
    if (longer === undefined) {
      longer = [...list, project];
      next.set(project, longer);
    }
    return longer;
  };
  const none: ParsedProject[] = [];
  for (const project of owners) {
    for (const file of project.fileNames) {
      const list = containing.get(file) ?? none;
      if (!list.includes(project)) containing.set(file, extend(list, project));
    }
  }
  const reach = referenceClosure(owners);
  const ranked = new Map<ParsedProject[], Map<string, ParsedProject | undefined>>();
  return (file) => {
    const candidates = containing.get(file);
    if (candidates === undefined) return undefined;
    if (candidates.length === 1) return candidates[0];
    const directory = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    let byDirectory = ranked.get(candidates);
    if (byDirectory === undefined) {
      byDirectory = new Map();
      ranked.set(candidates, byDirectory);
    }
    if (byDirectory.has(directory)) return byDirectory.get(directory);
    const best = pickOwner(candidates, directory, referenced, reach);
    byDirectory.set(directory, best);
    return best;
  };
}

/** The owner among the configs that select a file in `directory` (see createOwnerLookup). */
function pickOwner(candidates: ParsedProject[], directory: string, referenced: ReadonlySet<string>, reach: Map<string, Set<string>>): ParsedProject | undefined {
  const ranked = candidates
    .map((project) => ({ project, distance: distance(project.directory, directory) }))
    .sort((a, b) => a.distance - b.distance || compareConfigNames(a.project, b.project, referenced));
  const closest = ranked.filter((entry) => entry.distance === ranked[0]?.distance).map((entry) => entry.project);
  let best = closest[0];
  // Follow references among equally close configs: the referenced project is the one that
  // builds the file. `seen` stops at reference cycles, which TypeScript reports but tolerates.
  const seen = new Set<ParsedProject>();
  while (best !== undefined && !seen.has(best)) {
    const from: ParsedProject = best;
    seen.add(from);
    best = closest.find((other) => !seen.has(other) && reach.get(from.configPath)?.has(other.configPath) === true) ?? from;
  }
  return best;
}

/**
 * Ancestors rank by depth (deepest first); any other folder ranks after every ancestor, by
 * how many folders apart it is.
 */
function distance(configDirectory: string, fileDirectory: string): number {
  const configParts = configDirectory === '' ? [] : configDirectory.split('/');
  const fileParts = fileDirectory === '' ? [] : fileDirectory.split('/');
  let shared = 0;
  while (shared < configParts.length && configParts[shared] === fileParts[shared]) shared++;
  if (shared === configParts.length) return fileParts.length - shared;
  return 10_000 + (configParts.length - shared) + (fileParts.length - shared);
}

/** Same-folder order: tsconfig.json, jsconfig.json, configs some project references, then the rest by path. */
export function compareConfigNames(a: ParsedProject, b: ParsedProject, referenced: ReadonlySet<string>): number {
  return nameRank(a, referenced) - nameRank(b, referenced) || compareStrings(a.configPath, b.configPath);
}

function nameRank(project: ParsedProject, referenced: ReadonlySet<string>): number {
  const name = posix.basename(project.configPath);
  if (name === 'tsconfig.json') return 0;
  if (name === 'jsconfig.json') return 1;
  return referenced.has(project.configPath) ? 2 : 3;
}

/** Config -> every config reachable through `references`, transitively. */
function referenceClosure(projects: ParsedProject[]): Map<string, Set<string>> {
  const direct = new Map(projects.map((project) => [project.configPath, project.references]));
  const closure = new Map<string, Set<string>>();
  for (const project of projects) {
    const seen = new Set<string>();
    const queue = [...project.references];
    while (queue.length > 0) {
      const next = queue.pop() ?? '';
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(direct.get(next) ?? []));
    }
    closure.set(project.configPath, seen);
  }
  return closure;
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Lockfiles and the command that runs a locally installed bin with that package manager,
 * in the order a folder holding several is read. Every one of them finds `risk` in the
 * project's node_modules/.bin, so the line works on every clone, whoever's machine it is.
 */
const runners: readonly (readonly [lockfile: string, command: string])[] = [
  ['pnpm-lock.yaml', 'pnpm exec risk'],
  ['yarn.lock', 'yarn risk'],
  ['bun.lock', 'bunx risk'],
  ['bun.lockb', 'bunx risk'],
  ['package-lock.json', 'npx --no-install risk'],
  ['npm-shrinkwrap.json', 'npx --no-install risk'],
];

/** npm's runner; `--no-install` so a missing devDependency fails instead of fetching another package named risk. */
export const defaultRunnerCommand = 'npx --no-install risk';

/**
 * The portable command for hook-manager lines (committed files shared by a team): the
 * package manager of the nearest folder, from `cwd` upwards, that holds a lockfile.
 */
export function detectRunnerCommand(cwd: string, exists: (path: string) => boolean = existsSync): string {
  for (let folder = cwd; ; folder = dirname(folder)) {
    const found = runners.find(([lockfile]) => exists(join(folder, lockfile)));
    if (found) return found[1];
    if (dirname(folder) === folder) return defaultRunnerCommand;
  }
}

import { posix } from 'node:path';

/** A `//`, `/./` or `/../` segment, or a trailing `/`, `/.` or `/..`: what posix.normalize would change in an absolute path. */
const unnormalized = /\/\.{0,2}(?:\/|$)/;

/**
 * An absolute path as a repo-relative one ('' for the root itself), or undefined when it lies
 * outside the repository. TypeScript's file names are normalized already (thousands per
 * config), so the copy normalizing makes is skipped where nothing would change.
 */
export function toRepoRelative(root: string, absolutePath: string): string | undefined {
  const normalized = unnormalized.test(absolutePath) ? posix.normalize(absolutePath).replace(/\/$/, '') : absolutePath;
  if (normalized === root) return '';
  return normalized.startsWith(`${root}/`) ? normalized.slice(root.length + 1) : undefined;
}

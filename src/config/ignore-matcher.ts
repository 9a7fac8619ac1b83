import picomatch from 'picomatch';

/**
 * The `ignore` key as a predicate over repo-relative paths, matched like the other glob keys
 * (`tests`, `criticalPaths`): picomatch, dot folders included (`examples/*\/.svelte-kit/**`).
 */
export function createIgnoreMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  return picomatch([...globs], { dot: true });
}

/**
 * What the `*` of `pattern` stands for in `specifier`, as TypeScript matches a `paths` key or a
 * `declare module` name: one `*` at most, its prefix and suffix not overlapping. '' for a pattern
 * without `*` that equals the specifier; undefined when it does not match.
 */
export function starMatch(pattern: string, specifier: string): string | undefined {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === specifier ? '' : undefined;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  const fits = specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
  return fits ? specifier.slice(prefix.length, specifier.length - suffix.length) : undefined;
}

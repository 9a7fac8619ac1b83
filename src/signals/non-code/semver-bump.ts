/**
 * How far a dependency range moved, told from the lowest version each range names. Good
 * enough for a risk hint; exact range arithmetic would need a semver library for little gain.
 */

type Version = [number, number, number];

/** The first version a range names (`^18.2.0`, `>=1 <2`, `18.x`, `npm:pkg@^3`); null for tags, URLs, paths. */
function lowestVersion(range: string): Version | null {
  let spec = range.trim();
  // An alias (`npm:real-name@^3.0.0`) or workspace range carries its version after a prefix.
  if (spec.startsWith('npm:')) spec = spec.slice(spec.lastIndexOf('@') + 1);
  if (spec.startsWith('workspace:')) spec = spec.slice('workspace:'.length);
  const match = /^[\s=v^~<>]*(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?/.exec(spec);
  if (!match) return null;
  const part = (text: string | undefined): number => (text === undefined || !/^\d+$/.test(text) ? 0 : Number(text));
  return [part(match[1]), part(match[2]), part(match[3])];
}

function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The part of a version a caret range keeps fixed: below 1.0.0 a minor (or patch) bump is breaking too. */
function compatibilityLine(version: Version): string {
  if (version[0] > 0) return `${version[0]}`;
  return version[1] > 0 ? `0.${version[1]}` : `0.0.${version[2]}`;
}

/** Suffix for a changed range: ` (major)`, ` (downgrade)`, ` (major downgrade)` or '' (minor, patch, unknown). */
export function describeVersionChange(from: string, to: string): string {
  const before = lowestVersion(from);
  const after = lowestVersion(to);
  if (!before || !after) return '';
  const isBreaking = compatibilityLine(before) !== compatibilityLine(after);
  if (compareVersions(after, before) < 0) return isBreaking ? ' (major downgrade)' : ' (downgrade)';
  return isBreaking ? ' (major)' : '';
}

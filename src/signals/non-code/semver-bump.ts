import type * as Semver from 'semver';
import type { Range, SemVer } from 'semver';
import { lazyRequire } from '../../shared/lazy-require.js';

const semver = lazyRequire<typeof Semver>('semver');

/**
 * How a dependency range moved, with npm's own range semantics (the `semver` package).
 * Versions are grouped in compatibility lines, the unit a caret range stays within: the major
 * from 1.0.0 up, `0.minor` below it, `0.0.patch` below 0.1.0. A range "admits" a line when
 * some version of that line satisfies it.
 */

type Line = readonly [number, number, number];

/** The range part of a spec (`npm:real@^3`, `workspace:^1.2.0`); null for tags, URLs, paths and git specs. */
function toRange(spec: string): Range | null {
  let text = spec.trim();
  if (text.startsWith('npm:')) text = text.slice(text.lastIndexOf('@') + 1);
  if (text.startsWith('workspace:')) text = text.slice('workspace:'.length);
  if (text === '' || text === '^' || text === '~') return null;
  try {
    return new (semver().Range)(text);
  } catch {
    return null;
  }
}

function lineOf(version: SemVer): Line {
  if (version.major > 0) return [version.major, 0, 0];
  return version.minor > 0 ? [0, version.minor, 0] : [0, 0, version.patch];
}

/** The line after this one: 18 -> 19, 0.4 -> 0.5, 0.0.3 -> 0.0.4. */
function nextLine([major, minor, patch]: Line): Line {
  if (major > 0) return [major + 1, 0, 0];
  return minor > 0 ? [0, minor + 1, 0] : [0, 0, patch + 1];
}

function lineRange(line: Line): string {
  const [upperMajor, upperMinor, upperPatch] = nextLine(line);
  return `>=${line.join('.')}-0 <${upperMajor}.${upperMinor}.${upperPatch}-0`;
}

function compareLines(a: Line, b: Line): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Every line either range names, and the line above each: enough to find the highest line a range admits. */
function candidateLines(ranges: Range[]): Line[] {
  const lines = new Map<string, Line>();
  const add = (line: Line): void => void lines.set(line.join('.'), line);
  for (const range of ranges) {
    for (const comparators of range.set) {
      for (const comparator of comparators) {
        // `*` and `x` compare with ANY, which names no version.
        if (comparator.value === '') continue;
        const line = lineOf(comparator.semver);
        add(line);
        add(nextLine(line));
      }
    }
  }
  add([0, 0, 0]);
  return [...lines.values()].sort(compareLines);
}

function highestAdmitted(range: Range, candidates: Line[]): Line | undefined {
  return candidates.filter((line) => semver().intersects(range, lineRange(line), { includePrerelease: true })).at(-1);
}

/**
 * Suffix for a changed range: ` (major)` when the new range admits a higher line than the old
 * one did (widening `^18.0.0` to `^17 || ^18 || ^19` admits 19: major, not a downgrade);
 * ` (major downgrade)` when it no longer admits the old highest line; ` (downgrade)` when the
 * highest line stays but versions the old range required are given up for lower ones
 * (`^18.2.0` -> `~18.1.0`); '' otherwise, and for specs that are not ranges (tags, URLs).
 */
export function describeVersionChange(from: string, to: string): string {
  const before = toRange(from);
  const after = toRange(to);
  if (!before || !after) return '';
  const candidates = candidateLines([before, after]);
  const beforeTop = highestAdmitted(before, candidates);
  const afterTop = highestAdmitted(after, candidates);
  if (!beforeTop || !afterTop) return '';
  const order = compareLines(afterTop, beforeTop);
  if (order > 0) return ' (major)';
  if (order < 0) return ' (major downgrade)';
  const lowestBefore = semver().minVersion(before);
  const lowestAfter = semver().minVersion(after);
  const isLower = lowestBefore !== null && lowestAfter !== null && semver().lt(lowestAfter, lowestBefore);
  return isLower && !semver().subset(before, after) ? ' (downgrade)' : '';
}

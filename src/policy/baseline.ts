import { compareStrings } from '../shared/compare.js';
import { ConfigError } from '../shared/errors.js';
import { isRecord } from '../shared/value-guards.js';
import type { Unknown } from '../shared/types.js';

/**
 * Accepted findings of a legacy repository, written by `risk baseline`: unresolved imports and
 * untested files that exist today. A run leaves them out of its counts, so a team adopting
 * risk fails only on new ones. Line numbers are not recorded, so edits elsewhere in a file
 * keep its entries valid.
 */
export interface Baseline {
  version: 1;
  unknowns: { kind: string; file: string; specifier: string | null }[];
  untested: string[];
}

export function parseBaseline(text: string, source: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`baseline ${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 'regenerate it with `risk baseline`');
  }
  const problem = findBaselineProblem(raw);
  if (problem !== undefined) throw new ConfigError(`baseline ${source} is malformed: ${problem}`, 'regenerate it with `risk baseline`');
  return raw as Baseline;
}

/**
 * The first thing wrong with a parsed baseline, as `key.path: what`; undefined when it is one.
 * Checked by hand (no schema library to load on every run): exactly these keys, these types.
 */
function findBaselineProblem(raw: unknown): string | undefined {
  const extraKey = (value: Record<string, unknown>, keys: string[], path: string): string | undefined => {
    const extra = Object.keys(value).find((key) => !keys.includes(key));
    return extra === undefined ? undefined : `${path ? `${path}.` : ''}${extra}: unknown key`;
  };
  if (!isRecord(raw)) return '(root): expected an object';
  if (raw.version !== 1) return 'version: expected 1';
  if (!Array.isArray(raw.unknowns)) return 'unknowns: expected an array';
  for (const [index, entry] of raw.unknowns.entries()) {
    const path = `unknowns.${index}`;
    if (!isRecord(entry)) return `${path}: expected an object`;
    if (typeof entry.kind !== 'string') return `${path}.kind: expected a string`;
    if (typeof entry.file !== 'string') return `${path}.file: expected a string`;
    if (entry.specifier !== null && typeof entry.specifier !== 'string') return `${path}.specifier: expected a string or null`;
    const extra = extraKey(entry, ['kind', 'file', 'specifier'], path);
    if (extra !== undefined) return extra;
  }
  if (!Array.isArray(raw.untested)) return 'untested: expected an array';
  const badFile = raw.untested.findIndex((file) => typeof file !== 'string');
  if (badFile >= 0) return `untested.${badFile}: expected a string`;
  return extraKey(raw, ['version', 'unknowns', 'untested'], '');
}

const unknownKey = (unknown: { kind: string; file: string; specifier: string | null }): string => `${unknown.kind}\0${unknown.file}\0${unknown.specifier ?? ''}`;

/** Removes the accepted findings; returns what is left and how many were left out. */
export function applyBaseline(baseline: Baseline | null, unknowns: Unknown[], untested: string[]): { unknowns: Unknown[]; untested: string[]; suppressed: number } {
  if (baseline === null) return { unknowns, untested, suppressed: 0 };
  const acceptedUnknowns = new Set(baseline.unknowns.map(unknownKey));
  const acceptedUntested = new Set(baseline.untested);
  const keptUnknowns = unknowns.filter((unknown) => !acceptedUnknowns.has(unknownKey(unknown)));
  const keptUntested = untested.filter((file) => !acceptedUntested.has(file));
  return { unknowns: keptUnknowns, untested: keptUntested, suppressed: unknowns.length - keptUnknowns.length + untested.length - keptUntested.length };
}

/** The baseline file's text: sorted, no timestamps, so regenerating an unchanged repo changes nothing. */
export function formatBaseline(unknowns: Unknown[], untested: string[]): string {
  const entries = unknowns
    .map((unknown) => ({ kind: unknown.kind, file: unknown.file, specifier: unknown.specifier }))
    .sort((a, b) => compareStrings(a.file, b.file) || compareStrings(a.kind, b.kind) || compareStrings(a.specifier ?? '', b.specifier ?? ''));
  const baseline: Baseline = { version: 1, unknowns: entries, untested: [...new Set(untested)].sort(compareStrings) };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

import { z } from 'zod';
import { compareStrings } from '../shared/compare.js';
import { ConfigError } from '../shared/errors.js';
import type { Unknown } from '../shared/types.js';

/**
 * Accepted findings of a legacy repository, written by `risk baseline`: unresolved imports and
 * untested files that exist today. A run leaves them out of its counts, so a team adopting
 * risk fails only on new ones. Line numbers are not recorded, so edits elsewhere in a file
 * keep its entries valid.
 */
const baselineSchema = z.strictObject({
  version: z.literal(1),
  unknowns: z.array(z.strictObject({ kind: z.string(), file: z.string(), specifier: z.string().nullable() })),
  untested: z.array(z.string()),
});

export type Baseline = z.infer<typeof baselineSchema>;

export function parseBaseline(text: string, source: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`baseline ${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 'regenerate it with `risk baseline`');
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new ConfigError(`baseline ${source} is malformed: ${problem?.path.join('.') || '(root)'}: ${problem?.message ?? 'invalid'}`, 'regenerate it with `risk baseline`');
  }
  return parsed.data;
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

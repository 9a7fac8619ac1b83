import { compareStrings } from '../../shared/compare.js';
import type { Assessment } from './non-code-types.js';
import { describeVersionChange } from './semver-bump.js';

type Manifest = Record<string, unknown>;

interface DependencySection {
  /** Where the section lives in the manifest. */
  keys: string[];
  /** Singular name used in details (`added devDependency vitest ^4.0.0`). */
  label: string;
  /** Removing an entry of a real dependency section can break code; dropping an override cannot. */
  isInstalled: boolean;
}

const dependencySections: DependencySection[] = [
  { keys: ['dependencies'], label: 'dependency', isInstalled: true },
  { keys: ['devDependencies'], label: 'devDependency', isInstalled: true },
  { keys: ['peerDependencies'], label: 'peerDependency', isInstalled: true },
  { keys: ['optionalDependencies'], label: 'optionalDependency', isInstalled: true },
  { keys: ['overrides'], label: 'override', isInstalled: false },
  { keys: ['resolutions'], label: 'resolution', isInstalled: false },
  { keys: ['pnpm', 'overrides'], label: 'pnpm override', isInstalled: false },
];

/** Fields that decide how the package is built, resolved or run: a changed entry point is a build risk. */
const buildFields = [
  'scripts', 'exports', 'imports', 'main', 'module', 'types', 'typings', 'bin', 'browser',
  'type', 'sideEffects', 'files', 'engines', 'workspaces', 'packageManager',
];

/** What a package.json change means, per class; null where the change does not touch that class. */
export interface PackageJsonDiff {
  dependencies: Assessment | null;
  buildConfig: Assessment | null;
}

/** Detail for a manifest that is not a JSON object on one side. */
export const unparsablePackageJson = 'package.json could not be parsed; treated as a dependency change';

function parseManifest(text: string): Manifest | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function render(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Section entries as name -> range; nested npm overrides flatten to `parent > child` (`.` is the parent itself). */
function readSection(manifest: Manifest, keys: string[]): Map<string, string> {
  let value: unknown = manifest;
  for (const key of keys) value = isRecord(value) ? value[key] : undefined;
  const entries = new Map<string, string>();
  const walk = (record: Record<string, unknown>, prefix: string): void => {
    for (const [name, range] of Object.entries(record)) {
      if (!isRecord(range)) entries.set(prefix + name, render(range));
      else {
        if (range['.'] !== undefined) entries.set(prefix + name, render(range['.']));
        walk(Object.fromEntries(Object.entries(range).filter(([key]) => key !== '.')), `${prefix}${name} > `);
      }
    }
  };
  if (isRecord(value)) walk(value, '');
  return entries;
}

function sortedUnion(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compareStrings);
}

function diffDependencies(base: Manifest, head: Manifest): Assessment | null {
  const sides = dependencySections.map((section) => ({ section, before: readSection(base, section.keys), after: readSection(head, section.keys) }));
  const installed = sides.filter((side) => side.section.isInstalled);
  // A name that leaves one dependency section and enters another was moved, not removed.
  const movedTo = (name: string, from: DependencySection): DependencySection | undefined =>
    installed.find((side) => side.section !== from && side.after.has(name) && !side.before.has(name))?.section;
  const movedFrom = (name: string, to: DependencySection): (typeof sides)[number] | undefined =>
    installed.find((side) => side.section !== to && side.before.has(name) && !side.after.has(name));
  const details: string[] = [];
  let isDestructive = false;
  for (const { section, before, after } of sides) {
    for (const name of sortedUnion(before.keys(), after.keys())) {
      const from = before.get(name);
      const to = after.get(name);
      if (from === to) continue;
      if (to === undefined) {
        if (section.isInstalled && movedTo(name, section)) continue;
        details.push(`removed ${section.label} ${name}`);
        isDestructive ||= section.isInstalled;
      } else if (from === undefined) {
        const origin = section.isInstalled ? movedFrom(name, section) : undefined;
        const previous = origin?.before.get(name);
        if (origin && previous !== undefined) {
          const change = previous === to ? '' : ` (${previous} -> ${to}${describeVersionChange(previous, to)})`;
          details.push(`${name} moved from ${origin.section.keys.join('.')} to ${section.keys.join('.')}${change}`);
        } else details.push(`added ${section.label} ${name} ${to}`);
      } else {
        const prefix = section.label === 'dependency' ? '' : `${section.label} `;
        details.push(`${prefix}${name} ${from} -> ${to}${describeVersionChange(from, to)}`);
      }
    }
  }
  return details.length > 0 ? { isDestructive, details } : null;
}

function isScalar(value: unknown): boolean {
  return value === undefined || ['string', 'number', 'boolean'].includes(typeof value);
}

/** `main changed: a -> b`, `exports changed`; `showValues` is off for scripts, whose commands are long. */
function describeValueChange(name: string, before: unknown, after: unknown, showValues: boolean): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const verb = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
  if (!showValues || !isScalar(before) || !isScalar(after)) return [`${name} ${verb}`];
  if (before === undefined || after === undefined) return [`${name} ${verb}: ${render(before ?? after)}`];
  return [`${name} ${verb}: ${render(before)} -> ${render(after)}`];
}

/** Scripts and engines are reported entry by entry: `script build changed`, `engines.node changed: >=18 -> >=20`. */
function describeField(field: string, before: unknown, after: unknown): string[] {
  if (field !== 'scripts' && field !== 'engines') return describeValueChange(field, before, after, true);
  const from = isRecord(before) ? before : {};
  const to = isRecord(after) ? after : {};
  return sortedUnion(Object.keys(from), Object.keys(to)).flatMap((key) =>
    field === 'scripts' ? describeValueChange(`script ${key}`, from[key], to[key], false) : describeValueChange(`engines.${key}`, from[key], to[key], true),
  );
}

function diffBuildFields(base: Manifest, head: Manifest): Assessment | null {
  const details = buildFields.flatMap((field) => describeField(field, base[field], head[field]));
  return details.length > 0 ? { isDestructive: false, details } : null;
}

/**
 * Compares two package.json texts. Pass '{}' for a side where the file does not exist.
 * Changes outside dependency and build fields (description, keywords) yield nothing.
 */
export function diffPackageJson(baseText: string, headText: string): PackageJsonDiff {
  const base = parseManifest(baseText);
  const head = parseManifest(headText);
  if (!base || !head) return { dependencies: { isDestructive: false, details: [unparsablePackageJson] }, buildConfig: null };
  return { dependencies: diffDependencies(base, head), buildConfig: diffBuildFields(base, head) };
}

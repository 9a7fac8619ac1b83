import { signalNames, type SignalName } from '../config/signal-names.js';
import { countChangedExports, withoutListedMembers } from '../shared/changed-export-count.js';
import type { AffectedFile, ApiChange, ChangedFile, ChangedSymbol, CriticalHit, NonCodeChange, Provenance, Signal, Tier } from '../shared/types.js';

/** Everything the signals are measured from: the outputs of the earlier stages. */
export interface SignalInput {
  changedFiles: ChangedFile[];
  changedSymbols: ChangedSymbol[];
  affectedFiles: AffectedFile[];
  /** Exports that carry the change, beyond the changed symbols themselves. */
  affectedSymbols: number;
  /** Package folder of each changed or affected file ('' for the root). */
  packages: string[];
  unknowns: number;
  publicApi: ApiChange[];
  critical: CriticalHit[];
  criticalTier: Tier | 'none';
  untested: string[];
  affectedTests: number;
  nonCode: NonCodeChange[];
  provenance: Provenance;
  /** How many commits the provenance was read from (none for staged and working-tree runs). */
  commitCount: number;
  /** The agent making an uncommitted change (see AnalysisContext.agent), or null. */
  agent?: string | null | undefined;
  policyFiles: string[];
}

export type SignalValues = Record<SignalName, number | string | boolean>;

/** Measures every named signal; the explanation says what was counted, so no number stands alone. */
export function computeSignals(input: SignalInput): { values: SignalValues; signals: Signal[] } {
  const count = (cls: NonCodeChange['class']): NonCodeChange[] => input.nonCode.filter((change) => change.class === cls);
  const radius = Math.round(input.affectedFiles.reduce((sum, file) => sum + 1 / file.depth, 0) * 100) / 100;
  const breaking = input.publicApi.filter((change) => change.impact === 'breaking');
  const additive = input.publicApi.filter((change) => change.impact === 'additive');
  // A tool's config (vite.config.ts, tsup.config.ts) is read by the tool, not imported: its
  // default export is counted as a build-config change, not once more as a changed export (a
  // tooling migration of 76 packages was 158 "changed exports" and a FAIL).
  const buildConfigs = new Set(count('build-config').map((change) => change.file));
  const codeSymbols = input.changedSymbols.filter((symbol) => !buildConfigs.has(symbol.file));
  const configSymbols = countChangedExports(input.changedSymbols) - countChangedExports(codeSymbols);
  const destructive = input.nonCode.filter((change) => change.isDestructive);
  // Removing a dependency is recoverable by a revert; a destroyed resource or a dropped table is not.
  const destroysState = destructive.filter((change) => change.class === 'infrastructure' || change.class === 'migration');
  const broken = input.affectedFiles.filter((file) => file.isBroken);
  const contract = input.affectedFiles.filter((file) => file.impact === 'contract');
  const measured: Record<SignalName, [number | string | boolean, string]> = {
    changedFiles: [input.changedFiles.length, list(input.changedFiles.map((file) => file.path))],
    changedSymbols: [countChangedExports(codeSymbols), `${list(withoutListedMembers(codeSymbols).map((symbol) => `${symbol.file}#${symbol.name} (${symbol.change})`))}${configSymbols > 0 ? ` (not counted: ${configSymbols} export(s) of build configs, which buildConfigChanges counts)` : ''}`],
    affectedFiles: [input.affectedFiles.length, list(input.affectedFiles.map((file) => file.file))],
    contractAffectedFiles: [contract.length, contract.length === input.affectedFiles.length ? 'every affected file' : `${input.affectedFiles.length - contract.length} other affected file(s) see only body changes: ${list(contract.map((file) => file.file))}`],
    affectedPackages: [input.packages.length, list(input.packages.map((dir) => dir || '(root)'))],
    affectedSymbols: [input.affectedSymbols, 'exports of affected files that pass the change on'],
    maxDepth: [input.affectedFiles.reduce((max, file) => Math.max(max, file.depth), 0), 'hops in the longest shortest chain'],
    radius: [radius, depthBreakdown(input.affectedFiles)],
    unknowns: [input.unknowns, input.unknowns === 0 ? 'everything was resolved' : 'see the unknowns list'],
    brokenImports: [broken.length, list(broken.map((file) => file.file))],
    publicApiBreaking: [breaking.length, list(breaking.map(describeApi))],
    publicApiAdditive: [additive.length, list(additive.map(describeApi))],
    criticalFiles: [input.critical.length, list(input.critical.map((hit) => `${hit.file} (${hit.area}, ${hit.tier})`))],
    untestedFiles: [input.untested.length, list(input.untested)],
    affectedTests: [input.affectedTests, 'test files in the blast radius'],
    dependencyChanges: [count('dependencies').length, describeNonCode(count('dependencies'))],
    lockfileChanges: [count('lockfile').length, describeNonCode(count('lockfile'))],
    buildConfigChanges: [count('build-config').length, describeNonCode(count('build-config'))],
    envConfigChanges: [count('env-config').length, describeNonCode(count('env-config'))],
    migrationChanges: [count('migration').length, describeNonCode(count('migration'))],
    infrastructureChanges: [count('infrastructure').length, describeNonCode(count('infrastructure'))],
    destructiveChanges: [destructive.length, describeNonCode(destructive, destructiveDetail)],
    // Filled in by the policy stage when the config has a model (src/score/apply-score.ts).
    riskScore: [0, 'no model: run risk init or risk calibrate --model to fit one'],
    riskPercentile: [0, 'no model: run risk init or risk calibrate --model to fit one'],
    destructiveInfrastructure: [destroysState.length, describeNonCode(destroysState, destructiveDetail)],
    provenance: [input.provenance, input.agent ? `an uncommitted change made by an agent: ${input.agent}` : input.commitCount === 0 ? 'no commits to read (an empty range, or staged or working-tree changes): not declared' : `from the trailers and authors of ${input.commitCount} commit(s)`],
    criticalTier: [input.criticalTier, input.critical.length === 0 ? 'no file on a critical path' : `highest tier among ${input.critical.length} critical file(s)`],
    policyChanged: [input.policyFiles.length > 0, input.policyFiles.length === 0 ? 'the policy files are unchanged' : `changed: ${input.policyFiles.join(', ')}`],
  };
  const values = Object.fromEntries(signalNames.map((name) => [name, measured[name][0]])) as SignalValues;
  const signals = signalNames.map((name) => ({ name, value: measured[name][0], explanation: measured[name][1] }));
  return { values, signals };
}

function list(items: string[]): string {
  if (items.length === 0) return 'none';
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}

function depthBreakdown(files: AffectedFile[]): string {
  if (files.length === 0) return 'nothing affected';
  const byDepth = new Map<number, number>();
  for (const file of files) byDepth.set(file.depth, (byDepth.get(file.depth) ?? 0) + 1);
  return [...byDepth]
    .sort(([a], [b]) => a - b)
    .map(([depth, count]) => `${count} at depth ${depth} x ${depth === 1 ? '1' : `1/${depth}`}`)
    .join(' + ');
}

function describeApi(change: ApiChange): string {
  return `${change.package}${change.subpath === '.' ? '' : change.subpath.slice(1)} ${change.name} (${change.change})`;
}

/** The wording of details that remove something (package-json-diff, prisma-schema, infrastructure, migrations). */
const destructiveDetail = /\b(?:removed|remove|drops?|dropped|deleted|destroy\w*|truncate\w*)\b/i;

function describeNonCode(changes: NonCodeChange[], preferred?: RegExp): string {
  // "file added" says less than what the file does ("drops column orders.note"): name that;
  // for destructive changes, what it removes (not the version bump listed before it).
  const telling = (change: NonCodeChange): string | undefined =>
    (preferred === undefined ? undefined : change.details.find((detail) => preferred.test(detail))) ?? change.details.find((detail) => !/^file (added|modified|deleted|renamed)/.test(detail)) ?? change.details[0];
  return list(changes.map((change) => (telling(change) === undefined ? change.file : `${change.file}: ${telling(change) ?? ''}`)));
}

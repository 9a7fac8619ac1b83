/**
 * The named risk signals a rule can test. Each is computed on every run and explained in the
 * report (see src/signals/compute-signals.ts); the names are the config's vocabulary.
 */
export const numericSignals = {
  changedFiles: 'files the change touches',
  changedSymbols: 'exported symbols added, removed or modified',
  affectedFiles: 'files that use the change, directly or transitively',
  contractAffectedFiles: 'affected files reached by a removed export or a changed signature (the rest see only a behaviour change)',
  affectedPackages: 'workspace packages that hold a changed or affected file',
  affectedSymbols: 'exports of affected files that pass the change on',
  maxDepth: 'longest import chain from a changed symbol to an affected file',
  radius: 'depth-weighted blast radius: each affected file counts 1/depth, so direct users weigh most',
  unknowns: 'imports, files or expressions the analyzer could not decide',
  brokenImports: 'files that still import a removed export or a deleted file',
  publicApiBreaking: 'exports of package entry points removed or with a changed signature',
  publicApiAdditive: 'exports added to package entry points',
  criticalFiles: 'changed or affected files on a critical path',
  untestedFiles: 'changed or affected source files that no test file reaches through imports',
  affectedTests: 'test files in the blast radius',
  dependencyChanges: 'package.json files whose dependencies changed',
  lockfileChanges: 'changed lockfiles',
  buildConfigChanges: 'changed build, compiler or CI configuration files',
  envConfigChanges: 'changed environment or runtime configuration files',
  migrationChanges: 'changed database migrations',
  infrastructureChanges: 'changed infrastructure-as-code files',
  destructiveChanges: 'changes that remove or drop something: infra resources, tables, columns, dependencies',
  riskScore: 'probability (0-1) that the change is later fixed or reverted, by the model fitted on this repository (config `score`)',
  riskPercentile: 'share (0-100) of the commits the model was fitted on that scored at or below this change',
  destructiveInfrastructure: 'destructive changes to infrastructure or data: resources removed or recreated, infra files deleted, tables or columns dropped',
} as const;

/** Signals that only exist with a fitted model (config `score`); a rule on them without one is a config error. */
export const modelSignals = ['riskScore', 'riskPercentile'] as const;

export type NumericSignal = keyof typeof numericSignals;

export const provenanceStates = ['ai-assisted', 'human-declared', 'unknown'] as const;
export const tiers = ['low', 'medium', 'high', 'critical'] as const;
export type Tier = (typeof tiers)[number];

export const otherSignals = {
  provenance: 'who wrote the change: ai-assisted, human-declared, or unknown (no declaration)',
  criticalTier: 'the highest critical-path tier a changed or affected file is on (none, low, medium, high, critical)',
  policyChanged: 'the change edits the policy itself (the config file, the baseline or CODEOWNERS)',
} as const;

export type SignalName = NumericSignal | keyof typeof otherSignals;

/** Every signal name, in the order reports list them. */
export const signalNames = [...Object.keys(numericSignals), ...Object.keys(otherSignals)] as SignalName[];

/** Flags every pattern source is compiled with, built-in or configured; validate config with the same. */
export const provenancePatternFlags = 'i';

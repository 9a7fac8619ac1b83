import type { PolicyRule, RiskConfig, RiskConfigInput, ThresholdLevels } from './schema.js';

/**
 * Defaults for a repository without configuration: generous enough for everyday work,
 * tight enough that a change reaching a large part of the codebase is stopped for a look.
 * A changed contract (removed export, changed signature) reaching many files fails; a body
 * change reaching many files only warns: same contract, so a core module of a monorepo can
 * still be fixed without raising the limits to infinity.
 */
export const defaultThresholds = {
  maxAffectedFiles: { warn: 100, fail: undefined },
  maxContractAffectedFiles: { warn: 25, fail: 100 },
  maxChangedSymbols: { warn: 15, fail: 50 },
  maxDepth: { warn: 5, fail: undefined },
} satisfies Record<string, ThresholdLevels>;

/** Test file globs when the config names none: the conventions of vitest, jest, mocha and node:test. */
// `**/test.ts`: a test beside its module in its own folder (date-fns' `src/addDays/test.ts`);
// not `test.tsx`, which file-based routers use for a route named `test`.
export const defaultTestGlobs = ['**/*.{test,spec}.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', '**/{test,spec}.{ts,mts,cts,js,mjs,cjs}', '**/__tests__/**', 'test/**', 'tests/**'];

/** Rules when the config names none: things a reviewer should always hear about, as warnings. */
export const defaultRules: PolicyRule[] = [
  {
    id: 'breaking-public-api',
    description: 'A package entry point lost an export or an export changed its signature: dependents may break.',
    when: { signal: 'publicApiBreaking', gt: 0 },
    severity: 'warn',
    requireSignOff: false,
  },
  {
    id: 'destructive-change',
    description: 'The change removes infrastructure, drops data or removes a dependency.',
    when: { signal: 'destructiveChanges', gt: 0 },
    severity: 'warn',
    requireSignOff: false,
  },
  {
    id: 'destructive-infrastructure',
    description: 'The change deletes or recreates infrastructure or drops data (resources removed, infra files deleted, tables dropped): a senior signs off, whoever or whatever wrote it.',
    when: { signal: 'destructiveInfrastructure', gt: 0 },
    severity: 'fail',
    requireSignOff: true,
  },
];

/** 2 MiB: hand-written modules stay far below; generated bundles and tables go above. */
export const defaultMaxFileSize = 2 * 1024 * 1024;

type ThresholdInput = NonNullable<RiskConfigInput['thresholds']>['maxAffectedFiles'];

/** Fills in every default. A key set to null switches that threshold off. */
export function applyDefaults(input: RiskConfigInput, source: string | null): RiskConfig {
  const thresholds = input.thresholds ?? {};
  return {
    project: input.project,
    maxFileSize: input.maxFileSize ?? defaultMaxFileSize,
    thresholds: {
      maxAffectedFiles: toLevels(thresholds.maxAffectedFiles, defaultThresholds.maxAffectedFiles),
      maxContractAffectedFiles: toLevels(thresholds.maxContractAffectedFiles, defaultThresholds.maxContractAffectedFiles),
      maxChangedSymbols: toLevels(thresholds.maxChangedSymbols, defaultThresholds.maxChangedSymbols),
      maxDepth: toLevels(thresholds.maxDepth, defaultThresholds.maxDepth),
    },
    onUnknown: input.onUnknown ?? 'warn',
    onBrokenImport: input.onBrokenImport ?? 'fail',
    tests: input.tests ?? defaultTestGlobs,
    ignore: input.ignore ?? [],
    criticalPaths: input.criticalPaths ?? [],
    nonCode: {
      dependencies: input.nonCode?.dependencies ?? [],
      lockfile: input.nonCode?.lockfile ?? [],
      buildConfig: input.nonCode?.buildConfig ?? [],
      envConfig: input.nonCode?.envConfig ?? [],
      migration: input.nonCode?.migration ?? [],
      infrastructure: input.nonCode?.infrastructure ?? [],
    },
    provenance: { coAuthors: input.provenance?.coAuthors ?? [], authors: input.provenance?.authors ?? [], trailers: input.provenance?.trailers ?? [] },
    approvers: input.approvers ?? [],
    rules: input.rules === undefined ? defaultRules : input.rules.map((rule) => ({ ...rule, description: rule.description, requireSignOff: rule.requireSignOff ?? false })),
    codeowners: input.codeowners ?? null,
    baseline: input.baseline ?? '.risk-baseline.json',
    score: input.score ?? null,
    source,
  };
}

function toLevels(value: ThresholdInput, fallback: ThresholdLevels): ThresholdLevels {
  if (value === undefined) return fallback;
  if (value === null) return { warn: undefined, fail: undefined };
  if (typeof value === 'number') return { warn: undefined, fail: value };
  return { warn: value.warn, fail: value.fail };
}

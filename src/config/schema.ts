import { z } from 'zod';
import { approverSchema, criticalPathSchema, nonCodeSchema, provenanceSchema, ruleSchema, type ConditionInput } from './policy-schema.js';
import { modelSignals, type Tier } from './signal-names.js';
import { globSchema } from './glob-schema.js';
import { scoreSchema, type ScoreConfig } from './score-schema.js';

/**
 * A threshold: a plain number fails above it; an object can warn at one level and fail at another.
 * `null` turns the threshold off.
 */
const threshold = z
  .union([
    z.number().int().nonnegative(),
    z
      .strictObject({
        warn: z.number().int().nonnegative().optional().describe('Warn (exit 0) when the value is above this.'),
        fail: z.number().int().nonnegative().optional().describe('Fail (exit 1) when the value is above this.'),
      })
      .refine((levels) => levels.warn === undefined || levels.fail === undefined || levels.warn <= levels.fail, { message: '"warn" must not be above "fail"' }),
    z.null(),
  ], { error: 'expected a whole number, {"warn": n, "fail": m}, or null' })
  .optional();

const severity = z.enum(['warn', 'fail']);

/**
 * A repo-relative glob. Paths risk matches are relative (never absolute, never climbing out with
 * `../`), use `/`, and are files (a trailing `/` names none): such a glob would silently match nothing.
 */
const repoGlob = z
  .string()
  .min(1)
  .superRefine((glob, context) => {
    const problem = describeNeverMatching(glob);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  });

function describeNeverMatching(glob: string): string | null {
  if (glob.startsWith('/') || /^[A-Za-z]:[\\/]/.test(glob)) return `"${glob}" is absolute; write it relative to the repository root`;
  if (glob.split('/').includes('..')) return `"${glob}" climbs out with ../; write it relative to the repository root`;
  if (glob.endsWith('/')) return `"${glob}" ends with /, which no file does; write "${glob}**" for everything below it`;
  // A backslash escapes a glob character (\*); before a name character it is a Windows separator.
  if (/\\[\w.-]/.test(glob)) return `"${glob}" uses \\ as a separator; paths are matched with /`;
  return null;
}

/** The configuration file's shape; also the source of the JSON Schema in schema/riskrc.schema.json. */
export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editor completion. Ignored by risk.'),
    project: z
      .string()
      .optional()
      .describe('tsconfig used to resolve every file, relative to the repository root. Default: for each file, the tsconfig that owns it (the closest whose files/include/exclude select it, following extends and references; else the nearest one above it).'),
    maxFileSize: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Largest source file (UTF-8 bytes) that is parsed; a bigger one (typically generated) is an "oversized" unknown instead of minutes of parsing. Default: 2097152 (2 MiB).'),
    thresholds: z
      .strictObject({
        maxAffectedFiles: threshold.describe('Most files that may be affected (directly or transitively) by the change, whatever the kind of change (body-only changes included).'),
        maxContractAffectedFiles: threshold.describe('Most files that may be reached by a removed export or a changed signature (a broken or changed contract); body-only changes do not count here.'),
        maxChangedSymbols: threshold.describe('Most exported symbols the change may add, remove or modify.'),
        maxDepth: threshold.describe('Longest import chain from a changed symbol to an affected file.'),
      })
      .optional()
      .describe('Limits on the blast radius. A number fails above it; {"warn": n, "fail": m} sets both levels; null turns one off.'),
    onUnknown: severity
      .optional()
      .describe('What unresolved imports, unparsable files and computed import() do to the verdict. Never silent: "warn" or "fail". Default: "warn".'),
    onBrokenImport: severity
      .optional()
      .describe('What a file that still imports a removed export or deleted file does to the verdict. Default: "fail".'),
    tests: z
      .array(globSchema)
      .optional()
      .describe(
        'Globs (picomatch, repo-relative) of test files; those in the blast radius are listed as affected tests. Default: **/*.{test,spec}.*, **/{test,spec}.{ts,js,...}, **/__tests__/**, test/**, tests/**.',
      ),
    ignore: z
      .array(repoGlob)
      .optional()
      .describe(
        'Globs (picomatch, repo-relative) of files and tsconfigs risk treats as outside the analysed tree: not read or parsed, never reported as unknown (an import into one still resolves). A changed file that matches is listed as ignored, never dropped in silence. Default: none (git-ignored files are not in the analysed commits anyway).',
      ),
    criticalPaths: z
      .array(criticalPathSchema)
      .optional()
      .describe('Areas whose files raise the criticalTier signal when changed or affected; a file in several areas takes the highest tier.'),
    nonCode: nonCodeSchema.optional(),
    provenance: provenanceSchema.optional(),
    approvers: z
      .array(approverSchema)
      .optional()
      .describe('Who may sign off a change (`risk approve`), by signing key. Read from the base commit in CI and hook runs, so a change cannot add its own approver.'),
    rules: z
      .array(ruleSchema)
      .optional()
      .describe('Rules that combine risk signals. Default: warn on breaking public API changes and on destructive changes, and fail without a senior sign-off when infrastructure is deleted or recreated or data is dropped (destructive-infrastructure). A change to the policy itself always needs sign-off.'),
    codeowners: z
      .union([z.string().min(1), z.literal(false)])
      .optional()
      .describe('CODEOWNERS file to read (repo-relative), or false to skip owners. Default: the first of .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS, .gitlab/CODEOWNERS.'),
    baseline: z
      .string()
      .min(1)
      .optional()
      .describe('Baseline file written by `risk baseline` (repo-relative). Findings recorded there do not count. Default: .risk-baseline.json.'),
    score: scoreSchema.optional(),
  })
  .superRefine((value, context) => {
    if (value.score !== undefined) return;
    for (const [index, rule] of (value.rules ?? []).entries()) {
      const signal = findModelSignal(rule.when);
      if (signal !== undefined) context.addIssue({ code: 'custom', path: ['rules', index, 'when'], message: `signal "${signal}" needs a fitted model in "score" (run risk init --force, or risk calibrate --model)` });
    }
  })
  .describe('Configuration of risk, the pre-merge blast-radius analyzer.');

function findModelSignal(condition: ConditionInput): string | undefined {
  if (condition.signal !== undefined && (modelSignals as readonly string[]).includes(condition.signal)) return condition.signal;
  for (const inner of [...(condition.all ?? []), ...(condition.any ?? []), ...(condition.not === undefined ? [] : [condition.not])]) {
    const found = findModelSignal(inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The configuration as written by the user (every key optional). */
export type RiskConfigInput = z.input<typeof configSchema>;

/** A threshold after defaults: the levels that apply, undefined when off. */
export interface ThresholdLevels {
  warn: number | undefined;
  fail: number | undefined;
}

/** The configuration with every default applied; what the policy stage reads. */
export interface RiskConfig {
  project: string | undefined;
  /** Largest source file parsed, in UTF-8 bytes; bigger ones are `oversized` unknowns. */
  maxFileSize: number;
  thresholds: {
    maxAffectedFiles: ThresholdLevels;
    maxContractAffectedFiles: ThresholdLevels;
    maxChangedSymbols: ThresholdLevels;
    maxDepth: ThresholdLevels;
  };
  onUnknown: 'warn' | 'fail';
  onBrokenImport: 'warn' | 'fail';
  tests: string[];
  /** Globs of files outside the analysed tree. */
  ignore: string[];
  criticalPaths: { name: string; globs: string[]; tier: Tier }[];
  nonCode: Record<'dependencies' | 'lockfile' | 'buildConfig' | 'envConfig' | 'migration' | 'infrastructure', string[]>;
  provenance: { coAuthors: string[]; authors: string[]; trailers: string[] };
  approvers: { name: string; sshKey?: string | undefined; gpgFingerprint?: string | undefined }[];
  rules: PolicyRule[];
  /** CODEOWNERS path, null to find it in the usual places, false to skip owners. */
  codeowners: string | null | false;
  baseline: string;
  /** The fitted risk model, or null: then riskScore and riskPercentile are not computed. */
  score: ScoreConfig | null;
  /** Where the configuration came from (a path), or null for defaults. */
  source: string | null;
}

/** A rule after defaults. */
export interface PolicyRule {
  id: string;
  description: string | undefined;
  when: ConditionInput;
  severity: 'warn' | 'fail';
  requireSignOff: boolean;
}

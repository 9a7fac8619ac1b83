import { z } from 'zod';
import { numericSignals, otherSignals, provenanceStates, signalNames, tiers, type NumericSignal, type SignalName, type Tier } from './signal-names.js';
import { globSchema } from './glob-schema.js';
import { provenancePatternFlags } from './signal-names.js';

/** A test on the risk signals, as written in the config. */
export interface ConditionInput {
  all?: ConditionInput[] | undefined;
  any?: ConditionInput[] | undefined;
  not?: ConditionInput | undefined;
  signal?: NumericSignal | keyof typeof otherSignals | undefined;
  gt?: number | undefined;
  gte?: number | undefined;
  lt?: number | undefined;
  lte?: number | undefined;
  eq?: number | boolean | string | undefined;
  in?: string[] | undefined;
  atLeast?: Tier | undefined;
}

const comparisons = ['gt', 'gte', 'lt', 'lte'] as const;

export const condition: z.ZodType<ConditionInput, ConditionInput> = z.lazy(() =>
  z
    .strictObject({
      all: z.array(condition).min(1).optional().describe('True when every condition in the list is true.'),
      any: z.array(condition).min(1).optional().describe('True when at least one condition in the list is true.'),
      not: condition.optional().describe('True when the condition is false.'),
      signal: z.enum(signalNames as [SignalName, ...SignalName[]]).optional().describe(`The signal to test: ${describeSignals()}.`),
      gt: z.number().optional().describe('Numeric signal: true when the value is greater than this.'),
      gte: z.number().optional().describe('Numeric signal: true when the value is at least this.'),
      lt: z.number().optional().describe('Numeric signal: true when the value is less than this.'),
      lte: z.number().optional().describe('Numeric signal: true when the value is at most this.'),
      eq: z.union([z.number(), z.boolean(), z.string()]).optional().describe('True when the value equals this (policyChanged: true/false; provenance: a state).'),
      in: z.array(z.enum(provenanceStates)).min(1).optional().describe('provenance: true when the state is one of these.'),
      atLeast: z.enum(tiers).optional().describe('criticalTier: true when the highest tier reached is this one or higher.'),
    })
    .superRefine(checkConditionShape)
    .describe('A test on the risk signals: {"signal": name, operator: value}, or {"all": [...]}, {"any": [...]}, {"not": {...}}.'),
);

function describeSignals(): string {
  return Object.entries({ ...numericSignals, ...otherSignals })
    .map(([name, meaning]) => `${name} (${meaning})`)
    .join('; ');
}

/** One shape per condition, and operators that fit the signal's type; the messages name the fix. */
function checkConditionShape(value: ConditionInput, context: z.RefinementCtx): void {
  const kinds = (['all', 'any', 'not', 'signal'] as const).filter((key) => value[key] !== undefined);
  if (kinds.length !== 1) {
    context.addIssue({ code: 'custom', message: 'a condition has exactly one of "signal", "all", "any" or "not"' });
    return;
  }
  const operators = [...comparisons, 'eq', 'in', 'atLeast'].filter((key) => value[key as keyof ConditionInput] !== undefined);
  if (value.signal === undefined) {
    if (operators.length > 0) context.addIssue({ code: 'custom', message: `"${operators[0]}" needs a "signal" beside it` });
    return;
  }
  if (operators.length === 0) {
    context.addIssue({ code: 'custom', message: `signal "${value.signal}" needs an operator (gt, gte, lt, lte, eq, in or atLeast)` });
    return;
  }
  const allowed = operatorsFor(value.signal);
  for (const operator of operators) {
    if (!allowed.includes(operator)) context.addIssue({ code: 'custom', message: `"${operator}" does not apply to signal "${value.signal}" (use ${allowed.join(', ')})` });
  }
  if (value.eq !== undefined && allowed.includes('eq')) {
    const expected = value.signal === 'policyChanged' ? 'boolean' : value.signal === 'provenance' ? 'string' : 'number';
    if (typeof value.eq !== expected) context.addIssue({ code: 'custom', message: `"eq" for signal "${value.signal}" must be a ${expected}` });
    if (value.signal === 'provenance' && !(provenanceStates as readonly unknown[]).includes(value.eq)) {
      context.addIssue({ code: 'custom', message: `"eq" for provenance must be one of ${provenanceStates.join(', ')}` });
    }
  }
}

function operatorsFor(signal: string): string[] {
  if (signal === 'provenance') return ['eq', 'in'];
  if (signal === 'criticalTier') return ['atLeast'];
  if (signal === 'policyChanged') return ['eq'];
  return [...comparisons, 'eq'];
}

export const ruleSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes')
    .describe('Stable id of the rule, shown in reports and used by the baseline (lowercase, digits, dashes).'),
  description: z.string().optional().describe('Why the rule exists, in words; shown when it fires.'),
  when: condition.describe('When the rule fires.'),
  severity: z.enum(['warn', 'fail']).describe('"warn" reports and exits 0; "fail" exits 1.'),
  requireSignOff: z
    .boolean()
    .optional()
    .describe('When true the rule is satisfied by a valid signed approval of the head commit from one of `approvers` (see `risk approve`); without one it fires with its severity.'),
});

export const approverSchema = z
  .strictObject({
    name: z.string().min(1).regex(/^[^\s,"]+$/, 'no spaces, commas or quotes (it is an SSH principal)').describe('Who the approver is (e.g. an email); shown in reports.'),
    sshKey: z
      .string()
      .regex(/^(ssh-|ecdsa-|sk-)\S+ \S+/, 'expected an SSH public key line such as "ssh-ed25519 AAAA... comment"')
      .optional()
      .describe('The approver\'s SSH signing public key, as in ~/.ssh/id_ed25519.pub.'),
    gpgFingerprint: z
      .string()
      .transform((value) => value.replace(/\s+/g, '').toUpperCase())
      .pipe(z.string().regex(/^[0-9A-F]{40}([0-9A-F]{24})?$/, 'expected a full GPG key fingerprint (40 hex digits)'))
      .optional()
      .describe('The approver\'s GPG primary key fingerprint (the key must be in the verifying machine\'s keyring).'),
  })
  .refine((value) => value.sshKey !== undefined || value.gpgFingerprint !== undefined, { message: 'an approver needs "sshKey" or "gpgFingerprint"' });

export const criticalPathSchema = z.strictObject({
  name: z.string().min(1).describe('Name of the area, shown in reports (e.g. "checkout").'),
  globs: z.array(globSchema).min(1).describe('Repo-relative globs (picomatch) of the area\'s files.'),
  tier: z.enum(tiers).describe('How critical the area is: low, medium, high or critical.'),
});

const globList = z.array(globSchema).optional();

export const nonCodeSchema = z
  .strictObject({
    dependencies: globList.describe('Extra globs of dependency manifests (package.json files are always included).'),
    lockfile: globList.describe('Extra globs of lockfiles.'),
    buildConfig: globList.describe('Extra globs of build/compiler/CI configuration.'),
    envConfig: globList.describe('Extra globs of environment/runtime configuration.'),
    migration: globList.describe('Extra globs of database migrations.'),
    infrastructure: globList.describe('Extra globs of infrastructure-as-code files.'),
  })
  .describe('Globs added to the built-in classes of non-code changes.');

export const provenanceSchema = z
  .strictObject({
    coAuthors: z.array(z.string().min(1)).optional().describe('Extra regular expressions (case-insensitive) for "Name <email>" of Co-authored-by trailers that mean an AI assistant.'),
    authors: z.array(z.string().min(1)).optional().describe('Extra regular expressions (case-insensitive) for "Name <email>" of commit authors/committers that are AI agents or bots.'),
    trailers: z.array(z.string().min(1)).optional().describe('Extra trailer keys whose presence marks a commit as AI-assisted (e.g. "X-Agent").'),
  })
  .superRefine((value, context) => {
    for (const key of ['coAuthors', 'authors'] as const) {
      for (const [index, source] of (value[key] ?? []).entries()) {
        try {
          new RegExp(source, provenancePatternFlags);
        } catch {
          context.addIssue({ code: 'custom', path: [key, index], message: `not a valid regular expression: ${source}` });
        }
      }
    }
  })
  .describe('How AI-assisted commits are recognised, beyond the built-in assistants, agents and trailers.');

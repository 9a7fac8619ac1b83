import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse-config.js';
import { ConfigError } from '../src/shared/errors.js';
import { decideVerdict, findViolations } from '../src/policy/evaluate.js';
import { evaluateCondition } from '../src/policy/rules.js';
import type { SignalValues } from '../src/signals/compute-signals.js';
import { findCriticalHits, highestTier } from '../src/signals/critical-paths.js';

const quiet: SignalValues = {
  changedFiles: 1, changedSymbols: 1, affectedFiles: 0, contractAffectedFiles: 0, affectedPackages: 1, affectedSymbols: 0, maxDepth: 0, radius: 0, unknowns: 0,
  brokenImports: 0, publicApiBreaking: 0, publicApiAdditive: 0, criticalFiles: 0, untestedFiles: 0, affectedTests: 0, dependencyChanges: 0,
  lockfileChanges: 0, buildConfigChanges: 0, envConfigChanges: 0, migrationChanges: 0, infrastructureChanges: 0, destructiveChanges: 0, destructiveInfrastructure: 0,
  riskScore: 0, riskPercentile: 0, provenance: 'unknown', criticalTier: 'none', policyChanged: false,
};

const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFixtureKeyFixtureKeyFixtureKeyFixtureKey00 senior';
const aiOnCritical = {
  id: 'ai-critical',
  when: { all: [{ signal: 'provenance', eq: 'ai-assisted' }, { any: [{ signal: 'criticalTier', atLeast: 'critical' }, { signal: 'radius', gt: 20 }] }] },
  severity: 'fail',
  requireSignOff: true,
};

describe('rule conditions', () => {
  it('combines signals with all / any / not and explains what held', () => {
    const when = aiOnCritical.when as Parameters<typeof evaluateCondition>[0];
    expect(evaluateCondition(when, { ...quiet, provenance: 'ai-assisted', radius: 20 }).holds).toBe(false);
    const result = evaluateCondition(when, { ...quiet, provenance: 'ai-assisted', radius: 20.5 });
    expect(result).toEqual({ holds: true, because: ['provenance = ai-assisted (provenance = ai-assisted)', 'radius = 20.5 (radius > 20)'] });
    expect(evaluateCondition(when, { ...quiet, provenance: 'human-declared', criticalTier: 'critical' }).holds).toBe(false);
    expect(evaluateCondition({ not: { signal: 'provenance', eq: 'human-declared' } }, quiet).holds).toBe(true);
  });

  it('compares tiers by rank, and "none" is below every tier', () => {
    expect(evaluateCondition({ signal: 'criticalTier', atLeast: 'high' }, { ...quiet, criticalTier: 'critical' }).holds).toBe(true);
    expect(evaluateCondition({ signal: 'criticalTier', atLeast: 'high' }, { ...quiet, criticalTier: 'medium' }).holds).toBe(false);
    expect(evaluateCondition({ signal: 'criticalTier', atLeast: 'low' }, quiet).holds).toBe(false);
  });

  it('applies numeric bounds together (gte and lt make a band)', () => {
    const band = { signal: 'affectedFiles' as const, gte: 5, lt: 10 };
    expect([4, 5, 9, 10].map((affectedFiles) => evaluateCondition(band, { ...quiet, affectedFiles }).holds)).toEqual([false, true, true, false]);
  });
});

describe('rule config', () => {
  it('parses a rule and keeps its sign-off flag', () => {
    const config = parseConfig({ approvers: [{ name: 'senior@shop.test', sshKey: key }], rules: [aiOnCritical] }, '.riskrc.json');
    expect(config.rules).toEqual([{ ...aiOnCritical, description: undefined }]);
  });

  it('names the key path of a malformed condition, an operator that does not fit, and an unknown signal', () => {
    const attempt = (): unknown =>
      parseConfig(
        {
          rules: [
            { id: 'a', when: { signal: 'radius', atLeast: 'high' }, severity: 'warn' },
            { id: 'b', when: { all: [{ signal: 'blastiness', gt: 1 }] }, severity: 'warn' },
            { id: 'c', when: { signal: 'radius', gt: 1, any: [] }, severity: 'warn' },
          ],
        },
        '.riskrc.json',
      );
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/rules\.0\.when: "atLeast" does not apply to signal "radius"/);
    expect(attempt).toThrow(/rules\.1\.when\.all\.0\.signal: /);
    expect(attempt).toThrow(/rules\.2\.when/);
  });

  it('refuses requireSignOff without approvers, duplicate rule ids, and a malformed key', () => {
    expect(() => parseConfig({ rules: [aiOnCritical] }, '.riskrc.json')).toThrow(/rules\.0\.requireSignOff: sign-off is required, but no approvers are listed/);
    expect(() => parseConfig({ thresholds: { maxAffectedFiles: { warn: 10, fail: 5 } } }, '.riskrc.json')).toThrow(/"warn" must not be above "fail"/);
    const twice = { id: 'x', when: { signal: 'radius', gt: 1 }, severity: 'warn' };
    expect(() => parseConfig({ rules: [twice, twice] }, '.riskrc.json')).toThrow(/the id "x" is used twice/);
    expect(() => parseConfig({ approvers: [{ name: 'a', sshKey: 'not a key' }] }, '.riskrc.json')).toThrow(/approvers\.0\.sshKey: expected an SSH public key/);
    expect(() => parseConfig({ approvers: [{ name: 'a' }] }, '.riskrc.json')).toThrow(/needs "sshKey" or "gpgFingerprint"/);
  });

  it('refuses a provenance pattern that is not a regular expression', () => {
    expect(() => parseConfig({ provenance: { authors: ['(unclosed'] } }, '.riskrc.json')).toThrow(/provenance\.authors\.0: not a valid regular expression/);
  });
});

describe('policy verdict', () => {
  const config = parseConfig({ approvers: [{ name: 'senior@shop.test', sshKey: key }], rules: [aiOnCritical] }, '.riskrc.json');
  const risky = { ...quiet, provenance: 'ai-assisted', criticalTier: 'critical' } as SignalValues;
  const head = 'a'.repeat(40);

  it('fails a rule that needs sign-off when no approval exists, and says how to get one', () => {
    const result = decideVerdict(findViolations(risky, config), { approvedBy: [], approvals: [], headSha: head, approvers: ['senior@shop.test'] });
    expect(result.verdict).toBe('fail');
    expect(result.decidedBy).toMatch(/^rules\.ai-critical: .*needs a signed approval of aaaaaaaaaaaa by one of senior@shop\.test \(`risk approve aaaaaaaaaaaa`/);
  });

  it('says how to name an approver when the policy names none, instead of "by one of" nobody', () => {
    const result = decideVerdict(findViolations(risky, config), { approvedBy: [], approvals: [], headSha: head, approvers: [] });
    expect(result.verdict).toBe('fail');
    expect(result.decidedBy).toMatch(/needs a signed approval of aaaaaaaaaaaa, and the policy names no approver: list the seniors .* under `approvers` in the config, then `risk approve aaaaaaaaaaaa`$/);
    expect(result.decidedBy).not.toMatch(/by one of/);
  });

  it('a warn rule that asks for sign-off stays a warning without one, and says what is missing', () => {
    const warnOnly = parseConfig({ approvers: [{ name: 'senior@shop.test', sshKey: key }], rules: [{ ...aiOnCritical, severity: 'warn' }] }, '.riskrc.json');
    const result = decideVerdict(findViolations(risky, warnOnly), { approvedBy: [], approvals: [], headSha: head, approvers: ['senior@shop.test'] });
    expect(result.verdict).toBe('warn');
    expect(result.violations[0]?.message).toMatch(/needs a signed approval/);
  });

  it('a valid approval turns the rule into a warning that names the approver', () => {
    const result = decideVerdict(findViolations(risky, config), { approvedBy: ['senior@shop.test'], approvals: [], headSha: head, approvers: ['senior@shop.test'] });
    expect(result.verdict).toBe('warn');
    expect(result.violations[0]?.message).toMatch(/signed off by senior@shop\.test$/);
  });

  it('an edit of the policy needs sign-off when the base policy has approvers, and is a warning when nobody could sign', () => {
    const edited = { ...quiet, policyChanged: true };
    expect(findViolations(edited, config).find((violation) => violation.rule === 'policy-change')).toMatchObject({ severity: 'fail', needsSignOff: true });
    expect(findViolations(edited, parseConfig({}, '.riskrc.json')).find((violation) => violation.rule === 'policy-change')).toMatchObject({ severity: 'warn', needsSignOff: false });
  });

  it('the default rules warn on breaking public API and on destructive changes', () => {
    const defaults = parseConfig({}, '.riskrc.json');
    const rules = findViolations({ ...quiet, publicApiBreaking: 2, destructiveChanges: 1 }, defaults).map((violation) => `${violation.rule} ${violation.severity}`);
    expect(rules).toEqual(['rules.breaking-public-api warn', 'rules.destructive-change warn']);
  });

  it('the default rules require sign-off for destroyed infrastructure or data, whatever the provenance', () => {
    const defaults = parseConfig({}, '.riskrc.json');
    for (const provenance of ['human-declared', 'unknown', 'ai-assisted']) {
      const fired = findViolations({ ...quiet, destructiveChanges: 1, destructiveInfrastructure: 1, provenance }, defaults).find((violation) => violation.rule === 'rules.destructive-infrastructure');
      expect(fired).toMatchObject({ severity: 'fail', needsSignOff: true });
    }
    // A removed dependency alone is destructive but revertible: still only the warning.
    expect(findViolations({ ...quiet, destructiveChanges: 1 }, defaults).map((violation) => violation.rule)).toEqual(['rules.destructive-change']);
  });
});

describe('critical paths', () => {
  it('gives each file its highest tier and the highest tier overall', () => {
    const hits = findCriticalHits(['src/checkout/pay.ts'], ['src/checkout/ui/button.ts', 'src/blog/post.ts'], [
      { name: 'frontend', globs: ['src/**/ui/**'], tier: 'medium' },
      { name: 'checkout', globs: ['src/checkout/**'], tier: 'critical' },
    ]);
    expect(hits).toEqual([
      { file: 'src/checkout/pay.ts', area: 'checkout', tier: 'critical', isChanged: true },
      { file: 'src/checkout/ui/button.ts', area: 'checkout', tier: 'critical', isChanged: false },
    ]);
    expect(highestTier(hits)).toBe('critical');
    expect(highestTier([])).toBe('none');
  });
});

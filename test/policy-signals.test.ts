import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RiskReport } from '../src/shared/types.js';
import { createFixtureRepo, type FixtureRepo } from './helpers/fixture-repo.js';
import { runRisk } from './helpers/risk-binary.js';

/**
 * fixtures/policy-signals: an AI-co-authored change that breaks `price` (re-exported by the
 * package entry), changes `formatMoney`'s body, removes a Terraform resource, drops a column and
 * adds a dependency. Every signal is checked through the built binary's JSON report.
 */
describe('policy signals (fixtures/policy-signals)', () => {
  let repo: FixtureRepo;
  let report: RiskReport;
  let status: number | null;

  beforeAll(() => {
    repo = createFixtureRepo('policy-signals');
    const result = runRisk(repo.dir, ['--base', 'main', '--format', 'json']);
    status = result.status;
    report = JSON.parse(result.stdout) as RiskReport;
  });
  afterAll(() => repo.cleanup());

  const signal = (name: string): unknown => report.signals.find((entry) => entry.name === name)?.value;

  it('classifies public API changes at the package entry point', () => {
    expect(report.publicApi.map((change) => `${change.package} ${change.name} ${change.change} ${change.impact}`)).toEqual([
      '@shop/core formatMoney body internal',
      '@shop/core price signature breaking',
    ]);
    expect(signal('publicApiBreaking')).toBe(1);
    expect(signal('publicApiAdditive')).toBe(0);
  });

  it('measures the blast radius with nearer dependents weighing more', () => {
    expect(report.affectedFiles.map((file) => `${file.file}@${file.depth}`).sort()).toEqual(['src/checkout/cart.ts@1', 'src/index.ts@1', 'src/report/summary.ts@1', 'test/cart.test.ts@2']);
    expect(signal('radius')).toBe(3.5);
    expect(signal('affectedPackages')).toBe(1);
  });

  it('puts the affected checkout file on the critical path', () => {
    expect(report.critical).toEqual([{ file: 'src/checkout/cart.ts', area: 'checkout', tier: 'critical', isChanged: false }]);
    expect(signal('criticalTier')).toBe('critical');
  });

  it('lists affected code that no test reaches, but not code a test imports', () => {
    expect(report.untested).toEqual(['src/index.ts', 'src/money.ts', 'src/report/summary.ts']);
  });

  it('classifies the non-code changes, with the removed resource and the dropped column as destructive', () => {
    const byFile = Object.fromEntries(report.nonCode.map((change) => [`${change.file} ${change.class}`, change]));
    expect(byFile['infra/main.tf infrastructure']).toMatchObject({ isDestructive: true });
    expect(byFile['infra/main.tf infrastructure']?.details.join(' ')).toMatch(/aws_db_instance\.orders/);
    expect(byFile['db/migrations/002_drop_note.sql migration']).toMatchObject({ isDestructive: true });
    expect(byFile['package.json dependencies']?.details.join(' ')).toMatch(/left-pad/);
    expect(signal('destructiveChanges')).toBe(2);
  });

  it('detects the AI co-author trailer', () => {
    expect(report.provenance.state).toBe('ai-assisted');
    expect(report.provenance.commits[0]?.evidence.join(' ')).toMatch(/Co-authored-by: Claude <noreply@anthropic\.com>/i);
  });

  it('names the owners of affected files as reviewers, not only of changed ones', () => {
    const owners = Object.fromEntries(report.owners.reviews.map((review) => [review.owner, review.files]));
    expect(owners['@shop/checkout-seniors']).toEqual(['src/checkout/cart.ts']);
    expect(owners['@shop/pricing']).toEqual(['src/pricing/price.ts']);
    expect(owners['@shop/platform']).toEqual(['infra/main.tf']);
    expect(report.owners.source).toBe('.github/CODEOWNERS');
  });

  it('fails on the configured rules and says sign-off is missing', () => {
    expect(status).toBe(1);
    const rules = report.violations.map((violation) => `${violation.rule} ${violation.severity}`);
    expect(rules).toEqual(expect.arrayContaining(['rules.ai-on-critical-path fail', 'rules.destructive fail', 'rules.untested warn']));
    expect(report.signOff.requiredBy).toEqual(['rules.ai-on-critical-path']);
    expect(report.signOff.approvedBy).toEqual([]);
    expect(report.violations.find((violation) => violation.rule === 'rules.ai-on-critical-path')?.message).toMatch(/needs a signed approval of [0-9a-f]{12} by one of senior@shop\.test.*none found/);
  });

  it('explains every signal in the verbose text report', () => {
    const text = runRisk(repo.dir, ['--base', 'main', '--verbose']).stdout;
    expect(text).toMatch(/radius = 3\.5 {2}3 at depth 1 x 1 \+ 1 at depth 2 x 1\/2/);
    expect(text).toMatch(/breaking +@shop\/core price \(signature, from src\/pricing\/price\.ts#price\)/);
    expect(text).toMatch(/Provenance: ai-assisted/);
    expect(text).toMatch(/Required reviewers \(4, from \.github\/CODEOWNERS\)/);
    expect(text).toMatch(/policy: \.riskrc\.json \(from the working tree\)/);
  });
});

import type { AffectedFile, RiskReport } from '../../src/shared/types.js';

/**
 * A small but complete RiskReport for formatter tests: 2 changed symbols (a body change and a
 * removal), 4 affected files over depths 1-3 (one broken, one types-only), one unknown, one affected test, one
 * failing and one warning violation. Override any top-level field.
 */
export function sampleReport(overrides: Partial<RiskReport> = {}): RiskReport {
  return {
    version: 1,
    mode: 'range',
    base: { ref: 'main', sha: '87e74364a5c0ffee87e74364a5c0ffee87e74364' },
    head: { ref: 'HEAD', sha: '1234567890abcdef1234567890abcdef12345678' },
    tsconfigs: ['tsconfig.json'],
    config: '.riskrc.json',
    changedFiles: [
      { path: 'src/lib/math.ts', oldPath: 'src/lib/math.ts', status: 'modified', oldRanges: [{ start: 3, count: 1 }], newRanges: [{ start: 3, count: 1 }], isBinary: false },
      { path: 'src/lib/util.ts', oldPath: 'src/lib/util.ts', status: 'modified', oldRanges: [{ start: 10, count: 3 }], newRanges: [{ start: 10, count: 0 }], isBinary: false },
    ],
    changedSymbols: [
      { file: 'src/lib/math.ts', name: 'double', kind: 'function', change: 'body', reason: 'uses changed `rate`', line: 3 },
      { file: 'src/lib/util.ts', name: 'oldHelper', kind: 'function', change: 'removed', reason: 'export removed', line: 10 },
    ],
    affectedFiles: [
      affected('src/consumer.ts', 1, [['src/lib/util.ts', 'oldHelper'], ['src/consumer.ts', 'run']], { isBroken: true, exports: ['run'] }),
      affected('src/lib/index.ts', 1, [['src/lib/math.ts', 'double'], ['src/lib/index.ts', 'double']], { exports: ['double'] }),
      affected('src/app.ts', 2, [['src/lib/math.ts', 'double'], ['src/lib/index.ts', 'double'], ['src/app.ts', 'main']], { exports: ['main'] }),
      affected('src/leaf.ts', 3, [['src/lib/math.ts', 'double'], ['src/lib/index.ts', 'double'], ['src/app.ts', 'main'], ['src/leaf.ts', null]], { typeOnly: true }),
    ],
    unknowns: [{ kind: 'unresolved-import', file: 'src/app.ts', specifier: './missing.js', reason: 'resolves to no file and no declared dependency' }],
    unknownsElsewhere: [],
    ignoredChanges: [],
    affectedTests: ['test/app.test.ts'],
    skipped: [],
    summary: { changedFiles: 2, changedSymbols: 2, affectedFiles: 4, maxDepth: 3, unknowns: 1, unknownsElsewhere: 0, affectedTests: 1 },
    verdict: 'fail',
    decidedBy: 'onBrokenImport: 1 file(s) still use a removed export',
    violations: [
      { rule: 'onBrokenImport', severity: 'fail', message: '1 file(s) still use a removed export', actual: 1, limit: 0, needsSignOff: false },
      { rule: 'onUnknown', severity: 'warn', message: '1 unknown(s): the analysis could not see everything', actual: 1, limit: 0, needsSignOff: false },
    ],
    policy: { origin: 'working-tree', commit: null },
    signals: [
      { name: 'affectedFiles', value: 4, explanation: 'src/consumer.ts, src/lib/index.ts, src/app.ts, src/leaf.ts' },
      { name: 'radius', value: 2.83, explanation: '2 at depth 1 x 1 + 1 at depth 2 x 1/2 + 1 at depth 3 x 1/3' },
      { name: 'publicApiBreaking', value: 1, explanation: '@acme/lib oldHelper (removed)' },
      { name: 'provenance', value: 'ai-assisted', explanation: 'from commit trailers and authors' },
      { name: 'criticalTier', value: 'critical', explanation: 'highest tier among 1 critical file(s)' },
      { name: 'policyChanged', value: false, explanation: 'the policy files are unchanged' },
    ],
    publicApi: [{ package: '@acme/lib', entry: 'src/lib/index.ts', subpath: '.', name: 'oldHelper', change: 'removed', impact: 'breaking', origin: { file: 'src/lib/util.ts', symbol: 'oldHelper' } }],
    critical: [{ file: 'src/app.ts', area: 'checkout', tier: 'critical', isChanged: false }],
    untested: ['src/leaf.ts'],
    nonCode: [{ file: 'infra/main.tf', class: 'infrastructure', isDestructive: true, details: ['removed resource aws_db_instance.main'] }],
    provenance: { state: 'ai-assisted', commits: [{ sha: '1234567890abcdef1234567890abcdef12345678', subject: 'Refactor math', provenance: 'ai-assisted', evidence: ['trailer Co-authored-by: Claude <noreply@anthropic.com>'] }] },
    owners: { source: '.github/CODEOWNERS', reviews: [{ owner: '@acme/checkout', files: ['src/app.ts'] }], unowned: ['src/leaf.ts'], skipped: [] },
    signOff: { requiredBy: [], approvals: [], approvedBy: [] },
    baseline: { file: null, suppressed: 0 },
    ...overrides,
  };
}

/** An affected file reached along `chain` (pairs of file and symbol). */
export function affected(file: string, depth: number, chain: [string, string | null][], extra: Partial<AffectedFile> = {}): AffectedFile {
  return {
    file,
    depth,
    via: chain.map(([linkFile, symbol]) => ({ file: linkFile, symbol })),
    typeOnly: false,
    exports: [],
    isBroken: false,
    ...extra,
  };
}

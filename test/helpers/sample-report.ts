import type { AffectedFile, RiskReport } from '../../src/types.js';

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
    affectedTests: ['test/app.test.ts'],
    skipped: [],
    summary: { changedFiles: 2, changedSymbols: 2, affectedFiles: 4, maxDepth: 3, unknowns: 1, affectedTests: 1 },
    verdict: 'fail',
    decidedBy: 'onBrokenImport: 1 file(s) still use a removed export',
    violations: [
      { rule: 'onBrokenImport', severity: 'fail', message: '1 file(s) still use a removed export', actual: 1, limit: 0 },
      { rule: 'onUnknown', severity: 'warn', message: '1 unknown(s): the analysis could not see everything', actual: 1, limit: 0 },
    ],
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

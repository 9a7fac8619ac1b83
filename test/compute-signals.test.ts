import { describe, expect, it } from 'vitest';
import { numericSignals, otherSignals } from '../src/config/signal-names.js';
import { computeSignals } from '../src/signals/compute-signals.js';
import type { NonCodeChange } from '../src/shared/types.js';
import { affected } from './helpers/sample-report.js';

const nonCode = (file: string, cls: NonCodeChange['class'], isDestructive = false): NonCodeChange => ({ file, class: cls, isDestructive, details: [`${cls} detail`] });

describe('computeSignals', () => {
  const input: Parameters<typeof computeSignals>[0] = {
    changedFiles: [{ path: 'src/a.ts', oldPath: 'src/a.ts', status: 'modified', oldRanges: [], newRanges: [], isBinary: false }],
    changedSymbols: [{ file: 'src/a.ts', name: 'a', kind: 'function', change: 'signature', reason: 'r', line: 1 }],
    affectedFiles: [
      affected('src/b.ts', 1, [['src/a.ts', 'a'], ['src/b.ts', 'b']], { exports: ['b'], isBroken: true, impact: 'contract' }),
      affected('src/c.ts', 2, [['src/a.ts', 'a'], ['src/b.ts', 'b'], ['src/c.ts', null]]),
      affected('src/d.ts', 4, [['src/a.ts', 'a'], ['src/d.ts', null]]),
    ],
    affectedSymbols: 1,
    packages: ['', 'packages/ui'],
    unknowns: 2,
    publicApi: [
      { package: 'p', entry: 'src/index.ts', subpath: '.', name: 'a', change: 'signature', impact: 'breaking', origin: { file: 'src/a.ts', symbol: 'a' } },
      { package: 'p', entry: 'src/index.ts', subpath: '.', name: 'n', change: 'added', impact: 'additive', origin: { file: 'src/a.ts', symbol: 'n' } },
      { package: 'p', entry: 'src/index.ts', subpath: '.', name: 'i', change: 'body', impact: 'internal', origin: { file: 'src/a.ts', symbol: 'i' } },
    ],
    critical: [{ file: 'src/b.ts', area: 'checkout', tier: 'high', isChanged: false }],
    criticalTier: 'high',
    untested: ['src/c.ts', 'src/d.ts'],
    affectedTests: 1,
    nonCode: [
      nonCode('package.json', 'dependencies', true),
      nonCode('package-lock.json', 'lockfile'),
      nonCode('tsconfig.json', 'build-config'),
      nonCode('.env.production', 'env-config'),
      nonCode('db/migrations/2.sql', 'migration', true),
      nonCode('infra/main.tf', 'infrastructure', true),
    ],
    provenance: 'human-declared',
    commitCount: 2,
    policyFiles: ['.riskrc.json'],
  };
  const { values, signals } = computeSignals(input);

  it('measures every named signal', () => {
    expect(values).toEqual({
      changedFiles: 1, changedSymbols: 1, affectedFiles: 3, contractAffectedFiles: 1, affectedPackages: 2, affectedSymbols: 1, maxDepth: 4, radius: 1.75,
      unknowns: 2, brokenImports: 1, publicApiBreaking: 1, publicApiAdditive: 1, criticalFiles: 1, untestedFiles: 2, affectedTests: 1,
      dependencyChanges: 1, lockfileChanges: 1, buildConfigChanges: 1, envConfigChanges: 1, migrationChanges: 1, infrastructureChanges: 1,
      destructiveChanges: 3, destructiveInfrastructure: 2, riskScore: 0, riskPercentile: 0, provenance: 'human-declared', criticalTier: 'high', policyChanged: true,
    });
  });

  it('lists them in the documented order, each with an explanation', () => {
    expect(signals.map((signal) => signal.name)).toEqual([...Object.keys(numericSignals), ...Object.keys(otherSignals)]);
    const explained = Object.fromEntries(signals.map((signal) => [signal.name, signal.explanation]));
    expect(explained.radius).toBe('1 at depth 1 x 1 + 1 at depth 2 x 1/2 + 1 at depth 4 x 1/4');
    expect(explained.affectedPackages).toBe('(root), packages/ui');
    expect(explained.destructiveChanges).toBe('package.json: dependencies detail, db/migrations/2.sql: migration detail, infra/main.tf: infrastructure detail');
    expect(explained.destructiveInfrastructure).toBe('db/migrations/2.sql: migration detail, infra/main.tf: infrastructure detail');
    expect(explained.policyChanged).toBe('changed: .riskrc.json');
    expect(explained.provenance).toBe('from the trailers and authors of 2 commit(s)');
    expect(signals.every((signal) => signal.explanation.length > 0)).toBe(true);
  });

  it('names what a destructive change removes, not the version bump listed before it', () => {
    const manifest: NonCodeChange = { file: 'package.json', class: 'dependencies', isDestructive: true, details: ['@jest/expect-utils 30.2.0 -> 30.4.1 (minor)', 'removed devDependency web-streams-polyfill'] };
    const explanation = (changes: NonCodeChange[]) => computeSignals({ ...input, nonCode: changes }).signals.find((signal) => signal.name === 'destructiveChanges')?.explanation;
    expect(explanation([manifest])).toBe('package.json: removed devDependency web-streams-polyfill');
  });

  it('does not count the exports of build configs as changed exports: buildConfigChanges counts those files', () => {
    const configs = ['packages/a/vite.config.ts', 'packages/b/vite.config.ts'].map((file) => ({ file, name: 'default', kind: 'variable' as const, change: 'added' as const, reason: 'new file', line: 1 }));
    const measured = computeSignals({ ...input, changedSymbols: [...input.changedSymbols, ...configs], nonCode: configs.map((symbol) => nonCode(symbol.file, 'build-config')) });
    expect(measured.values.changedSymbols).toBe(1);
    expect(measured.values.buildConfigChanges).toBe(2);
    expect(measured.signals.find((signal) => signal.name === 'changedSymbols')?.explanation).toBe('src/a.ts#a (signature) (not counted: 2 export(s) of build configs, which buildConfigChanges counts)');
  });
});

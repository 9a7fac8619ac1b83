import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { formatConfigJsonSchema } from '../src/config/json-schema.js';
import { parseConfig } from '../src/config/parse-config.js';
import { findViolations } from '../src/policy/evaluate.js';
import type { SignalValues } from '../src/signals/compute-signals.js';
import { ConfigError } from '../src/shared/errors.js';
import { projectRoot } from './helpers/fixture-repo.js';

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(projectRoot, path), 'utf8'));


const quietSignals: SignalValues = {
  changedFiles: 1, changedSymbols: 1, affectedFiles: 0, contractAffectedFiles: 0, affectedPackages: 1, affectedSymbols: 0, maxDepth: 1, radius: 0, unknowns: 0,
  brokenImports: 0, publicApiBreaking: 0, publicApiAdditive: 0, criticalFiles: 0, untestedFiles: 0, affectedTests: 0, dependencyChanges: 0,
  lockfileChanges: 0, buildConfigChanges: 0, envConfigChanges: 0, migrationChanges: 0, infrastructureChanges: 0, destructiveChanges: 0, destructiveInfrastructure: 0,
  riskScore: 0, riskPercentile: 0, provenance: 'unknown', criticalTier: 'none', policyChanged: false,
};

describe('config', () => {
  it('parses .riskrc.example.json, which sets every key of the schema', () => {
    const example = readJson('.riskrc.example.json') as Record<string, unknown>;
    const config = parseConfig(example, '.riskrc.example.json');
    expect(config.thresholds.maxAffectedFiles).toEqual({ warn: 100, fail: undefined });
    expect(config.thresholds.maxContractAffectedFiles).toEqual({ warn: 25, fail: 100 });
    expect(config.thresholds.maxDepth).toEqual({ warn: 5, fail: undefined });
    const schema = readJson('schema/riskrc.schema.json') as { properties: Record<string, { properties?: Record<string, unknown> }> };
    expect(Object.keys(example).sort()).toEqual(Object.keys(schema.properties).sort());
    const thresholds = example.thresholds as Record<string, unknown>;
    expect(Object.keys(thresholds).sort()).toEqual(Object.keys(schema.properties.thresholds?.properties ?? {}).sort());
  });

  it('keeps the committed JSON Schema in step with src/config/schema.ts (run `npm run schema`)', () => {
    expect(readFileSync(join(projectRoot, 'schema/riskrc.schema.json'), 'utf8')).toBe(formatConfigJsonSchema());
  });

  it('reports every problem at once with its key path', () => {
    const attempt = () => parseConfig({ thresholds: { maxAffectedFile: 3, maxDepth: 'deep' }, onUnknown: 'ignore' }, '.riskrc.json');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/invalid config in \.riskrc\.json: /);
    expect(attempt).toThrow(/thresholds\.maxAffectedFile: unknown key/);
    expect(attempt).toThrow(/thresholds\.maxDepth: /);
    expect(attempt).toThrow(/onUnknown: /);
  });

  it('rejects globs that can never match, with the key path (issue 16, item 16)', () => {
    const attempt = (): unknown =>
      parseConfig(
        {
          tests: ['**/*.test.ts', '[z-a]'],
          criticalPaths: [{ name: 'pay', globs: ['src/pay/{a,b'], tier: 'high' }],
          nonCode: { migration: ['db/{x'] },
        },
        '.riskrc.json',
      );
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/tests\.1: the glob "\[z-a\]" can never match/);
    expect(attempt).toThrow(/criticalPaths\.0\.globs\.0: the glob "src\/pay\/\{a,b" can never match/);
    expect(attempt).toThrow(/nonCode\.migration\.0: the glob "db\/\{x" can never match/);
    expect(() => parseConfig({ tests: ['**/*.{test,spec}.*', 'test/**', 'src/[a-z]*.ts', 'a/(b|c)/*.ts'] }, '.riskrc.json')).not.toThrow();
  });

  it('applies defaults, and null switches a threshold off', () => {
    const config = applyDefaults({ thresholds: { maxAffectedFiles: null, maxDepth: 3 } }, null);
    expect(config.thresholds.maxAffectedFiles).toEqual({ warn: undefined, fail: undefined });
    expect(config.thresholds.maxDepth).toEqual({ warn: undefined, fail: 3 });
    expect(config.thresholds.maxChangedSymbols).toEqual({ warn: 15, fail: 50 });
    expect(config.onUnknown).toBe('warn');
    expect(config.onBrokenImport).toBe('fail');
  });
});

describe('default policy: contract versus behaviour', () => {
  it('fails a changed contract reaching over 100 files, but only warns on a body change reaching 600', () => {
    const config = applyDefaults({}, null);
    const values = (affectedFiles: number, contractAffectedFiles: number): SignalValues => ({ ...quietSignals, affectedFiles, contractAffectedFiles });
    const rules = (found: ReturnType<typeof findViolations>): string[] => found.map((violation) => `${violation.severity} ${violation.rule}`);
    expect(rules(findViolations(values(600, 0), config))).toEqual(['warn thresholds.maxAffectedFiles']);
    expect(rules(findViolations(values(101, 101), config))).toEqual(['warn thresholds.maxAffectedFiles', 'fail thresholds.maxContractAffectedFiles']);
    expect(rules(findViolations(values(40, 30), config))).toEqual(['warn thresholds.maxContractAffectedFiles']);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { formatConfigJsonSchema } from '../src/config/json-schema.js';
import { parseConfig } from '../src/config/load-config.js';
import { ConfigError } from '../src/shared/errors.js';
import { projectRoot } from './helpers/fixture-repo.js';

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(projectRoot, path), 'utf8'));

describe('config', () => {
  it('parses .riskrc.example.json, which sets every key of the schema', () => {
    const example = readJson('.riskrc.example.json') as Record<string, unknown>;
    const config = parseConfig(example, '.riskrc.example.json');
    expect(config.thresholds.maxAffectedFiles).toEqual({ warn: 25, fail: 100 });
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

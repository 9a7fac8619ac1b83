import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { formatSarif, sarifRuleIds } from '../src/report/sarif.js';
import type { RiskReport } from '../src/shared/types.js';
import { affected, ChainTable, sampleReport } from './helpers/sample-report.js';

// The SARIF 2.1.0 JSON schema as Microsoft's @microsoft/jest-sarif ships it (2.1.0-rtm.5, JSON
// Schema draft-04 like the OASIS standard's own schema), so validation works offline.
const require = createRequire(import.meta.url);
const schemaPath = join(dirname(require.resolve('@microsoft/jest-sarif')), 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
// strict: false because ajv's strict mode rejects valid draft-04 idioms the schema uses (a
// `required` inside `anyOf` naming properties defined elsewhere); unicodeRegExp: false because rtm.5's `language` pattern has a stray `]` that only
// the unicode flag refuses (the final OASIS schema fixed it).
const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

function sarifOf(report: RiskReport): Log {
  const text = formatSarif(report);
  expect(text.endsWith('}\n')).toBe(true);
  const log = JSON.parse(text) as Log;
  const isValid = validateSarif(log);
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(isValid).toBe(true);
  // The OASIS schema also requires every region to carry a start (startLine, here).
  for (const result of log.runs[0]?.results ?? []) {
    for (const location of result.locations ?? []) {
      const region = location.physicalLocation?.region;
      if (region !== undefined) expect(region.startLine).toBeGreaterThan(0);
    }
  }
  return log;
}

describe('formatSarif', () => {
  it('is valid SARIF 2.1.0 with the stable rule ids', () => {
    const log = sarifOf(sampleReport());
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]?.tool.driver;
    expect(driver?.name).toBe('risk');
    expect(driver?.rules?.map((rule) => rule.id)).toEqual(['risk/changed-export', 'risk/blast-radius', 'risk/broken-import', 'risk/unknown', 'risk/policy']);
    expect(Object.values(sarifRuleIds)).toEqual(driver?.rules?.map((rule) => rule.id));
  });

  it('reports every finding at its file and line, sorted by location', () => {
    const results = sarifOf(sampleReport()).runs[0]?.results ?? [];
    const compact = results.map((result) => {
      const physical = result.locations?.[0]?.physicalLocation;
      return `${result.ruleId ?? ''} ${result.level ?? ''} ${physical?.artifactLocation?.uri ?? '-'}:${physical?.region?.startLine ?? '-'}`;
    });
    expect(compact).toEqual([
      'risk/unknown warning src/app.ts:-',
      'risk/broken-import error src/consumer.ts:1',
      'risk/changed-export note src/lib/math.ts:3',
      'risk/blast-radius note src/lib/math.ts:3',
      'risk/policy error src/lib/math.ts:3',
      'risk/policy warning src/lib/math.ts:3',
      'risk/changed-export warning src/lib/util.ts:-',
    ]);
    for (const result of results) expect(driverRuleAt(sampleReport(), result.ruleIndex)).toBe(result.ruleId);
    expect(results.find((result) => result.ruleId === 'risk/blast-radius')?.message.text).toBe(
      '4 file(s) affected, max depth 3, from 2 changed export(s) in 2 changed file(s).',
    );
  });

  it('has a live validator: an invalid level is rejected', () => {
    const log = JSON.parse(formatSarif(sampleReport())) as { runs: { results: { level: string }[] }[] };
    const first = log.runs[0]?.results[0];
    if (first !== undefined) first.level = 'fatal';
    expect(validateSarif(log)).toBe(false);
  });

  it('gives the same bytes for the same report', () => {
    expect(formatSarif(sampleReport())).toBe(formatSarif(sampleReport()));
  });

  it('stays valid with hostile file names (URIs are percent-encoded)', () => {
    const file = 'src/<img src=x onerror=alert(1)>|*evil* 100%#.ts';
    const table = new ChainTable();
    const report = sampleReport({
      changedSymbols: [{ file, name: '`boom`', kind: 'function', change: 'signature', reason: 'params "changed"', line: 2 }],
      affectedFiles: [affected('src/b c.ts', 1, [[file, '`boom`'], ['src/b c.ts', null]], { isBroken: true }, table)],
      chains: table.nodes,
      unknowns: [{ kind: 'parse-error', file, specifier: null, reason: 'unexpected token' }],
    });
    const uris = (sarifOf(report).runs[0]?.results ?? []).map((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri);
    expect(uris).toContain('src/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%7C*evil*%20100%25%23.ts');
    expect(uris).toContain('src/b%20c.ts');
  });

  it('stays valid when nothing changed (no anchor for run-wide results)', () => {
    const report = sampleReport({ changedFiles: [], changedSymbols: [], affectedFiles: [], unknowns: [], violations: [], verdict: 'pass' });
    expect(sarifOf(report).runs[0]?.results).toEqual([]);
  });
});

function driverRuleAt(report: RiskReport, index: number | undefined): string | undefined {
  const log = JSON.parse(formatSarif(report)) as Log;
  return log.runs[0]?.tool.driver.rules?.[index ?? -1]?.id;
}

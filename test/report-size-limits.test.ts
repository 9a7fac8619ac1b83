import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../src/config/defaults.js';
import { formatGithub, maxAnnotationsPerKind } from '../src/report/github.js';
import { formatHookSummary, maxBlockedLines } from '../src/report/hook-summary.js';
import { formatJson } from '../src/report/json.js';
import { formatJobSummary, formatMarkdown, markdownBudget } from '../src/report/markdown.js';
import { formatSarif } from '../src/report/sarif.js';
import { formatText } from '../src/report/text.js';
import { analyse } from '../src/run/pipeline.js';
import type { RiskReport } from '../src/shared/types.js';
import { inMemoryChangeSet as changeSet } from './helpers/in-memory-change-set.js';
import { affected, ChainTable, sampleReport } from './helpers/sample-report.js';

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } });
const name = (index: number): string => `src/chain/f${String(index).padStart(4, '0')}.ts`;

/** f0000 <- f0001 <- ... <- f(length-1): each file uses and re-exports the previous one's function. */
function deepChain(length: number): { base: Record<string, string>; head: Record<string, string> } {
  const base: Record<string, string> = { 'tsconfig.json': tsconfig, [name(0)]: 'export function f0(): number {\n  return 1;\n}\n' };
  for (let index = 1; index < length; index += 1) {
    base[name(index)] = `import { f${index - 1} } from './f${String(index - 1).padStart(4, '0')}';\n\nexport function f${index}(): number {\n  return f${index - 1}() + 1;\n}\n`;
  }
  // A signature change (a new required parameter): every file of the chain sees a changed contract.
  return { base, head: { ...base, [name(0)]: 'export function f0(step: number): number {\n  return step;\n}\n' } };
}

/** One module used by `width` files directly, and one of its exports removed (every user broken). */
function wideRadius(width: number): { base: Record<string, string>; head: Record<string, string> } {
  const base: Record<string, string> = { 'tsconfig.json': tsconfig, 'src/core.ts': 'export const rate = 1;\nexport const gone = 2;\n' };
  for (let index = 0; index < width; index += 1) base[`src/users/u${String(index).padStart(4, '0')}.ts`] = `import { rate, gone } from '../core';\n\nexport const u${index} = rate + gone;\n`;
  return { base, head: { ...base, 'src/core.ts': 'export const rate = 1;\n' } };
}

/** Every format's size limits: what makes the report readable and postable whatever the change. */
function expectBounded(report: RiskReport): void {
  const files = report.affectedFiles.length;
  const text = formatText(report, { color: false });
  expect(text.split('\n').length - 1).toBeLessThanOrEqual(60);
  expect(text).toContain('... and ');
  expect(text).toContain('(risk --format json, or --verbose)');
  // Verbose prints everything, once per file: linear, not quadratic, in the depth.
  const verbose = formatText(report, { color: false, verbose: true });
  expect(verbose.length).toBeLessThan(files * 200 + 20_000);
  for (const file of [report.affectedFiles[0], report.affectedFiles.at(-1)]) expect(verbose).toContain(file?.file ?? '?');

  const markdown = formatMarkdown(report);
  expect(markdown.length).toBeLessThan(markdownBudget);
  expect(markdown.split('<details>').length).toBe(markdown.split('</details>').length);
  expect(Buffer.byteLength(formatJobSummary([report, report, report]))).toBeLessThan(1024 * 1024);

  const annotations = formatGithub(report).trimEnd().split('\n');
  const byTitle = new Map<string, number>();
  for (const line of annotations) {
    const title = /title=([^:,]*)/.exec(line)?.[1] ?? '';
    const kind = title.startsWith('risk policy') ? `${line.slice(0, 8)} policy` : title.replace(/ [^ ]*$/, '');
    byTitle.set(kind, (byTitle.get(kind) ?? 0) + 1);
  }
  for (const count of byTitle.values()) expect(count).toBeLessThanOrEqual(maxAnnotationsPerKind);
  expect(annotations.at(-1)).toMatch(/^::notice /);

  // JSON and SARIF grow with the number of files, not with the square of the depth.
  expect(formatJson(report).length).toBeLessThan(files * 600 + 50_000);
  expect(formatSarif(report).length).toBeLessThan(files * 600 + 50_000);

  if (report.verdict === 'fail') expect(formatHookSummary(report, 1234).trimEnd().split('\n').length).toBeLessThanOrEqual(maxBlockedLines);
  else expect(formatHookSummary(report, 1234).trimEnd().split('\n')).toHaveLength(1);
}

describe('report size limits (in memory)', () => {
  it('a 5,000-file import chain: every format stays bounded, chains are shared', async () => {
    const { base, head } = deepChain(5000);
    const report = await analyse(changeSet(base, head), applyDefaults({}, null));
    expect(report.affectedFiles).toHaveLength(4999);
    expect(report.summary.maxDepth).toBe(4999);
    expect(report.summary.contractAffectedFiles).toBe(4999);
    // One link per file: the chain of the deepest file is not repeated for every file on the way.
    expect(report.chains.length).toBeLessThanOrEqual(5000);
    expect(report.verdict).toBe('fail');
    expect(report.violations[0]?.rule).toBe('thresholds.maxContractAffectedFiles');
    expectBounded(report);
    // The deepest file's chain is shortened in the overview: first link, the count hidden, last two.
    // The line's own file ends the chain as `#export`: it is named at the line's start.
    expect(formatText(report, { color: false })).toMatch(/via src\/chain\/f0000\.ts#f0 -> \(\d+ more\) -> src\/chain\/f\d{4}\.ts#f\d+ -> #f\d+\n/);
  }, 120_000);

  it('a 3,000-file radius of broken importers: broken imports decide, first and bounded', async () => {
    const { base, head } = wideRadius(3000);
    const report = await analyse(changeSet(base, head), applyDefaults({}, null));
    expect(report.affectedFiles).toHaveLength(3000);
    expect(report.affectedFiles.every((file) => file.isBroken && file.impact === 'contract' && file.importLine === 1)).toBe(true);
    // The broken import is the one certain failure: it leads, ahead of the thresholds.
    expect(report.decidedBy).toMatch(/^onBrokenImport: 3000 file\(s\)/);
    expect(report.violations.map((violation) => violation.rule)).toEqual(['onBrokenImport', 'thresholds.maxContractAffectedFiles', 'thresholds.maxAffectedFiles']);
    expectBounded(report);
    expect(formatGithub(report)).toContain('not annotated: 2990 more broken import(s)');
  }, 120_000);

  it('a body change reaching 600 files only warns by default; the same reach through a signature fails', async () => {
    const users = (count: number): Record<string, string> => Object.fromEntries(Array.from({ length: count }, (_, index) => [`src/u${index}.ts`, `import { fmt } from './core';\n\nexport const u${index} = fmt(${index});\n`]));
    const base = { 'tsconfig.json': tsconfig, 'src/core.ts': 'export function fmt(n: number): string {\n  return String(n || 0);\n}\n', ...users(600) };
    const body = await analyse(changeSet(base, { ...base, 'src/core.ts': base['src/core.ts'].replace('n || 0', 'n ?? 0') }), applyDefaults({}, null));
    expect(body.summary).toMatchObject({ affectedFiles: 600, contractAffectedFiles: 0 });
    expect(body.verdict).toBe('warn');
    const signature = await analyse(changeSet(base, { ...base, 'src/core.ts': 'export function fmt(n: number, unit: string): string {\n  return `${n}${unit}`;\n}\n' }), applyDefaults({}, null));
    expect(signature.summary).toMatchObject({ affectedFiles: 600, contractAffectedFiles: 600 });
    expect(signature.verdict).toBe('fail');
  }, 120_000);

  it('every list full at once (exports of each kind, packages, tests, owners, unknowns, reasons): the text summary stays within 60 lines', () => {
    const table = new ChainTable();
    const many = (count: number): number[] => Array.from({ length: count }, (_, index) => index);
    const changes = ['removed', 'signature', 'body', 'added'] as const;
    const report = sampleReport({
      changedSymbols: many(40).map((index) => ({ file: `packages/p${index % 10}/src/s${index}.ts`, name: `s${index}`, kind: 'function', change: changes[index % 4] ?? 'body', reason: 'changed', line: 1 })),
      affectedFiles: many(200).map((index) => affected(`packages/p${index % 10}/src/a${index}.ts`, 1, [[`packages/p${index % 10}/src/s${index % 40}.ts`, `s${index % 40}`], [`packages/p${index % 10}/src/a${index}.ts`, null]], { isBroken: index % 2 === 0 }, table)),
      chains: table.nodes,
      packages: many(10).map((index) => ({ folder: `packages/p${index}`, name: `@acme/p${index}` })),
      affectedTests: many(30).map((index) => `packages/p${index % 10}/test/t${index}.test.ts`),
      unknowns: many(20).map((index) => ({ kind: 'unresolved-import', file: `src/u${index}.ts`, specifier: `./m${index}`, reason: 'no such file' })),
      owners: { source: 'CODEOWNERS', reviews: many(12).map((index) => ({ owner: `@team${index}`, files: [`f${index}.ts`] })), unowned: [], skipped: [] },
      violations: many(12).map((index) => ({ rule: `rules.r${index}`, severity: index % 2 === 0 ? 'fail' : 'warn', message: 'held', actual: 1, limit: null, needsSignOff: false })),
    });
    const lines = formatText(report, { color: false }).trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(60);
    expect(lines.filter((line) => line.includes('(risk --format json, or --verbose)')).length).toBeGreaterThanOrEqual(5);
    expect(formatMarkdown(report).length).toBeLessThan(markdownBudget);
  });
});

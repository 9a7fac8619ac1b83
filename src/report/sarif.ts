import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { ChangedSymbol, RiskReport } from '../shared/types.js';
import { chainOf } from './chains.js';
import { countReaches, shortenChain, summarizeReport } from './summary.js';
import { describeChain } from './text-overview.js';

/** SARIF rule ids: stable strings, so code-scanning alerts keep their identity across runs. */
export const sarifRuleIds = {
  changedExport: 'risk/changed-export',
  blastRadius: 'risk/blast-radius',
  brokenImport: 'risk/broken-import',
  unknown: 'risk/unknown',
  policy: 'risk/policy',
} as const;

type RuleId = (typeof sarifRuleIds)[keyof typeof sarifRuleIds];

const rules: ReportingDescriptor[] = [
  rule(sarifRuleIds.changedExport, 'ChangedExport', 'warning', 'An exported symbol was added, removed or changed.'),
  rule(sarifRuleIds.blastRadius, 'BlastRadius', 'note', 'How many files the change reaches, and how deep.'),
  rule(sarifRuleIds.brokenImport, 'BrokenImport', 'error', 'A file still uses an export or a file that the change removed.'),
  rule(sarifRuleIds.unknown, 'Unknown', 'warning', 'Something the analysis could not see through (unresolved or computed import, unparsable file).'),
  rule(sarifRuleIds.policy, 'Policy', 'error', 'A rule of the risk policy was exceeded.'),
];
const ruleIndexes = new Map(rules.map((descriptor, index) => [descriptor.id, index]));

/**
 * SARIF 2.1.0 for code scanning: one run of the `risk` tool, results under the stable rule ids
 * of `sarifRuleIds`, located at repository-relative file URIs (and the declaration line of a
 * changed symbol when known), sorted by location, rule and message.
 */
export function formatSarif(report: RiskReport): string {
  const anchor = anchorLocation(report);
  const reaches = countReaches(report);
  const results: Result[] = [
    ...report.changedSymbols.map((symbol) => changedExportResult(symbol, reaches.get(`${symbol.file}#${symbol.name}`) ?? 0)),
    ...(anchor === undefined ? [] : [blastRadiusResult(report, anchor)]),
    ...report.affectedFiles
      .filter((file) => file.isBroken)
      .map((file) => {
        const { chain, hiddenLinks } = shortenChain(chainOf(report.chains, file.via));
        return result(sarifRuleIds.brokenImport, 'error', `${file.file} uses an export or file that no longer exists: ${describeChain(chain, hiddenLinks)}`, fileLocation(file.file, file.importLine));
      }),
    ...report.unknowns.map((unknown) => {
      const specifier = unknown.specifier === null ? '' : ` ${JSON.stringify(unknown.specifier)}`;
      return result(sarifRuleIds.unknown, 'warning', `Unknown (${unknown.kind})${specifier}: ${unknown.reason}`, fileLocation(unknown.file, null));
    }),
    ...report.violations.map((violation) =>
      result(sarifRuleIds.policy, violation.severity === 'fail' ? 'error' : 'warning', `${violation.rule}: ${violation.message}`, anchor, { rule: violation.rule, actual: violation.actual, limit: violation.limit }),
    ),
  ];
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'risk', rules } },
        columnKind: 'utf16CodeUnits',
        results: results.sort(compareResults),
        properties: { verdict: report.verdict, decidedBy: report.decidedBy, base: report.base, head: report.head, summary: report.summary, overview: summarizeReport(report) },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function changedExportResult(symbol: ChangedSymbol, reached: number): Result {
  const isBreaking = symbol.change === 'removed' || symbol.change === 'signature';
  // A removed symbol's line is in the base version; the head file may not even have it.
  const line = symbol.change === 'removed' ? null : symbol.line;
  const where = symbol.change === 'removed' && symbol.line !== null ? ` (was at line ${symbol.line})` : '';
  const message = `Export \`${symbol.name}\` (${symbol.kind}) ${symbol.change === 'body' ? 'changed its body' : symbol.change === 'signature' ? 'changed its signature' : `was ${symbol.change}`}${where}: ${symbol.reason}; ${reached} affected file(s) reached through it.`;
  return result(sarifRuleIds.changedExport, isBreaking ? 'warning' : 'note', message, fileLocation(symbol.file, line), { name: symbol.name, kind: symbol.kind, change: symbol.change });
}

function blastRadiusResult(report: RiskReport, anchor: Location): Result {
  const { summary } = report;
  const message = `${summary.affectedFiles} file(s) affected, max depth ${summary.maxDepth}, from ${summary.changedSymbols} changed export(s) in ${summary.changedFiles} changed file(s).`;
  return result(sarifRuleIds.blastRadius, 'note', message, anchor, { affectedFiles: summary.affectedFiles, maxDepth: summary.maxDepth });
}

/** Where run-wide results (blast radius, policy) point: the first changed symbol, else the first changed file. */
function anchorLocation(report: RiskReport): Location | undefined {
  const symbol = report.changedSymbols.find((candidate) => candidate.change !== 'removed') ?? report.changedSymbols[0];
  if (symbol !== undefined) return fileLocation(symbol.file, symbol.change === 'removed' ? null : symbol.line);
  const file = report.changedFiles.find((candidate) => candidate.status !== 'deleted') ?? report.changedFiles[0];
  return file === undefined ? undefined : fileLocation(file.path, null);
}

function fileLocation(path: string, line: number | null): Location {
  // Repository paths may hold spaces, `#`, `%` ...: encode each segment to a valid relative URI.
  const uri = path.split('/').map(encodeURIComponent).join('/');
  return { physicalLocation: { artifactLocation: { uri }, ...(line === null ? {} : { region: { startLine: line } }) } };
}

function result(ruleId: RuleId, level: Result.level, text: string, location: Location | undefined, properties?: Record<string, unknown>): Result {
  return {
    ruleId,
    ruleIndex: ruleIndexes.get(ruleId) ?? -1,
    level,
    message: { text },
    ...(location === undefined ? {} : { locations: [location] }),
    ...(properties === undefined ? {} : { properties }),
  };
}

function rule(id: RuleId, name: string, level: Result.level, text: string): ReportingDescriptor {
  return { id, name, shortDescription: { text }, defaultConfiguration: { level } };
}

function compareResults(a: Result, b: Result): number {
  const key = (entry: Result): [string, number] => {
    const physical = entry.locations?.[0]?.physicalLocation;
    return [physical?.artifactLocation?.uri ?? '', physical?.region?.startLine ?? 0];
  };
  const [uriA, lineA] = key(a);
  const [uriB, lineB] = key(b);
  return compareText(uriA, uriB) || lineA - lineB || (a.ruleIndex ?? 0) - (b.ruleIndex ?? 0) || compareText(a.message.text ?? '', b.message.text ?? '');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

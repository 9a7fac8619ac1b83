import type { AffectedFile, RiskReport, Verdict } from '../shared/types.js';
import { escapeMarkdown, markdownCode } from './escape-markdown.js';
import { describePolicySource } from './policy-source.js';
import { formatChain } from './format-chain.js';
import { policyBlocks } from './markdown-policy.js';
import { formatMermaidGraph } from './mermaid-graph.js';

const verdictIcons: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌' };

/**
 * A GitHub pull-request comment (also fit for `$GITHUB_STEP_SUMMARY`): verdict and deciding
 * rule, a summary table, violations, changed exports, a Mermaid graph of the blast radius,
 * and the affected files and unknowns in collapsed sections. Every string that comes from the
 * repository is escaped, so no file or symbol name can inject Markdown or HTML.
 */
export function formatMarkdown(report: RiskReport): string {
  const blocks = [
    headerBlock(report),
    summaryTable(report),
    violationsBlock(report),
    ...policyBlocks(report),
    changedExportsBlock(report),
    graphBlock(report),
    affectedBlock(report.affectedFiles),
    unknownsBlock(report),
    elsewhereBlock(report),
    ignoredBlock(report),
    testsBlock(report.affectedTests),
    footer(report),
  ];
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}

function headerBlock(report: RiskReport): string {
  const range =
    report.mode === 'range'
      ? `${markdownCode(report.base.ref)} (merge-base ${markdownCode(report.base.sha.slice(0, 10))})..${markdownCode(report.head.ref)}`
      : `${markdownCode(report.base.ref)}..${markdownCode(report.head.ref)} (${report.mode})`;
  return [
    `## ${verdictIcons[report.verdict]} risk: ${report.verdict.toUpperCase()}`,
    '',
    `**Decided by:** ${escapeMarkdown(report.decidedBy)}`,
    '',
    `Blast radius of ${range}`,
  ].join('\n');
}

function summaryTable(report: RiskReport): string {
  const { summary } = report;
  return [
    '| Changed files | Changed exports | Affected files | Max depth | Unknowns | Affected tests |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${summary.changedFiles} | ${summary.changedSymbols} | ${summary.affectedFiles} | ${summary.maxDepth} | ${summary.unknowns} | ${summary.affectedTests} |`,
  ].join('\n');
}

function violationsBlock(report: RiskReport): string {
  if (report.violations.length === 0) return '';
  const lines = [`### Policy violations (${report.violations.length})`, ''];
  for (const violation of report.violations) {
    const label = violation.severity === 'fail' ? '❌ **fail**' : '⚠️ **warn**';
    lines.push(`- ${label} ${markdownCode(violation.rule)}: ${escapeMarkdown(violation.message)}`);
  }
  return lines.join('\n');
}

function changedExportsBlock(report: RiskReport): string {
  if (report.changedSymbols.length === 0) return '_No exported symbol changed._';
  const lines = [`### Changed exports (${report.changedSymbols.length})`, '', '| File | Name | Kind | Change | Reason |', '| --- | --- | --- | --- | --- |'];
  for (const symbol of report.changedSymbols) {
    const file = symbol.line === null ? symbol.file : `${symbol.file}:${symbol.line}`;
    const cells = [markdownCode(file), markdownCode(symbol.name), symbol.kind, symbol.change, escapeMarkdown(symbol.reason)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function graphBlock(report: RiskReport): string {
  const graph = formatMermaidGraph(report);
  if (graph === '' || report.affectedFiles.length === 0) return '';
  return ['### Blast radius', '', '```mermaid', graph, '```'].join('\n');
}

function affectedBlock(files: AffectedFile[]): string {
  if (files.length === 0) return '_No other file is affected._';
  const lines = ['<details>', `<summary>Affected files (${files.length})</summary>`];
  const depths = [...new Set(files.map((file) => file.depth))].sort((a, b) => a - b);
  for (const depth of depths) {
    lines.push('', `**Depth ${depth}**`, '');
    for (const file of files.filter((candidate) => candidate.depth === depth)) {
      const notes = [file.isBroken ? '**broken**: uses a removed export' : '', file.typeOnly ? 'types only' : ''].filter(Boolean);
      const suffix = notes.length > 0 ? ` (${notes.join(', ')})` : '';
      lines.push(`- ${markdownCode(file.file)}${suffix}<br>${markdownCode(formatChain(file.via))}`);
    }
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

function unknownsBlock(report: RiskReport): string {
  if (report.unknowns.length === 0) return '';
  const lines = ['<details>', `<summary>Unknowns (${report.unknowns.length}): the analysis could not see through these</summary>`, ''];
  for (const unknown of report.unknowns) {
    const specifier = unknown.specifier === null ? '' : ` ${markdownCode(unknown.specifier)}`;
    lines.push(`- ${markdownCode(unknown.file)}${specifier}: ${unknown.kind}, ${escapeMarkdown(unknown.reason)}`);
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

function elsewhereBlock(report: RiskReport): string {
  if (report.unknownsElsewhere.length === 0) return '';
  const lines = ['<details>', `<summary>Elsewhere in the repository (${report.unknownsElsewhere.length}): unknowns that cannot hide part of this change, not counted</summary>`, ''];
  for (const unknown of report.unknownsElsewhere) {
    const specifier = unknown.specifier === null ? '' : ` ${markdownCode(unknown.specifier)}`;
    lines.push(`- ${markdownCode(unknown.file)}${specifier}: ${unknown.kind}`);
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

function ignoredBlock(report: RiskReport): string {
  if (report.ignoredChanges.length === 0) return '';
  const lines = [`**Ignored changes (${report.ignoredChanges.length})**: they match \`ignore\` in the config and were not analysed`, ''];
  for (const file of report.ignoredChanges) lines.push(`- ${markdownCode(file)}`);
  return lines.join('\n');
}

function testsBlock(tests: string[]): string {
  if (tests.length === 0) return '';
  const lines = ['<details>', `<summary>Affected tests (${tests.length})</summary>`, ''];
  for (const test of tests) lines.push(`- ${markdownCode(test)}`);
  lines.push('', '</details>');
  return lines.join('\n');
}

function footer(report: RiskReport): string {
  const tsconfigs = report.tsconfigs.length <= 3 ? report.tsconfigs.join(', ') : `${report.tsconfigs.length} files, the owning one per file`;
  return `<sub>${escapeMarkdown(describePolicySource(report))}; tsconfig: ${escapeMarkdown(tsconfigs || 'none')}</sub>`;
}

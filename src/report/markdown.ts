import type { RiskReport, SymbolChange, Verdict } from '../shared/types.js';
import { escapeMarkdown, markdownCode } from './escape-markdown.js';
import { formatChain } from './format-chain.js';
import { policyBlocks } from './markdown-policy.js';
import { formatMermaidGraph } from './mermaid-graph.js';
import { describePolicySource } from './policy-source.js';
import { describeOmitted, moreHint, summarizeReport, type Bounded, type ReportOverview, type TopFile } from './summary.js';

const verdictIcons: Record<Verdict, string> = { pass: '✅', warn: '⚠️', fail: '❌' };

/** A PR comment holds 65,536 characters; stay well under, with room for what the Action adds. */
export const markdownBudget = 60_000;
/** GitHub accepts at most 1 MiB of job summary per step. */
export const jobSummaryBudget = 1024 * 1024 - 4096;

/**
 * The `$GITHUB_STEP_SUMMARY` text: the comment of each report (one per pushed ref), as many
 * as fit under 1 MiB (in bytes), then a line counting the ones left out.
 */
export function formatJobSummary(reports: RiskReport[]): string {
  const parts: string[] = [];
  let size = 0;
  for (const [index, report] of reports.entries()) {
    const text = formatMarkdown(report);
    const bytes = Buffer.byteLength(text) + 1;
    if (size + bytes > jobSummaryBudget) {
      parts.push(`_${reports.length - index} more report(s) left out to fit the job summary: see them with risk --format json._\n`);
      break;
    }
    parts.push(text);
    size += bytes;
  }
  return parts.join('\n');
}

/** Items listed in a collapsed detail section before "... and N more". */
export const detailItems = 200;
/** Longest repository string (path, name, message) shown in the summary part. */
const maxTextLength = 300;

const changeTitles: Record<SymbolChange, string> = { removed: 'Removed', signature: 'Signature changed', body: 'Body only', added: 'Added' };

/**
 * A GitHub pull-request comment (also fit for `$GITHUB_STEP_SUMMARY`), always under
 * `markdownBudget` characters. It opens with the summary (verdict, deciding reasons most severe
 * first, counts, changed exports by kind, packages, the files to look at first, tests, owners),
 * then the details in collapsed sections, each capped; sections that no longer fit are left out
 * with a note. Every string from the repository is escaped, so no file or symbol name can inject
 * Markdown or HTML.
 */
export function formatMarkdown(report: RiskReport): string {
  const overview = summarizeReport(report);
  const summary = [headerBlock(report, overview), countsTable(overview), changedExportsBlock(overview), packagesBlock(overview), topFilesBlock(overview), testsAndOwnersBlock(overview)];
  const details = [...policyBlocks(report), affectedBlock(report), graphBlock(report), unknownsBlock(report), elsewhereBlock(report), ignoredBlock(report), testsBlock(report.affectedTests)];
  return fitBlocks(summary, details, footer(report), markdownBudget);
}

/**
 * Joins the summary blocks, then as many detail blocks as fit in `budget` characters (whole
 * blocks only, so no `<details>` is left open), then the footer.
 */
export function fitBlocks(summary: string[], details: string[], footerText: string, budget: number): string {
  const join = (blocks: string[]): string => `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
  const note = (count: number): string => `_${count} section(s) left out to fit a pull-request comment: see them with ${escapeMarkdown(moreHint.slice(1, -1))}._`;
  const kept = summary.filter((block) => block !== '');
  let left = 0;
  const reserve = join([footerText, note(99)]).length + 2;
  let size = join(kept).length;
  for (const block of details.filter((candidate) => candidate !== '')) {
    if (size + block.length + 2 + reserve > budget) {
      left += 1;
      continue;
    }
    kept.push(block);
    size += block.length + 2;
  }
  if (left > 0) kept.push(note(left));
  kept.push(footerText);
  const text = join(kept);
  // Only an absurd summary (thousands of huge names) gets here: cut it, closing nothing open.
  return text.length <= budget ? text : `${text.slice(0, budget - 200)}\n\n_... report cut to fit a pull-request comment: ${escapeMarkdown(moreHint.slice(1, -1))}._\n`;
}

function clip(text: string): string {
  return text.length <= maxTextLength ? text : `${text.slice(0, maxTextLength)}…`;
}

function headerBlock(report: RiskReport, overview: ReportOverview): string {
  const range =
    report.mode === 'range'
      ? `${markdownCode(report.base.ref)} (merge-base ${markdownCode(report.base.sha.slice(0, 10))})..${markdownCode(report.head.ref)}`
      : `${markdownCode(report.base.ref)}..${markdownCode(report.head.ref)} (${report.mode})`;
  const lines = [`## ${verdictIcons[report.verdict]} risk: ${report.verdict.toUpperCase()}`, ''];
  if (overview.reasons.total === 0) lines.push(escapeMarkdown(report.decidedBy), '');
  for (const reason of overview.reasons.items) {
    const label = reason.severity === 'fail' ? '❌ **fail**' : '⚠️ **warn**';
    lines.push(`- ${label} ${markdownCode(reason.rule)}: ${escapeMarkdown(clip(reason.message))}`);
  }
  const more = describeOmitted(overview.reasons);
  if (more !== '') lines.push(`- ${escapeMarkdown(more)}`);
  if (overview.reasons.total > 0) lines.push('');
  lines.push(`Blast radius of ${range}`);
  return lines.join('\n');
}

function countsTable(overview: ReportOverview): string {
  const { counts } = overview;
  return [
    '| Changed files | Changed exports | Affected files | Contract | Behaviour only | Max depth | Unknowns | Affected tests |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${counts.changedFiles} | ${counts.changedExports} | ${counts.affectedFiles} | ${counts.contractAffectedFiles} | ${counts.behaviourAffectedFiles} | ${counts.maxDepth} | ${counts.unknowns}${counts.unknownsElsewhere > 0 ? ` (+${counts.unknownsElsewhere} elsewhere, not counted)` : ''} | ${counts.affectedTests} |`,
  ].join('\n');
}

function changedExportsBlock(overview: ReportOverview): string {
  if (overview.counts.changedExports === 0) return '_No exported symbol changed._';
  const lines = [`### Changed exports (${overview.counts.changedExports})`, ''];
  for (const [change, list] of Object.entries(overview.changedExports) as [SymbolChange, ReportOverview['changedExports'][SymbolChange]][]) {
    if (list.total === 0) continue;
    const items = list.items.map((item) => `${markdownCode(clip(item.line === null ? `${item.file}#${item.name}` : `${item.file}:${item.line}#${item.name}`))} (reaches ${item.reaches})`);
    lines.push(`- **${changeTitles[change]}** (${list.total}): ${items.join(', ')}${list.omitted > 0 ? ` and ${list.omitted} more` : ''}`);
  }
  return lines.join('\n');
}

function packagesBlock(overview: ReportOverview): string {
  if (overview.packages.total === 0) return '';
  const lines = [`### Packages (${overview.packages.total})`, '', '| Package | Changed | Affected | Contract | Public API reached |', '| --- | ---: | ---: | ---: | --- |'];
  for (const row of overview.packages.items) {
    const entries = row.entryPoints.items.map((entry) => markdownCode(clip(entry))).join(', ') + (row.entryPoints.omitted > 0 ? ` and ${row.entryPoints.omitted} more` : '');
    lines.push(`| ${markdownCode(clip(row.name))} | ${row.changedFiles} | ${row.affectedFiles} | ${row.contractAffectedFiles} | ${entries || '–'} |`);
  }
  pushOmitted(lines, overview.packages);
  return lines.join('\n');
}

function topFilesBlock(overview: ReportOverview): string {
  if (overview.topFiles.total === 0) return '_No other file is affected._';
  const lines = [`### Look at first (${overview.topFiles.items.length} of ${overview.topFiles.total} affected)`, ''];
  for (const file of overview.topFiles.items) lines.push(`- ${describeTopFile(file)}`);
  pushOmitted(lines, overview.topFiles);
  return lines.join('\n');
}

function describeTopFile(file: TopFile): string {
  const label = { broken: '**broken**', 'critical-path': `critical path (${file.tier ?? ''})`, 'entry-point': 'public entry point', direct: 'direct user', indirect: 'indirect user' }[file.reason];
  const where = file.importLine === null ? file.file : `${file.file}:${file.importLine}`;
  const [first, ...rest] = file.chain;
  const chain = file.hiddenLinks === 0 ? formatChain(file.chain) : `${formatChain(first === undefined ? [] : [first])} -> (${file.hiddenLinks} more) -> ${formatChain(rest)}`;
  return `${markdownCode(clip(where))} ${label}, ${file.impact}, depth ${file.depth}<br><sub>${markdownCode(clip(chain))}</sub>`;
}

function testsAndOwnersBlock(overview: ReportOverview): string {
  const lines: string[] = [];
  if (overview.tests.total > 0) {
    lines.push(`**Affected tests (${overview.tests.total}):** ${overview.tests.items.map((test) => markdownCode(clip(test))).join(', ')}${overview.tests.omitted > 0 ? ` and ${overview.tests.omitted} more` : ''}`);
  }
  if (overview.owners.total > 0) {
    lines.push(`**Ask:** ${overview.owners.items.map((owner) => `${escapeMarkdown(clip(owner.owner))} (${owner.files})`).join(', ')}${overview.owners.omitted > 0 ? ` and ${overview.owners.omitted} more` : ''}`);
  }
  return lines.join('\n\n');
}

function graphBlock(report: RiskReport): string {
  const graph = formatMermaidGraph(report);
  if (graph === '' || report.affectedFiles.length === 0) return '';
  return ['<details>', '<summary>Blast radius graph</summary>', '', '```mermaid', graph, '```', '', '</details>'].join('\n');
}

/** Every affected file once, with the link it is reached through: grows with files, not depth. */
function affectedBlock(report: RiskReport): string {
  const files = report.affectedFiles;
  if (files.length === 0) return '';
  const lines = ['<details>', `<summary>Affected files (${files.length})</summary>`, ''];
  for (const file of files.slice(0, detailItems)) {
    const notes = [file.isBroken ? '**broken**' : '', file.impact, `depth ${file.depth}`, file.typeOnly ? 'types only' : ''].filter(Boolean);
    const link = report.chains[file.via];
    const from = link?.parent === null || link?.parent === undefined ? undefined : report.chains[link.parent];
    lines.push(`- ${markdownCode(clip(file.file))} (${notes.join(', ')})${from === undefined ? '' : ` ← ${markdownCode(clip(formatChain([from])))}`}`);
  }
  pushOmitted(lines, { items: [], total: files.length, omitted: Math.max(0, files.length - detailItems) });
  lines.push('', '</details>');
  return lines.join('\n');
}

function unknownsBlock(report: RiskReport): string {
  if (report.unknowns.length === 0) return '';
  const lines = ['<details>', `<summary>Unknowns (${report.unknowns.length}): the analysis could not see through these</summary>`, ''];
  for (const unknown of report.unknowns.slice(0, detailItems)) {
    const specifier = unknown.specifier === null ? '' : ` ${markdownCode(clip(unknown.specifier))}`;
    lines.push(`- ${markdownCode(clip(unknown.file))}${specifier}: ${unknown.kind}, ${escapeMarkdown(clip(unknown.reason))}`);
  }
  pushOmitted(lines, { items: [], total: report.unknowns.length, omitted: Math.max(0, report.unknowns.length - detailItems) });
  lines.push('', '</details>');
  return lines.join('\n');
}

function elsewhereBlock(report: RiskReport): string {
  if (report.unknownsElsewhere.length === 0) return '';
  const lines = ['<details>', `<summary>Elsewhere in the repository (${report.unknownsElsewhere.length}): unknowns that cannot hide part of this change, not counted</summary>`, ''];
  for (const unknown of report.unknownsElsewhere.slice(0, detailItems)) {
    const specifier = unknown.specifier === null ? '' : ` ${markdownCode(clip(unknown.specifier))}`;
    lines.push(`- ${markdownCode(clip(unknown.file))}${specifier}: ${unknown.kind}`);
  }
  pushOmitted(lines, { items: [], total: report.unknownsElsewhere.length, omitted: Math.max(0, report.unknownsElsewhere.length - detailItems) });
  lines.push('', '</details>');
  return lines.join('\n');
}

function ignoredBlock(report: RiskReport): string {
  if (report.ignoredChanges.length === 0) return '';
  const lines = [`**Ignored changes (${report.ignoredChanges.length})**: they match \`ignore\` in the config or are vendored (node_modules) and were not analysed`, ''];
  for (const file of report.ignoredChanges.slice(0, detailItems)) lines.push(`- ${markdownCode(clip(file))}`);
  pushOmitted(lines, { items: [], total: report.ignoredChanges.length, omitted: Math.max(0, report.ignoredChanges.length - detailItems) });
  return lines.join('\n');
}

function testsBlock(tests: string[]): string {
  if (tests.length === 0) return '';
  const lines = ['<details>', `<summary>Affected tests (${tests.length})</summary>`, ''];
  for (const test of tests.slice(0, detailItems)) lines.push(`- ${markdownCode(clip(test))}`);
  pushOmitted(lines, { items: [], total: tests.length, omitted: Math.max(0, tests.length - detailItems) });
  lines.push('', '</details>');
  return lines.join('\n');
}

function pushOmitted(lines: string[], list: Bounded<unknown>): void {
  const note = describeOmitted(list);
  if (note !== '') lines.push(`- _${escapeMarkdown(note)}_`);
}

function footer(report: RiskReport): string {
  const tsconfigs = report.tsconfigs.length <= 3 ? report.tsconfigs.join(', ') : `${report.tsconfigs.length} files, the owning one per file`;
  return `<sub>${escapeMarkdown(describePolicySource(report))}; tsconfig: ${escapeMarkdown(tsconfigs || 'none')}</sub>`;
}

import type { RiskReport } from '../shared/types.js';
import { escapeMarkdown, markdownCode } from './escape-markdown.js';

/**
 * The policy blocks of the pull-request comment: required reviewers and sign-off first (what
 * a reviewer must act on), then the risk signals, public API, critical paths, non-code
 * changes, untested files and provenance.
 */
export function policyBlocks(report: RiskReport): string[] {
  return [reviewersBlock(report), signOffBlock(report), signalsBlock(report), publicApiBlock(report), criticalBlock(report), nonCodeBlock(report), untestedBlock(report), provenanceBlock(report)];
}

function reviewersBlock(report: RiskReport): string {
  const { owners } = report;
  if (owners.source === null || (owners.reviews.length === 0 && owners.unowned.length === 0 && owners.skipped.length === 0)) return '';
  const lines = [`### Required reviewers (from ${markdownCode(owners.source)})`, ''];
  for (const review of owners.reviews) lines.push(`- ${escapeMarkdown(review.owner)}: ${review.files.slice(0, 5).map(markdownCode).join(', ')}${review.files.length > 5 ? ` and ${review.files.length - 5} more` : ''}`);
  if (owners.unowned.length > 0) lines.push(`- _no owner_: ${owners.unowned.length} file(s)`);
  for (const problem of owners.skipped.slice(0, 10)) lines.push(`- _skipped line ${problem.line}_: ${escapeMarkdown(problem.message)}`);
  if (owners.skipped.length > 10) lines.push(`- _and ${owners.skipped.length - 10} more skipped line(s)_`);
  return lines.join('\n');
}

function signOffBlock(report: RiskReport): string {
  const { signOff } = report;
  if (signOff.requiredBy.length === 0 && signOff.approvals.length === 0) return '';
  const lines = ['### Sign-off', '', `- Required by: ${signOff.requiredBy.map(markdownCode).join(', ') || '_nothing_'}`, `- Approved by: ${signOff.approvedBy.map(escapeMarkdown).join(', ') || '_nobody_'}`];
  for (const check of signOff.approvals) lines.push(`- ${markdownCode(check.tag)}: **${check.status}**, ${escapeMarkdown(check.reason)}`);
  return lines.join('\n');
}

function signalsBlock(report: RiskReport): string {
  const lines = ['<details>', '<summary>Risk signals</summary>', '', '| Signal | Value | Explanation |', '| --- | ---: | --- |'];
  for (const signal of report.signals) lines.push(`| ${markdownCode(signal.name)} | ${escapeMarkdown(String(signal.value))} | ${escapeMarkdown(signal.explanation)} |`);
  lines.push('', '</details>');
  return lines.join('\n');
}

function publicApiBlock(report: RiskReport): string {
  if (report.publicApi.length === 0) return '';
  const lines = [`### Public API (${report.publicApi.length})`, '', '| Impact | Package | Export | Change |', '| --- | --- | --- | --- |'];
  for (const change of report.publicApi) {
    const entry = change.subpath === '.' ? change.package : `${change.package}${change.subpath.slice(1)}`;
    lines.push(`| ${change.impact} | ${markdownCode(entry)} | ${markdownCode(change.name)} | ${change.change} |`);
  }
  return lines.join('\n');
}

function criticalBlock(report: RiskReport): string {
  if (report.critical.length === 0) return '';
  const lines = [`### Critical paths (${report.critical.length})`, ''];
  for (const hit of report.critical) lines.push(`- **${hit.tier}** ${markdownCode(hit.file)} (${escapeMarkdown(hit.area)}, ${hit.isChanged ? 'changed' : 'affected'})`);
  return lines.join('\n');
}

function nonCodeBlock(report: RiskReport): string {
  if (report.nonCode.length === 0) return '';
  const lines = [`### Non-code changes (${report.nonCode.length})`, ''];
  for (const change of report.nonCode) {
    const details = change.details.length > 0 ? `: ${change.details.map(escapeMarkdown).join('; ')}` : '';
    lines.push(`- ${change.class}${change.isDestructive ? ' **destructive**' : ''} ${markdownCode(change.file)}${details}`);
  }
  return lines.join('\n');
}

function untestedBlock(report: RiskReport): string {
  if (report.untested.length === 0) return '';
  return ['<details>', `<summary>Untested (${report.untested.length}): no test file reaches these</summary>`, '', ...report.untested.map((file) => `- ${markdownCode(file)}`), '', '</details>'].join('\n');
}

function provenanceBlock(report: RiskReport): string {
  const { provenance } = report;
  const lines = [`**Provenance:** ${provenance.state}`];
  if (provenance.commits.length === 0) return lines[0] ?? '';
  lines.push('', '<details>', `<summary>Commits (${provenance.commits.length})</summary>`, '');
  for (const commit of provenance.commits) lines.push(`- ${markdownCode(commit.sha.slice(0, 10))} ${commit.provenance}: ${escapeMarkdown(commit.subject)} (${escapeMarkdown(commit.evidence.join('; '))})`);
  lines.push('', '</details>');
  return lines.join('\n');
}

import type { RiskReport } from '../shared/types.js';
import { printable } from './printable.js';
import { describeOmitted, summarizeReport } from './summary.js';
import { describeTopFile } from './text-overview.js';

/** Most lines a blocked push prints per pushed ref. */
export const maxBlockedLines = 25;

const hookLimits = { reasons: 5, exportsPerKind: 0, packages: 0, entryPointsPerPackage: 0, topFiles: 6, tests: 0, owners: 3, unknowns: 0 };

/**
 * What the pre-push hook prints for one pushed ref. A push that goes through (pass or warn)
 * gets one line: verdict, counts, time. A blocked push gets at most `maxBlockedLines` lines:
 * the deciding reasons, the files to look at first, the exact command for the full report,
 * and how to skip the hook (CI still applies the same policy).
 */
export function formatHookSummary(report: RiskReport, elapsedMs: number): string {
  const overview = summarizeReport(report, hookLimits);
  const { counts } = overview;
  const seconds = `${(elapsedMs / 1000).toFixed(1)} s`;
  const countsText =
    `${counts.changedExports} changed export(s), ${counts.affectedFiles} affected file(s) (${counts.contractAffectedFiles} contract), ` +
    `${counts.brokenImports} broken import(s), ${counts.unknowns} unknown(s)`;
  const range = `${report.base.ref}..${report.head.sha?.slice(0, 10) ?? report.head.ref}`;
  if (report.verdict !== 'fail') {
    const first = overview.reasons.items[0];
    const why = first === undefined ? '' : ` (${first.rule}${overview.reasons.total > 1 ? ` and ${overview.reasons.total - 1} more` : ''})`;
    return `${printable(`risk: ${report.verdict.toUpperCase()}${why} ${range}: ${countsText}; ${seconds}`)}\n`;
  }
  const lines = [`risk: FAIL, push blocked: ${range} (${seconds})`];
  for (const reason of overview.reasons.items) lines.push(`  ${reason.severity}  ${clip(`${reason.rule}: ${reason.message}`)}`);
  if (overview.reasons.omitted > 0) lines.push(`  ... and ${overview.reasons.omitted} more reason(s)`);
  lines.push(countsText);
  if (overview.topFiles.total > 0) {
    lines.push('Look at first:');
    for (const file of overview.topFiles.items) lines.push(`  ${clip(describeTopFile(file))}`);
    const more = describeOmitted(overview.topFiles);
    if (more !== '') lines.push(`  ${more.replace(' (risk --format json, or --verbose)', '')}`);
  }
  if (overview.owners.total > 0) lines.push(`Ask: ${overview.owners.items.map((owner) => `${owner.owner} (${owner.files})`).join(', ')}${overview.owners.omitted > 0 ? ` and ${overview.owners.omitted} more` : ''}`);
  const head = report.head.sha ?? report.head.ref;
  lines.push(`Full report: risk --base ${report.base.sha} --head ${head} --verbose`);
  lines.push('Skip this check once: git push --no-verify (CI still runs the same policy)');
  return `${lines.slice(0, maxBlockedLines).map(printable).join('\n')}\n`;
}

/** One terminal line at most 160 characters wide. */
function clip(text: string): string {
  return text.length <= 160 ? text : `${text.slice(0, 159)}…`;
}

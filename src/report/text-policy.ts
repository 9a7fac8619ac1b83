import type { ChalkInstance } from 'chalk';
import type { RiskReport } from '../shared/types.js';
import { printable } from './printable.js';

/**
 * The policy half of the terminal report: signals, public API, critical paths, non-code
 * changes, untested code, provenance, reviewers and sign-off. Sections with nothing to say
 * are left out; the signals line always lists every signal that is not zero.
 */
export function policyLines(report: RiskReport, paint: ChalkInstance): string[] {
  const lines: string[] = [];
  const section = (title: string, body: string[]): void => {
    if (body.length > 0) lines.push(paint.bold(title), ...body.map(printable), '');
  };
  // The headline already gives these; the rest are only shown when they say something.
  const inHeadline = new Set(['changedFiles', 'changedSymbols', 'affectedFiles', 'maxDepth', 'unknowns']);
  const notable = report.signals.filter((signal) => !inHeadline.has(signal.name) && signal.value !== 0 && signal.value !== false && signal.value !== 'none');
  section(
    'Risk signals',
    notable.map((signal) => `  ${signal.name} = ${String(signal.value)}  ${paint.dim(signal.explanation)}`),
  );
  section(
    `Public API (${report.publicApi.length})`,
    report.publicApi.map((change) => `  ${change.impact.padEnd(8)} ${change.package}${change.subpath === '.' ? '' : change.subpath.slice(1)} ${change.name} (${change.change}, from ${change.origin.file}#${change.origin.symbol ?? ''})`),
  );
  section(
    `Critical paths (${report.critical.length})`,
    report.critical.map((hit) => `  ${hit.tier.padEnd(8)} ${hit.file} (${hit.area}, ${hit.isChanged ? 'changed' : 'affected'})`),
  );
  section(
    `Non-code changes (${report.nonCode.length})`,
    report.nonCode.map((change) => `  ${change.class.padEnd(14)} ${change.file}${change.isDestructive ? ' DESTRUCTIVE' : ''}${change.details.length > 0 ? `: ${change.details.join('; ')}` : ''}`),
  );
  section(`Untested (${report.untested.length}): no test file reaches these`, report.untested.map((file) => `  ${file}`));
  const commits = report.provenance.commits;
  section(
    `Provenance: ${report.provenance.state}`,
    commits.map((commit) => `  ${commit.sha.slice(0, 10)} ${commit.provenance.padEnd(14)} ${commit.subject} (${commit.evidence.join('; ')})`),
  );
  if (report.owners.source !== null) {
    section(`Required reviewers (${report.owners.reviews.length}, from ${report.owners.source})`, [
      ...report.owners.reviews.map((review) => `  ${review.owner}: ${review.files.length <= 3 ? review.files.join(', ') : `${review.files.slice(0, 3).join(', ')} and ${review.files.length - 3} more`}`),
      ...(report.owners.unowned.length > 0 ? [`  (no owner: ${report.owners.unowned.length} file(s))`] : []),
      ...report.owners.skipped.slice(0, maxSkippedShown).map((problem) => `  skipped line ${problem.line}: ${problem.message}`),
      ...(report.owners.skipped.length > maxSkippedShown ? [`  and ${report.owners.skipped.length - maxSkippedShown} more skipped line(s)`] : []),
    ]);
  }
  if (report.signOff.requiredBy.length > 0 || report.signOff.approvals.length > 0) {
    section('Sign-off', [
      `  required by: ${report.signOff.requiredBy.join(', ') || 'nothing'}`,
      `  approved by: ${report.signOff.approvedBy.join(', ') || 'nobody'}`,
      ...report.signOff.approvals.map((check) => `  ${check.status.padEnd(13)} ${check.tag}: ${check.reason}`),
    ]);
  }
  return lines;
}

/** Skipped CODEOWNERS lines listed by line; the rest are counted (all are in the JSON report). */
const maxSkippedShown = 10;

import type { RiskReport } from '../shared/types.js';
import { summarizeBlastRadius } from './blast-summary.js';

/**
 * The few lines a hook shows when it blocks: what was decided, destructive operations first,
 * the rules that fired, broken importers and who to ask. Meant as the reason an agent reads
 * (Claude Code feeds a blocking hook's stderr back to the model), so it is short and bounded.
 */
export function formatShortReport(report: RiskReport): string {
  const summary = summarizeBlastRadius(report, { itemsPerList: 5, filesPerPackage: 0 });
  const lines = [`risk: ${report.verdict.toUpperCase()} (${report.mode === 'range' ? `${report.base.ref}..${report.head.ref}` : `${report.mode} change`}): ${report.decidedBy}`];
  for (const change of summary.destructive.items) lines.push(`  DESTRUCTIVE ${change.file}: ${change.details.join('; ')}`);
  pushOmitted(lines, summary.destructive.omitted, 'destructive change(s)');
  for (const reason of summary.reasons.items) lines.push(`  ${reason.severity} ${reason.rule}: ${reason.message}${reason.needsSignOff && !reason.message.includes('sign-off') ? ' [needs sign-off]' : ''}`);
  pushOmitted(lines, summary.reasons.omitted, 'rule(s)');
  const { counts } = summary;
  lines.push(`  radius: ${counts.changedExports} changed export(s) reach ${counts.affectedFiles} file(s), max depth ${counts.maxDepth}; ${counts.unknowns} unknown(s); ${counts.affectedTests} affected test(s)`);
  if (summary.brokenImporters.items.length > 0) {
    lines.push(`  still importing something removed: ${summary.brokenImporters.items.map((file) => file.file).join(', ')}${summary.brokenImporters.omitted > 0 ? ` (+${summary.brokenImporters.omitted} more)` : ''}`);
  }
  if (summary.owners.reviews.items.length > 0) lines.push(`  owners to ask: ${summary.owners.reviews.items.map((review) => review.owner).join(', ')}`);
  lines.push(`  provenance: ${report.provenance.state}`);
  return `${lines.join('\n')}\n`;
}

function pushOmitted(lines: string[], omitted: number, what: string): void {
  if (omitted > 0) lines.push(`  ... and ${omitted} more ${what}`);
}

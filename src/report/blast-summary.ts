import { formatChain } from './format-chain.js';
import { compareStrings } from '../shared/compare.js';
import type { AffectedFile, NonCodeChange, PackageRef, RiskReport, Severity, SymbolChange, SymbolKind, UnknownKind, Verdict } from '../shared/types.js';
import { chainOf } from './chains.js';
import { bound, packageOf, type Bounded } from './summary.js';
import { sortViolations } from '../shared/violation-order.js';

/** How much of each list a summary shows. */
export interface SummaryLimits {
  /** Items per list (changed exports, packages, broken importers, unknowns, owners, tests, reasons). */
  itemsPerList: number;
  /** Affected files shown per package (closest to the change first). */
  filesPerPackage: number;
}

export const defaultSummaryLimits: SummaryLimits = { itemsPerList: 10, filesPerPackage: 5 };

/** The blast radius, summary first, bounded for a model's context (see `limits` and each `omitted`). */
export interface BlastRadiusSummary {
  /** One line: the verdict, destructive operations first, then the radius. */
  headline: string;
  verdict: Verdict;
  decidedBy: string;
  /** Infrastructure deleted or recreated, tables dropped, dependencies removed: first, because they cannot be undone by a revert. */
  destructive: Bounded<{ file: string; class: NonCodeChange['class']; details: string[] }>;
  /** The rules that fired (fail before warn), each with whether a senior sign-off would satisfy it. */
  reasons: Bounded<{ rule: string; severity: Severity; message: string; needsSignOff: boolean }>;
  change: { mode: RiskReport['mode']; base: string; head: string; provenance: RiskReport['provenance']['state'] };
  counts: { changedFiles: number; changedExports: number; affectedFiles: number; affectedPackages: number; brokenImporters: number; unknowns: number; affectedTests: number; maxDepth: number };
  changedExports: {
    byKind: Partial<Record<SymbolKind, number>>;
    byChange: Partial<Record<SymbolChange, number>>;
    list: Bounded<{ file: string; name: string; kind: SymbolKind; change: SymbolChange; reason: string }>;
  };
  affectedByPackage: Bounded<{ package: string; dir: string; affectedFiles: number; typeOnly: number; top: Bounded<{ file: string; depth: number; typeOnly: boolean; isBroken: boolean }> }>;
  brokenImporters: Bounded<{ file: string; chain: string }>;
  unknowns: Bounded<{ kind: UnknownKind; file: string; specifier: string | null; reason: string }>;
  owners: { reviews: Bounded<{ owner: string; files: number }>; unowned: number };
  affectedTests: Bounded<string>;
  limits: SummaryLimits;
}

/**
 * Shapes a report into the summary an agent reads before it commits. Pure, and bounded: every
 * list holds at most `limits.itemsPerList` items and says how many it left out; the counts are
 * always the whole numbers.
 */
export function summarizeBlastRadius(report: RiskReport, limits: SummaryLimits = defaultSummaryLimits): BlastRadiusSummary {
  const n = limits.itemsPerList;
  const destructive = report.nonCode.filter((change) => change.isDestructive);
  // Infrastructure and data first: a removed dependency can be reverted, a dropped table cannot.
  const destructiveOrdered = [...destructive.filter((change) => change.class !== 'dependencies'), ...destructive.filter((change) => change.class === 'dependencies')];
  // The same order as every other format: failures first, broken imports, rules and sign-off, thresholds.
  const reasons = sortViolations(report.violations);
  const broken = report.affectedFiles.filter((file) => file.isBroken);
  const byPackage = groupByPackage(report.affectedFiles, report.packages);
  const summary: Omit<BlastRadiusSummary, 'headline'> = {
    verdict: report.verdict,
    decidedBy: report.decidedBy,
    destructive: bound(destructiveOrdered.map((change) => ({ file: change.file, class: change.class, details: change.details.slice(0, 5) })), n),
    reasons: bound(reasons.map((violation) => ({ rule: violation.rule, severity: violation.severity, message: violation.message, needsSignOff: violation.needsSignOff })), n),
    change: { mode: report.mode, base: `${report.base.ref} (${report.base.sha.slice(0, 10)})`, head: report.head.sha === null ? report.head.ref : `${report.head.ref} (${report.head.sha.slice(0, 10)})`, provenance: report.provenance.state },
    counts: {
      changedFiles: report.summary.changedFiles,
      changedExports: report.summary.changedSymbols,
      affectedFiles: report.summary.affectedFiles,
      affectedPackages: byPackage.length,
      brokenImporters: broken.length,
      unknowns: report.unknowns.length,
      affectedTests: report.affectedTests.length,
      maxDepth: report.summary.maxDepth,
    },
    changedExports: {
      byKind: countBy(report.changedSymbols.map((symbol) => symbol.kind)),
      byChange: countBy(report.changedSymbols.map((symbol) => symbol.change)),
      // Removed and signature changes break callers; they come before body-only changes.
      list: bound(
        [...report.changedSymbols].sort((a, b) => changeRank(a.change) - changeRank(b.change)).map(({ file, name, kind, change, reason }) => ({ file, name, kind, change, reason })),
        n,
      ),
    },
    affectedByPackage: bound(
      byPackage.map((group) => ({
        package: group.name,
        dir: group.dir,
        affectedFiles: group.files.length,
        typeOnly: group.files.filter((file) => file.typeOnly).length,
        top: bound(group.files.map(({ file, depth, typeOnly, isBroken }) => ({ file, depth, typeOnly, isBroken })), limits.filesPerPackage),
      })),
      n,
    ),
    brokenImporters: bound(broken.map((file) => ({ file: file.file, chain: formatChain(chainOf(report.chains, file.via)) })), n),
    unknowns: bound(report.unknowns.map(({ kind, file, specifier, reason }) => ({ kind, file, specifier, reason })), n),
    owners: { reviews: bound(report.owners.reviews.map((review) => ({ owner: review.owner, files: review.files.length })), n), unowned: report.owners.unowned.length },
    affectedTests: bound(report.affectedTests, n),
    limits,
  };
  return { headline: describeHeadline(summary, destructive), ...summary };
}

function describeHeadline(summary: Omit<BlastRadiusSummary, 'headline'>, destructive: NonCodeChange[]): string {
  const { counts } = summary;
  const parts: string[] = [];
  if (destructive.length > 0) {
    const first = destructive.find((change) => change.class !== 'dependencies') ?? destructive[0]!;
    parts.push(`DESTRUCTIVE: ${first.file}: ${first.details[0] ?? 'removes something'}${destructive.length > 1 ? ` (+${destructive.length - 1} more destructive)` : ''}`);
  }
  parts.push(`${counts.changedExports} changed export(s) reach ${counts.affectedFiles} file(s) in ${counts.affectedPackages} package(s)`);
  if (counts.brokenImporters > 0) parts.push(`${counts.brokenImporters} file(s) still import something removed`);
  if (counts.unknowns > 0) parts.push(`${counts.unknowns} unknown(s)`);
  const signOff = summary.reasons.items.some((reason) => reason.needsSignOff) ? '; needs a senior sign-off' : '';
  return `${summary.verdict.toUpperCase()}: ${parts.join('; ')}${signOff}`;
}

interface PackageGroup {
  dir: string;
  name: string;
  files: AffectedFile[];
}

/** Affected files by their nearest package folder (the report's packages); biggest package first, files closest to the change first. */
function groupByPackage(files: AffectedFile[], packages: readonly PackageRef[]): PackageGroup[] {
  const groups = new Map<string, PackageGroup>();
  for (const file of files) {
    const owner = packageOf(file.file, packages);
    const dir = owner?.folder ?? '';
    const group = groups.get(dir) ?? { dir, name: owner?.name ?? (dir === '' ? '(root)' : dir), files: [] };
    group.files.push(file);
    groups.set(dir, group);
  }
  for (const group of groups.values()) {
    group.files.sort((a, b) => Number(b.isBroken) - Number(a.isBroken) || a.depth - b.depth || Number(a.typeOnly) - Number(b.typeOnly) || compareStrings(a.file, b.file));
  }
  return [...groups.values()].sort((a, b) => b.files.length - a.files.length || compareStrings(a.dir, b.dir));
}

function countBy<K extends string>(keys: K[]): Partial<Record<K, number>> {
  const counts: Partial<Record<K, number>> = {};
  for (const key of [...keys].sort(compareStrings)) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function changeRank(change: SymbolChange): number {
  return ['removed', 'signature', 'added', 'body'].indexOf(change);
}

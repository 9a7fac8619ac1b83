import { classifyViolation, sortViolations, type ReasonClass } from '../shared/violation-order.js';
import { countChangedExports, withoutListedMembers } from '../shared/changed-export-count.js';
import { chainOf } from './chains.js';
import { compareStrings } from '../shared/compare.js';
import type { AffectedFile, ChainLink, Impact, PackageRef, RiskReport, Severity, SymbolChange, Tier, Unknown, Verdict } from '../shared/types.js';

/**
 * The bounded overview of a report that every format opens with (and that the MCP
 * `blast_radius` tool returns): the verdict and the reasons that decided it, then a few
 * short lists. Every list is a `Bounded`: the first items, the total, and how many were left
 * out, so its size does not grow with the change. Pure: RiskReport in, plain data out.
 */
export interface ReportOverview {
  verdict: Verdict;
  /** Violations, most severe first (see `rankViolation` in src/shared/violation-order.ts): what decided the verdict leads. */
  reasons: Bounded<OverviewReason>;
  counts: OverviewCounts;
  /** Changed exports by kind of change, most serious kind first. */
  changedExports: Record<SymbolChange, Bounded<ExportRef>>;
  /** Packages holding changed or affected files, most affected first, with the entry points the change reaches. */
  packages: Bounded<PackageOverview>;
  /** The affected files to look at first, ranked by `rankAffectedFile`. */
  topFiles: Bounded<TopFile>;
  tests: Bounded<string>;
  /** Owners (CODEOWNERS) of changed and affected files, most files first. */
  owners: Bounded<{ owner: string; files: number }>;
  unknowns: Bounded<Unknown>;
  /** What to run to see everything; long lists end with it. */
  moreHint: string;
}

/** A list cut to a limit: `items` shown, `total` in the report, `omitted` = total - shown. */
export interface Bounded<T> {
  items: T[];
  total: number;
  omitted: number;
}

export type { ReasonClass };

export interface OverviewReason {
  severity: Severity;
  class: ReasonClass;
  rule: string;
  message: string;
}

export interface OverviewCounts {
  changedFiles: number;
  changedExports: number;
  affectedFiles: number;
  /** Affected through a removed export or a changed signature. */
  contractAffectedFiles: number;
  /** Affected only through body changes. */
  behaviourAffectedFiles: number;
  brokenImports: number;
  maxDepth: number;
  /** Unknowns that could hide part of this change (they count towards `onUnknown`). */
  unknowns: number;
  /** Unknowns elsewhere in the repository: reported, not counted. */
  unknownsElsewhere: number;
  /** Changed files matching the config's `ignore` globs, not analysed. */
  ignoredChanges: number;
  affectedTests: number;
}

export interface ExportRef {
  file: string;
  name: string;
  line: number | null;
  /** Affected files whose shortest chain starts at this export. */
  reaches: number;
}

export interface PackageOverview {
  /** Repo-relative folder ('' for the root). */
  folder: string;
  name: string;
  changedFiles: number;
  affectedFiles: number;
  contractAffectedFiles: number;
  /** Entry points (`name`, `name/sub`) with an export the change reaches. */
  entryPoints: Bounded<string>;
}

/** Why a file ranks where it does in `topFiles`, first matching wins. */
export type TopFileReason = 'broken' | 'critical-path' | 'entry-point' | 'direct' | 'indirect';

export interface TopFile {
  file: string;
  depth: number;
  impact: Impact;
  reason: TopFileReason;
  /** Critical-path tier, when the file is on one. */
  tier: Tier | null;
  /** 1-based line of the import the change arrives through, when known. */
  importLine: number | null;
  /** Shortest chain from the changed symbol; long chains keep their first link and last two. */
  chain: ChainLink[];
  /** Links left out of `chain` (between the first and the last two). */
  hiddenLinks: number;
}

/** Default list limits: enough to act on, small enough for a terminal screen. */
export const overviewLimits = {
  reasons: 6,
  exportsPerKind: 5,
  packages: 6,
  entryPointsPerPackage: 3,
  topFiles: 8,
  tests: 5,
  owners: 5,
  unknowns: 3,
};

export type OverviewLimits = typeof overviewLimits;

export const moreHint = '(risk --format json, or --verbose)';

const tierOrder: Record<Tier, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const changeOrder: SymbolChange[] = ['removed', 'signature', 'body', 'added'];

/** Builds the overview; `limits` cut each list (pass larger ones for a fuller view). */
export function summarizeReport(report: RiskReport, limits: OverviewLimits = overviewLimits): ReportOverview {
  const contract = report.affectedFiles.filter((file) => file.impact === 'contract').length;
  const reasons = sortViolations(report.violations).map((violation): OverviewReason => ({ severity: violation.severity, class: classifyViolation(violation), rule: violation.rule, message: violation.message }));
  const reaches = countReaches(report);
  const byChange = (change: SymbolChange): Bounded<ExportRef> =>
    bound(
      withoutListedMembers(report.changedSymbols)
        .filter((symbol) => symbol.change === change)
        .map((symbol) => ({ file: symbol.file, name: symbol.name, line: symbol.line, reaches: reaches.get(`${symbol.file}#${symbol.name}`) ?? 0 }))
        .sort((a, b) => b.reaches - a.reaches || compareStrings(a.file, b.file) || compareStrings(a.name, b.name)),
      limits.exportsPerKind,
    );
  return {
    verdict: report.verdict,
    reasons: bound(reasons, limits.reasons),
    counts: {
      changedFiles: report.changedFiles.length,
      changedExports: countChangedExports(report.changedSymbols),
      affectedFiles: report.affectedFiles.length,
      contractAffectedFiles: contract,
      behaviourAffectedFiles: report.affectedFiles.length - contract,
      brokenImports: report.affectedFiles.filter((file) => file.isBroken).length,
      maxDepth: report.affectedFiles.reduce((max, file) => Math.max(max, file.depth), 0),
      unknowns: report.unknowns.length,
      unknownsElsewhere: report.unknownsElsewhere.length,
      ignoredChanges: report.ignoredChanges.length,
      affectedTests: report.affectedTests.length,
    },
    changedExports: Object.fromEntries(changeOrder.map((change) => [change, byChange(change)])) as Record<SymbolChange, Bounded<ExportRef>>,
    packages: bound(summarizePackages(report, limits), limits.packages),
    topFiles: bound(rankAffectedFiles(report).slice(0, limits.topFiles).map((file) => topFile(report, file)), limits.topFiles, report.affectedFiles.length),
    tests: bound(report.affectedTests, limits.tests),
    owners: bound(
      report.owners.reviews.map((review) => ({ owner: review.owner, files: review.files.length })).sort((a, b) => b.files - a.files || compareStrings(a.owner, b.owner)),
      limits.owners,
    ),
    unknowns: bound(report.unknowns, limits.unknowns),
    moreHint,
  };
}

/**
 * The affected files in the order a reviewer should look at them: broken importers first,
 * then files on a critical path (highest tier first), then package entry points whose exports
 * the change reaches (public API), then direct importers (depth 1); ties go to contract
 * impact over behaviour, then smaller depth, then path.
 */
export function rankAffectedFiles(report: RiskReport): AffectedFile[] {
  const tiers = new Map(report.critical.map((hit) => [hit.file, hit.tier]));
  const entries = new Set(report.publicApi.map((change) => change.entry));
  const key = (file: AffectedFile): number[] => {
    const tier = tiers.get(file.file);
    return [file.isBroken ? 0 : 1, tier === undefined ? 4 : tierOrder[tier], entries.has(file.file) ? 0 : 1, file.depth === 1 ? 0 : 1, file.impact === 'contract' ? 0 : 1, file.depth];
  };
  const keyed = report.affectedFiles.map((file) => ({ file, key: key(file) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) || compareStrings(a.file.file, b.file.file));
  return keyed.map(({ file }) => file);
}

function topFile(report: RiskReport, file: AffectedFile): TopFile {
  const tier = report.critical.find((hit) => hit.file === file.file)?.tier ?? null;
  const isEntry = report.publicApi.some((change) => change.entry === file.file);
  const reason: TopFileReason = file.isBroken ? 'broken' : tier !== null ? 'critical-path' : isEntry ? 'entry-point' : file.depth === 1 ? 'direct' : 'indirect';
  const { chain, hiddenLinks } = shortenChain(chainOf(report.chains, file.via));
  return { file: file.file, depth: file.depth, impact: file.impact, reason, tier, importLine: file.importLine, chain, hiddenLinks };
}

/** A chain of more than four links, as its first link and last two, with the count left out. */
export function shortenChain(chain: ChainLink[]): { chain: ChainLink[]; hiddenLinks: number } {
  if (chain.length <= 4) return { chain, hiddenLinks: 0 };
  return { chain: [chain[0] as ChainLink, ...chain.slice(-2)], hiddenLinks: chain.length - 3 };
}

/** `changedFile#symbol` -> how many affected files use it, by any path (`ChangedSymbol.reaches`). */
export function countReaches(report: RiskReport): Map<string, number> {
  const counts = new Map<string, number>();
  // The graph stage counts every path; a report made without it falls back to chain origins,
  // which count a file for the one changed symbol its shortest chain starts from.
  if (report.changedSymbols.every((symbol) => symbol.reaches !== undefined)) {
    for (const symbol of report.changedSymbols) counts.set(`${symbol.file}#${symbol.name}`, symbol.reaches ?? 0);
    return counts;
  }
  const origins = chainOrigins(report);
  for (const file of report.affectedFiles) {
    const origin = origins[file.via];
    if (origin === undefined) continue;
    const key = `${origin.file}#${origin.symbol ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The first link of the chain through every link of the table, in one pass (parents come first). */
export function chainOrigins(report: Pick<RiskReport, 'chains'>): ChainLink[] {
  const origins: ChainLink[] = [];
  report.chains.forEach((node, index) => {
    origins[index] = node.parent === null || node.parent >= index ? { file: node.file, symbol: node.symbol } : (origins[node.parent] as ChainLink);
  });
  return origins;
}

/** The package folder a path belongs to: the longest folder of `packages` containing it. */
export function packageOf(path: string, packages: readonly PackageRef[]): PackageRef | undefined {
  let best: PackageRef | undefined;
  for (const candidate of packages) {
    const contains = candidate.folder === '' || path.startsWith(`${candidate.folder}/`);
    if (contains && (best === undefined || candidate.folder.length > best.folder.length)) best = candidate;
  }
  return best;
}

function summarizePackages(report: RiskReport, limits: OverviewLimits): PackageOverview[] {
  const rows = new Map<string, PackageOverview & { entries: Set<string> }>();
  const rowOf = (path: string): (PackageOverview & { entries: Set<string> }) | undefined => {
    const ref = packageOf(path, report.packages);
    if (ref === undefined) return undefined;
    let row = rows.get(ref.folder);
    if (row === undefined) {
      row = { folder: ref.folder, name: ref.name, changedFiles: 0, affectedFiles: 0, contractAffectedFiles: 0, entryPoints: bound([], 0), entries: new Set() };
      rows.set(ref.folder, row);
    }
    return row;
  };
  for (const file of report.changedFiles) {
    const row = rowOf(file.status === 'deleted' ? file.oldPath : file.path);
    if (row !== undefined) row.changedFiles += 1;
  }
  for (const file of report.affectedFiles) {
    const row = rowOf(file.file);
    if (row === undefined) continue;
    row.affectedFiles += 1;
    if (file.impact === 'contract') row.contractAffectedFiles += 1;
  }
  for (const change of report.publicApi) {
    const row = rowOf(change.entry);
    if (row !== undefined) row.entries.add(change.subpath === '.' ? change.package : `${change.package}${change.subpath.slice(1)}`);
  }
  return [...rows.values()]
    .map(({ entries, ...row }) => ({ ...row, entryPoints: bound([...entries].sort(compareStrings), limits.entryPointsPerPackage) }))
    .sort((a, b) => b.affectedFiles - a.affectedFiles || b.changedFiles - a.changedFiles || compareStrings(a.folder, b.folder));
}

/** The first `limit` items; `total` may be given when `items` is already cut. */
export function bound<T>(items: T[], limit: number, total = items.length): Bounded<T> {
  const shown = items.slice(0, limit);
  return { items: shown, total, omitted: total - shown.length };
}

/** `... and N more (risk --format json, or --verbose)`, or '' when nothing was left out. */
export function describeOmitted(list: Bounded<unknown>): string {
  return list.omitted > 0 ? `... and ${list.omitted} more ${moreHint}` : '';
}

function compareKeys(a: number[], b: number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

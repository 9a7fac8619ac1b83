import type { AnalysisContext } from './analysis-context.js';
import { compareStrings } from '../shared/compare.js';
import { configSearchPlaces } from '../config/load-config.js';
import type { RiskConfig } from '../config/schema.js';
import { findEntryPoints } from '../graph/entry-points.js';
import type { ExportFlow } from '../graph/importers.js';
import type { RepoFiles } from '../graph/repo-files.js';
import type { ResolutionConfigs } from '../graph/tsconfig.js';
import { findUntestedFiles } from '../graph/untested.js';
import { codeownersLocations } from '../owners/codeowners.js';
import { findReviewers } from '../owners/reviewers.js';
import { applyBaseline, parseBaseline } from './baseline.js';
import { decideVerdict, findViolations } from './evaluate.js';
import { splitUnknownsByRelevance } from './unknown-relevance.js';
import { classifyChange } from '../provenance/classify-commit.js';
import { computeSignals } from '../signals/compute-signals.js';
import { applyScore } from '../signals/score/apply-score.js';
import type { HistoryFeatures } from '../signals/score/file-history.js';
import { findCriticalHits, highestTier } from '../signals/critical-paths.js';
import { classifyNonCodeChanges, findNonCodeUnknowns, nonCodeTextsNeeded } from '../signals/non-code/index.js';
import { classifyPublicApi } from '../signals/public-api.js';
import type { AffectedFile, ChangeSet, ChangedSymbol, RiskReport, Unknown } from '../shared/types.js';
import { createPackageFolderLookup } from '../shared/package-folders.js';

export interface AssessInput {
  changes: ChangeSet;
  config: RiskConfig;
  context: AnalysisContext;
  files: RepoFiles;
  changedSymbols: ChangedSymbol[];
  affectedFiles: AffectedFile[];
  exportFlows: ExportFlow[];
  unknowns: Unknown[];
  /** Reverse import edges of the whole head tree, or null when the graph was not needed. */
  importers: ReadonlyMap<string, ReadonlySet<string>> | null;
  affectedTests: string[];
  /** Module resolution of the head tree: which config each file used, and what broken configs concern. */
  resolution: Pick<ResolutionConfigs, 'configFor' | 'unknownScopes' | 'configs'>;
  /** History of the touched files, read when the config has a model (see src/run/score-history.ts). */
  history?: HistoryFeatures | undefined;
}

type Assessment = Pick<RiskReport, 'packages' | 'signals' | 'publicApi' | 'critical' | 'untested' | 'nonCode' | 'provenance' | 'owners' | 'signOff' | 'baseline' | 'unknowns' | 'unknownsElsewhere' | 'verdict' | 'decidedBy' | 'violations' | 'policy'>;

/** Signals -> policy: measures the change, applies the rules and sign-off, names the reviewers. */
export async function assessRisk(input: AssessInput): Promise<Assessment> {
  const { changes, config, context } = input;
  const changedPaths = changes.files.map((file) => (file.status === 'deleted' ? file.oldPath : file.path));
  const affectedPaths = input.affectedFiles.map((file) => file.file);

  const baseline = context.baseline === null ? null : parseBaseline(context.baseline.text, context.baseline.path);
  const candidates = [...changes.files.filter((file) => file.status !== 'deleted').map((file) => file.path), ...affectedPaths];
  const allUntested = input.importers === null ? [] : findUntestedFiles(input.importers, changes.headTree.paths, candidates, config.tests);
  const accepted = applyBaseline(baseline, input.unknowns, allUntested);
  const relevance = splitUnknownsByRelevance({
    unknowns: accepted.unknowns,
    changedPaths: [...new Set(changes.files.flatMap((file) => [file.path, file.oldPath]))],
    affectedPaths,
    importers: input.importers,
    files: input.files,
    configFor: input.resolution.configFor,
    configs: input.resolution.configs,
    configScopes: input.resolution.unknownScopes,
  });

  const wanted = nonCodeTextsNeeded(changes.files, config.nonCode);
  const [baseTexts, headTexts] = await Promise.all([context.readTexts('base', wanted.base), context.readTexts('head', wanted.head)]);
  const nonCode = classifyNonCodeChanges(changes.files, { base: baseTexts, head: headTexts }, config.nonCode);
  // Unreadable migration statements sit in changed files: they always count (after the code's, in file order).
  const counting = [...relevance.counting, ...findNonCodeUnknowns(nonCode)];

  const publicApi = input.exportFlows.length === 0 ? [] : classifyPublicApi(findEntryPoints(input.files), input.exportFlows);
  const critical = findCriticalHits(changedPaths, affectedPaths, config.criticalPaths);
  const provenance = classifyUncommitted(context) ?? classifyChange(context.commits, config.provenance);
  const policyFiles = await findChangedPolicyFiles(changes, config, context);
  const changedSymbolKeys = new Set(input.changedSymbols.map((symbol) => `${symbol.file}#${symbol.name}`));

  const packages = findPackages([...changedPaths, ...affectedPaths], input.files.manifestDirectories);
  const measured = computeSignals({
    changedFiles: changes.files,
    changedSymbols: input.changedSymbols,
    affectedFiles: input.affectedFiles,
    affectedSymbols: input.exportFlows.filter((flow) => !changedSymbolKeys.has(`${flow.file}#${flow.name}`)).length,
    packages,
    unknowns: counting.length,
    publicApi,
    critical,
    criticalTier: highestTier(critical),
    untested: accepted.untested,
    affectedTests: input.affectedTests.length,
    nonCode,
    provenance: provenance.provenance,
    commitCount: context.commits.length,
    agent: context.commits.length === 0 ? context.agent : null,
    policyFiles,
  });
  const { values, signals } =
    config.score !== null && input.history !== undefined
      ? applyScore(config.score, { ...measured, changedFiles: changes.files, nonCode, history: input.history })
      : measured;

  const violations = findViolations(values, config);
  const needsSignOff = violations.some((violation) => violation.needsSignOff);
  const approvals = needsSignOff || config.approvers.length > 0 ? await context.checkApprovals() : [];
  const approvedBy = [...new Set(approvals.filter((check) => check.status === 'valid' && check.approver !== null).map((check) => check.approver as string))].sort(compareStrings);
  const verdict = decideVerdict(violations, { approvedBy, approvals, headSha: changes.head.sha, approvers: config.approvers.map((approver) => approver.name) });

  const names = new Map([...input.files.workspacePackages].map(([name, folder]) => [folder, name]));
  return {
    policy: context.policy,
    packages: packages.map((folder) => ({ folder, name: names.get(folder) ?? (folder || '(root)') })),
    signals,
    publicApi,
    critical,
    untested: accepted.untested,
    nonCode,
    provenance: { state: provenance.provenance, commits: provenance.commits },
    owners: findReviewers(context.codeowners, [...changedPaths, ...affectedPaths]),
    signOff: { requiredBy: violations.filter((violation) => violation.needsSignOff).map((violation) => violation.rule), approvals, approvedBy },
    baseline: { file: context.baseline?.path ?? null, suppressed: accepted.suppressed },
    unknowns: counting,
    unknownsElsewhere: relevance.elsewhere,
    ...verdict,
  };
}

/**
 * A staged or working-tree change has no commit yet; when the caller knows an agent is making
 * it, it is AI-assisted, so rules on `provenance` apply before the commit exists.
 */
function classifyUncommitted(context: AnalysisContext): ReturnType<typeof classifyChange> | null {
  return context.commits.length === 0 && context.agent !== null ? { provenance: 'ai-assisted', commits: [] } : null;
}

/** The nearest package folder of each file ('' for the root package), distinct and sorted; files outside every package are left out. */
function findPackages(paths: string[], manifestDirectories: string[]): string[] {
  const packageOf = createPackageFolderLookup(manifestDirectories);
  const hasRootPackage = manifestDirectories.includes('');
  const packages = new Set<string>();
  for (const path of paths) {
    const owner = packageOf(path);
    if (owner !== '' || hasRootPackage) packages.add(owner);
  }
  return [...packages].sort(compareStrings);
}

/**
 * Policy files the change edits: the config (at the root, or the `risk` key of the root
 * package.json), the baseline, and CODEOWNERS. Editing any of them changes who judges the change.
 */
async function findChangedPolicyFiles(changes: ChangeSet, config: RiskConfig, context: AnalysisContext): Promise<string[]> {
  const watched = new Set([...configSearchPlaces.filter((place) => place !== 'package.json'), config.baseline, ...codeownersLocations]);
  if (typeof config.codeowners === 'string') watched.add(config.codeowners);
  const changed = new Set<string>();
  for (const file of changes.files) {
    for (const path of [file.path, file.oldPath]) if (watched.has(path)) changed.add(path);
    if (file.path === 'package.json' || file.oldPath === 'package.json') {
      const [base, head] = await Promise.all([context.readTexts('base', ['package.json']), context.readTexts('head', ['package.json'])]);
      if (readRiskKey(base.get('package.json')) !== readRiskKey(head.get('package.json'))) changed.add('package.json#risk');
    }
  }
  return [...changed].sort(compareStrings);
}

function readRiskKey(text: string | undefined): string {
  if (text === undefined) return 'undefined';
  try {
    return JSON.stringify((JSON.parse(text) as { risk?: unknown }).risk) ?? 'undefined';
  } catch {
    // An unparsable package.json may hide a policy change: treat it as changed.
    return `unparsable:${text}`;
  }
}

/**
 * Plain data passed between the pipeline stages:
 * diff -> symbols -> graph -> policy -> report.
 * Everything reporters see (RiskReport) is JSON-serialisable; the diff stage's
 * snapshots carry file text in Maps and never leave the pipeline.
 */

/** How a file differs between the two sides of the comparison. */
export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed';

/** A contiguous run of changed lines (1-based, inclusive start; `count` 0 means a pure insertion/removal point). */
export interface LineRange {
  start: number;
  count: number;
}

/** One file in the diff. Paths are repo-relative with forward slashes. */
export interface ChangedFile {
  path: string;
  /** Path on the base side; differs from `path` only for renames. */
  oldPath: string;
  status: FileStatus;
  /** Changed line ranges on the base side. */
  oldRanges: LineRange[];
  /** Changed line ranges on the head side. */
  newRanges: LineRange[];
  /** True when git reports the file as binary; such files are never parsed. */
  isBinary: boolean;
}

/** Which two states of the repository are compared. */
export type DiffMode = 'range' | 'staged' | 'worktree';

/**
 * The content of one side of the comparison. Only the files the analyzer can use
 * (source, tsconfig, package.json) carry text; `paths` lists every tracked file.
 */
export interface TreeSnapshot {
  /** A label for humans: a commit sha, "index" or "working tree". */
  label: string;
  /** Every file on this side, repo-relative, sorted. */
  paths: string[];
  /** Text of the analyzable files loaded so far, keyed by repo-relative path. */
  files: Map<string, string>;
  /** Content id (git blob sha) of every analyzable file: the key of the analysis cache. */
  ids: Map<string, string>;
  /** Loads the texts of these paths into `files` (one batch read; already loaded ones are skipped). */
  loadTexts: (paths: Iterable<string>) => Promise<void>;
  /** Texts of files that are not analysed (a .gitignore), in one batch; absent where readOnDemand is cheap (the working tree). */
  readOtherTexts?: (paths: string[]) => Promise<Map<string, string>>;
  /** Blob id of any file of a commit or the index (not only analyzable ones); absent for the working tree. */
  blobId?: (path: string) => string | undefined;
  /** Drops loaded texts (a later loadTexts reads them again), where the snapshot can read them again exactly. */
  forgetTexts?: (paths: Iterable<string>) => void;
  /** Analyzable files that could not be read (permissions, broken object); grows as texts load. */
  unreadable: string[];
  /** Git submodules (and nested repositories): not analysed, listed in the report. */
  skipped: string[];
  /** Symlink path -> repo-relative target, or null when it points outside the repository. */
  links: Map<string, string | null>;
  /**
   * Reads a file of this side that was not loaded up front (e.g. a tsconfig `extends`
   * target with an unusual name). Synchronous because TypeScript's hosts are.
   */
  readOnDemand: (path: string) => string | undefined;
}

/** Output of the diff stage. */
export interface ChangeSet {
  mode: DiffMode;
  /** Absolute path of the repository's top level. */
  root: string;
  /** What the user asked for (`main`, `origin/HEAD`, ...) and what it resolved to. */
  base: { ref: string; sha: string };
  head: { ref: string; sha: string | null };
  files: ChangedFile[];
  /** Base-side text of the changed files (by old path); enough to diff their exports. */
  baseFiles: Map<string, string>;
  headTree: TreeSnapshot;
}

export type SymbolKind =
  | 'function'
  | 'class'
  | 'interface'
  | 'type'
  | 'enum'
  | 'variable'
  | 'namespace'
  | 'default'
  | 'export-equals'
  | 're-export'
  | 'module'
  | 'unknown';

/**
 * What happened to an exported symbol:
 * - `added` / `removed`: the export appeared or disappeared;
 * - `signature`: its public shape (parameters, return type, declared type, members) changed;
 * - `body`: only its implementation changed (including a changed local it depends on).
 */
export type SymbolChange = 'added' | 'removed' | 'signature' | 'body';

export interface ChangedSymbol {
  file: string;
  /**
   * Exported name; `default` for default exports, `export=` for `export =`, `*` for a changed
   * `export * from` or a changed component (.vue, .svelte, .astro, .mdx: every export of the
   * file), and `(module)` for changed top-level code that runs when the file is imported.
   */
  name: string;
  kind: SymbolKind;
  change: SymbolChange;
  /** Why it counts as changed, in words (e.g. "uses changed local `rate`"). */
  reason: string;
  /**
   * 1-based line of the declaration: in the head version, or in the base version for a
   * removed symbol; null when there is no declaration (re-exports, `export *`).
   */
  line: number | null;
  /**
   * Set on a property of a `module.exports = {...}` object: the export that object is (`default`).
   * The property is an export of its own for `require('x').name`, and counts with its object
   * when changed exports are counted (see countChangedExports).
   */
  memberOf?: string;
  /**
   * Affected files that use it, directly or through exports that carry it on; a file reached
   * by several changed symbols counts for each. Set by the graph stage.
   */
  reaches?: number;
}

/** One step of an explanation chain: a file, and the export through which the change flows (if any). */
export interface ChainLink {
  file: string;
  symbol: string | null;
}

/**
 * One link of the shared chain table (`RiskReport.chains`): a file, the export the change flows
 * through, and the index of the previous link (null for a changed symbol, where chains start).
 * Chains share their common beginnings, so the table grows with the number of files reached,
 * not with the square of the depth.
 */
export interface ChainNode extends ChainLink {
  parent: number | null;
}

/**
 * `contract`: reached by a removed export or a changed signature somewhere along the way (its
 * code may no longer compile or may be called wrongly); `behaviour`: reached only by body
 * changes (same contract, different behaviour).
 */
export type Impact = 'contract' | 'behaviour';

export interface AffectedFile {
  file: string;
  /** 1 = imports a changed symbol directly; n = n hops from the change. */
  depth: number;
  /**
   * Index into `RiskReport.chains` of this file's last link: following `parent` from it gives a
   * shortest chain back to a changed symbol (see `chainOf` in src/report/chains.ts).
   */
  via: number;
  /** The most serious kind of change that reaches the file. */
  impact: Impact;
  /**
   * 1-based line of the first import (or re-export, require) of the file the change arrives
   * from; null when not known. Where an annotation for a broken importer points.
   */
  importLine: number | null;
  /** True when every way this file is reached is through type-only imports. */
  typeOnly: boolean;
  /** Exports of this file that carry the change further. */
  exports: string[];
  /** True when the file uses a symbol that no longer exists (removed export or deleted file). */
  isBroken: boolean;
}

/**
 * `unresolved-config`: a tsconfig `extends` a package that is not installed (a fresh clone), so
 * the options it would set (paths, baseUrl, module resolution) are not known.
 */
export type UnknownKind = 'unresolved-import' | 'dynamic-import' | 'parse-error' | 'unreadable-file' | 'unresolved-config' | 'oversized' | 'augmentation' | 'unparsed-importer';

/** Something the analyzer could not decide. Unknowns are risk, never silence. */
export interface Unknown {
  kind: UnknownKind;
  file: string;
  /** The import specifier or expression involved, when there is one. */
  specifier: string | null;
  reason: string;
}

export type Severity = 'warn' | 'fail';

/** A policy rule that the change broke. */
export interface Violation {
  /** Stable id of the rule, e.g. `thresholds.maxAffectedFiles`. */
  rule: string;
  severity: Severity;
  message: string;
  /** The measured value (for a rule, 1 when it fired). */
  actual: number;
  limit: number | null;
  /** True when the rule asks for a senior sign-off, which would satisfy it. */
  needsSignOff: boolean;
}

/** A named measurement of the change, explained in words. */
export interface Signal {
  name: string;
  value: number | string | boolean;
  explanation: string;
}

export type ApiImpact = 'breaking' | 'additive' | 'internal';

/** An export of a package entry point that the change reaches (API Extractor's view, as a semver hint). */
export interface ApiChange {
  /** Package name (or the folder, for an unnamed package). */
  package: string;
  /** Entry point file and the subpath it is published as (`.`, `./utils`). */
  entry: string;
  subpath: string;
  /** The export, with the member path inside it for a namespace-valued export (`core.util.toZod`). */
  name: string;
  change: SymbolChange;
  impact: ApiImpact;
  /** The changed symbol the change started from. */
  origin: ChainLink;
}

export type Tier = 'low' | 'medium' | 'high' | 'critical';

/** A changed or affected file on a critical path. */
export interface CriticalHit {
  file: string;
  area: string;
  tier: Tier;
  isChanged: boolean;
}

export type NonCodeClass = 'dependencies' | 'lockfile' | 'build-config' | 'env-config' | 'migration' | 'infrastructure';

/** A changed file that is not TypeScript code, with its own risk class. */
export interface NonCodeChange {
  file: string;
  class: NonCodeClass;
  /** Removes or drops something: an infrastructure resource, a table or column, a dependency. */
  isDestructive: boolean;
  details: string[];
}

export type Provenance = 'ai-assisted' | 'human-declared' | 'unknown';

export interface CommitProvenance {
  sha: string;
  subject: string;
  provenance: Provenance;
  /** Why, in words (the trailer or author that decided it). */
  evidence: string[];
}

/**
 * - `valid`: signed by an approver's key, for exactly the head commit.
 * - `unsigned`: a lightweight tag, or an annotated tag without a signature.
 * - `bad-signature`: git could not verify the signature (tampered object, unusable key).
 * - `unknown-key`: a sound signature, by a key that is not an approver's.
 * - `other-commit`: the tag approves another commit (stale after new commits, or retargeted).
 */
export type ApprovalStatus = 'valid' | 'unsigned' | 'bad-signature' | 'unknown-key' | 'other-commit';

/** One `risk-approval/...` tag found for the change, and what verifying it showed. */
export interface ApprovalCheck {
  tag: string;
  commit: string;
  status: ApprovalStatus;
  /** The approver whose key signed the tag (also for a stale approval), or null. */
  approver: string | null;
  /** Why, in words: "signed by alice's SSH key", "signed by SHA256:..., which is not an approver in the policy". */
  reason: string;
}

/** The owners of changed and affected files: the reviewers the change needs. */
export interface OwnerReview {
  owner: string;
  files: string[];
}

export type Verdict = 'pass' | 'warn' | 'fail';

/** A package folder of the repository ('' for the root) and its package.json name (the folder when unnamed). */
export interface PackageRef {
  folder: string;
  name: string;
}

/** The whole result of a run: what reporters format and what the exit code is derived from. */
export interface RiskReport {
  /**
   * Version of this document's shape; bumped on breaking changes of the JSON output.
   * 2: chains are references into `chains` (affected files' `via` is an index), affected files
   * carry `impact` and `importLine`, and `packages` and `overview` were added.
   */
  version: 2;
  mode: DiffMode;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string | null };
  /** The tsconfig files used to resolve modules, repo-relative. */
  tsconfigs: string[];
  /** The config file that set the policy (repo-relative), or null for defaults. */
  config: string | null;
  /** Where the policy was read from: the base commit (CI, hook), the working tree, or a --config override. */
  policy: { origin: 'base-commit' | 'working-tree' | 'override' | 'defaults'; commit: string | null };
  changedFiles: ChangedFile[];
  changedSymbols: ChangedSymbol[];
  affectedFiles: AffectedFile[];
  /** Every link of the affected files' chains, shared (see ChainNode); parents come before children. */
  chains: ChainNode[];
  /** The package folders ('' for the root) that hold a changed or affected file, with their names. */
  packages: PackageRef[];
  /** Unknowns that could hide an edge into this change's blast radius: they count towards `onUnknown`. */
  unknowns: Unknown[];
  /** Unknowns elsewhere in the repository: none could hide part of this change; reported, not counted. */
  unknownsElsewhere: Unknown[];
  /** Changed files that match the config's `ignore` globs: shown here, not analysed. */
  ignoredChanges: string[];
  /** Test files in the blast radius (changed or affected, matching the `tests` globs). */
  affectedTests: string[];
  /** Git submodules: not analysed (their code is another repository's); imports into them are unknowns. */
  skipped: string[];
  /** Every named risk signal, in a fixed order. */
  signals: Signal[];
  publicApi: ApiChange[];
  critical: CriticalHit[];
  /** Changed or affected source files (not tests) that no test file reaches through imports. */
  untested: string[];
  nonCode: NonCodeChange[];
  provenance: { state: Provenance; commits: CommitProvenance[] };
  /**
   * CODEOWNERS file used (null when none), owners of changed and affected files, files nobody
   * owns, and the CODEOWNERS lines that were skipped (unsupported syntax, invalid owners, a
   * pattern that cannot compile), so a rule that does not apply is never dropped in silence.
   */
  owners: { source: string | null; reviews: OwnerReview[]; unowned: string[]; skipped: { line: number; message: string }[] };
  signOff: {
    /** Rules (by id) that fired and need sign-off. */
    requiredBy: string[];
    approvals: ApprovalCheck[];
    /** Approvers with a valid signed approval of the head commit. */
    approvedBy: string[];
  };
  /** Findings left out because the baseline file accepts them. */
  baseline: { file: string | null; suppressed: number };
  summary: {
    changedFiles: number;
    changedSymbols: number;
    affectedFiles: number;
    /** Affected files reached by a removed export or changed signature (impact `contract`). */
    contractAffectedFiles: number;
    maxDepth: number;
    unknowns: number;
    unknownsElsewhere: number;
    affectedTests: number;
  };
  verdict: Verdict;
  /** The rule that decided the verdict, in words. */
  decidedBy: string;
  violations: Violation[];
}

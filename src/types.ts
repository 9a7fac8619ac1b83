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
   * `export * from`, and `(module)` for changed top-level code that runs when the file is imported.
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
}

/** One step of an explanation chain: a file, and the export through which the change flows (if any). */
export interface ChainLink {
  file: string;
  symbol: string | null;
}

export interface AffectedFile {
  file: string;
  /** 1 = imports a changed symbol directly; n = n hops from the change. */
  depth: number;
  /** Shortest chain from a changed symbol to this file, first link is the changed symbol. */
  via: ChainLink[];
  /** True when every way this file is reached is through type-only imports. */
  typeOnly: boolean;
  /** Exports of this file that carry the change further. */
  exports: string[];
  /** True when the file uses a symbol that no longer exists (removed export or deleted file). */
  isBroken: boolean;
}

export type UnknownKind = 'unresolved-import' | 'dynamic-import' | 'parse-error' | 'unreadable-file';

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
  actual: number;
  limit: number | null;
}

export type Verdict = 'pass' | 'warn' | 'fail';

/** The whole result of a run: what reporters format and what the exit code is derived from. */
export interface RiskReport {
  /** Version of this document's shape; bumped on breaking changes of the JSON output. */
  version: 1;
  mode: DiffMode;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string | null };
  /** The tsconfig files used to resolve modules, repo-relative. */
  tsconfigs: string[];
  /** The config file that set the policy (repo-relative), or null for defaults. */
  config: string | null;
  changedFiles: ChangedFile[];
  changedSymbols: ChangedSymbol[];
  affectedFiles: AffectedFile[];
  unknowns: Unknown[];
  /** Test files in the blast radius (changed or affected, matching the `tests` globs). */
  affectedTests: string[];
  /** Git submodules: not analysed (their code is another repository's); imports into them are unknowns. */
  skipped: string[];
  summary: {
    changedFiles: number;
    changedSymbols: number;
    affectedFiles: number;
    maxDepth: number;
    unknowns: number;
    affectedTests: number;
  };
  verdict: Verdict;
  /** The rule that decided the verdict, in words. */
  decidedBy: string;
  violations: Violation[];
}

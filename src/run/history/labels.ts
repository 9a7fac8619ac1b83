import picomatch from 'picomatch';
import { defaultTestGlobs } from '../../config/defaults.js';
import { blameLines, readDeletedRanges, type HistoryCommit } from '../../git/history-log.js';
import type { Git } from '../../git/git.js';
import { isSourceFile, isVendoredPath } from '../../shared/source-files.js';
import { isFixCommit } from '../../signals/score/fix-commits.js';
import { GitError } from '../../shared/errors.js';
import { readTextsAtCommit } from '../../git/tree-snapshot.js';

/** What later history says about a commit. */
export interface CommitLabel {
  /** A later commit reverts it (`This reverts commit <sha>`, or `Revert "<subject>"`). */
  isReverted: boolean;
  /** SZZ: a later fix commit changed or deleted lines this commit last touched. */
  isBugIntroducing: boolean;
  /** Author times (seconds) of the fixes that blamed it, earliest first: a feature may only use those before its own time. */
  fixTimes: number[];
}

export interface LabelOptions {
  /** A fix only blames commits at most this many days older than itself (default 365). */
  windowDays?: number | undefined;
  /** Fix commits touching more source files than this are refactors in disguise and are skipped (default 30). */
  maxFixFiles?: number | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Labels the `candidates` (first-parent commits) from everything later in `history` (newest
 * first, the whole first-parent history): reverts by message, bug-introducing commits by SZZ
 * (blame, ignoring whitespace, of the source lines each later fix deletes or changes, in the
 * fix's parent, following the first parent; blank and comment-only lines are skipped).
 */
export async function labelCommits(git: Git, history: HistoryCommit[], candidates: Set<string>, options: LabelOptions = {}): Promise<Map<string, CommitLabel>> {
  const windowSeconds = (options.windowDays ?? 365) * 86_400;
  const maxFixFiles = options.maxFixFiles ?? 30;
  const labels = new Map<string, CommitLabel>([...candidates].map((sha) => [sha, { isReverted: false, isBugIntroducing: false, fixTimes: [] }]));
  const oldest = Math.min(...history.filter((commit) => candidates.has(commit.sha)).map((commit) => commit.time));
  const later = history.filter((commit) => commit.time >= oldest);
  markReverts(later, labels);

  const isTest = picomatch(defaultTestGlobs, { dot: true });
  const times = new Map(history.map((commit) => [commit.sha, commit.time]));
  const fixes = later.filter((commit) => commit.parent !== null && isFixCommit(commit.subject));
  for (const [index, fix] of fixes.entries()) {
    options.onProgress?.(index, fixes.length);
    const paths = fix.files.filter((file) => isSourceFile(file.path) && !isTest(file.path) && !isVendoredPath(file.path)).map((file) => file.path);
    if (paths.length === 0 || paths.length > maxFixFiles) continue;
    const parent = fix.parent as string;
    let ranges: Map<string, { start: number; count: number }[]>;
    let texts: Map<string, string>;
    try {
      ranges = await readDeletedRanges(git, parent, fix.sha, paths);
      // By path through the tree listing: blobs are only ever requested by object id.
      texts = await readTextsAtCommit(git, parent, [...ranges.keys()]);
    } catch (error) {
      // A fix whose files the clone lacks (a partial mirror) cannot blame anything: skipped.
      if (error instanceof GitError) continue;
      throw error;
    }
    const blamed = new Set<string>();
    for (const [path, fileRanges] of ranges) {
      const lines = (texts.get(path) ?? '').split('\n');
      const wanted = fileRanges.flatMap((range) => Array.from({ length: range.count }, (_, offset) => range.start + offset)).filter((line) => isMeaningfulLine(lines[line - 1]));
      for (const sha of (await blameLines(git, parent, path, wanted)).values()) blamed.add(sha);
    }
    for (const sha of blamed) {
      const label = labels.get(sha);
      const time = times.get(sha);
      if (label === undefined || time === undefined || fix.time - time > windowSeconds) continue;
      label.isBugIntroducing = true;
      label.fixTimes.push(fix.time);
    }
  }
  options.onProgress?.(fixes.length, fixes.length);
  for (const label of labels.values()) label.fixTimes.sort((a, b) => a - b);
  return labels;
}

/** Blank lines and lines holding only a comment change no behaviour; blaming them adds noise. */
export function isMeaningfulLine(line: string | undefined): boolean {
  if (line === undefined) return false;
  const trimmed = line.trim();
  return trimmed !== '' && !/^(\/\/|\/\*|\*\/|\*(\s|$)|\*\*)/.test(trimmed);
}

function markReverts(commits: HistoryCommit[], labels: Map<string, CommitLabel>): void {
  const bySubject = new Map<string, string>();
  // Oldest first, so a subject maps to the latest commit before the revert.
  for (const commit of [...commits].reverse()) {
    for (const match of commit.message.matchAll(/This reverts commit ([0-9a-f]{7,40})/g)) {
      const prefix = match[1] as string;
      for (const [sha, label] of labels) if (sha.startsWith(prefix)) label.isReverted = true;
    }
    const quoted = /^revert:?\s*"(.+)"/i.exec(commit.subject);
    const target = quoted ? bySubject.get(stripPullNumber(quoted[1] as string)) : undefined;
    if (target !== undefined) {
      const label = labels.get(target);
      if (label) label.isReverted = true;
    }
    bySubject.set(stripPullNumber(commit.subject), commit.sha);
  }
}

/** `feat: x (#123)` and `feat: x` are the same change before and after a squash merge. */
function stripPullNumber(subject: string): string {
  return subject.replace(/\s*\(#\d+\)\s*$/, '').trim();
}

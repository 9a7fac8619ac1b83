import { compareStrings } from '../shared/compare.js';
import { decodeGitPath } from '../git/git-path.js';
import type { ChangedFile, FileStatus, LineRange } from '../shared/types.js';

/** One entry of `git diff --name-status -z`. */
export interface NameStatusEntry {
  status: FileStatus;
  oldPath: string;
  path: string;
}

/** Parses `git diff --name-status -z -M` output. Copies count as additions; type changes as modifications. */
export function parseNameStatus(output: string): NameStatusEntry[] {
  const fields = output.split('\0');
  const entries: NameStatusEntry[] = [];
  let index = 0;
  while (index < fields.length) {
    const code = fields[index++] ?? '';
    if (code === '') continue;
    const letter = code[0];
    if (letter === 'R' || letter === 'C') {
      const oldPath = fields[index++] ?? '';
      const path = fields[index++] ?? '';
      entries.push(letter === 'R' ? { status: 'renamed', oldPath, path } : { status: 'added', oldPath: path, path });
      continue;
    }
    const path = fields[index++] ?? '';
    const status: FileStatus = letter === 'A' ? 'added' : letter === 'D' ? 'deleted' : 'modified';
    entries.push({ status, oldPath: path, path });
  }
  return entries;
}

/** Changed line ranges and binary-ness per file, keyed by the head-side path (old path for deletions). */
export interface PatchFacts {
  oldRanges: LineRange[];
  newRanges: LineRange[];
  isBinary: boolean;
  hasModeChange: boolean;
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses `git diff -U0 --src-prefix=a/ --dst-prefix=b/` output. We pin the prefixes on the
 * command line because users' `diff.noprefix` / `diff.mnemonicPrefix` settings would change them.
 */
export function parsePatch(output: string): Map<string, PatchFacts> {
  const facts = new Map<string, PatchFacts>();
  let oldPath: string | null = null;
  let current: PatchFacts | null = null;
  // Lines still due in the current hunk: a removed `-- comment` shows as `--- comment` and an
  // added `++i` as `+++i`, which only the hunk's counts tell apart from file headers.
  let oldLinesDue = 0;
  let newLinesDue = 0;

  for (const line of output.split('\n')) {
    if (oldLinesDue > 0 || newLinesDue > 0) {
      if (line.startsWith('-')) oldLinesDue--;
      else if (line.startsWith('+')) newLinesDue--;
      else if (line.startsWith(' ')) {
        oldLinesDue--;
        newLinesDue--;
      }
      // `\ No newline at end of file` belongs to the hunk and counts for neither side.
      continue;
    }
    if (line.startsWith('diff --git ')) {
      current = { oldRanges: [], newRanges: [], isBinary: false, hasModeChange: false };
      oldPath = null;
      // A mode-only section has no ---/+++ lines: key it by its header when both sides agree.
      const headerPath = samePathOfHeader(line.slice('diff --git '.length));
      if (headerPath !== null) facts.set(headerPath, current);
      continue;
    }
    if (current === null) continue;
    if (line.startsWith('old mode ') || line.startsWith('new file mode ') || line.startsWith('deleted file mode ')) {
      current.hasModeChange = true;
      continue;
    }
    if (line.startsWith('--- ')) {
      oldPath = stripPrefix(unquotePath(line.slice(4)), 'a/');
      continue;
    }
    if (line.startsWith('+++ ')) {
      const newPath = stripPrefix(unquotePath(line.slice(4)), 'b/');
      facts.set(newPath ?? oldPath ?? '', current);
      continue;
    }
    if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      current.isBinary = true;
      const paths = parseBinaryLine(line);
      if (paths) facts.set(paths, current);
      continue;
    }
    const match = hunkHeader.exec(line);
    if (match) {
      const oldRange = { start: Number(match[1]), count: match[2] === undefined ? 1 : Number(match[2]) };
      const newRange = { start: Number(match[3]), count: match[4] === undefined ? 1 : Number(match[4]) };
      current.oldRanges.push(oldRange);
      current.newRanges.push(newRange);
      oldLinesDue = oldRange.count;
      newLinesDue = newRange.count;
    }
  }
  return facts;
}

/** `a/P b/P` (or the quoted form) -> P; null for a rename, whose header names two paths. */
function samePathOfHeader(rest: string): string | null {
  if (rest.startsWith('"')) {
    const match = /^("(?:[^"\\]|\\.)*") ("(?:[^"\\]|\\.)*")$/.exec(rest);
    if (!match) return null;
    const left = stripPrefix(unquotePath(match[1] ?? ''), 'a/');
    const right = stripPrefix(unquotePath(match[2] ?? ''), 'b/');
    return left !== null && left === right ? left : null;
  }
  if ((rest.length - 1) % 2 !== 0) return null;
  const half = (rest.length - 1) / 2;
  const left = rest.slice(0, half);
  const right = rest.slice(half + 1);
  return left.startsWith('a/') && right.startsWith('b/') && left.slice(2) === right.slice(2) ? left.slice(2) : null;
}

/** `Binary files a/x and b/y differ` -> the head-side path (or the old one when deleted). */
function parseBinaryLine(line: string): string | null {
  const match = /^Binary files (.+) and (.+) differ$/.exec(line);
  if (!match) return null;
  return stripPrefix(unquotePath(match[2] ?? ''), 'b/') ?? stripPrefix(unquotePath(match[1] ?? ''), 'a/');
}

function stripPrefix(path: string, prefix: string): string | null {
  if (path === '/dev/null') return null;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Git C-quotes paths with unusual bytes: `"sp\303\244ce\tname"`. */
export function unquotePath(raw: string): string {
  const text = raw.replace(/\t$/, '');
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let index = 1; index < text.length - 1; index++) {
    const char = text[index] ?? '';
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = text[index + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(text.slice(index + 1, index + 4), 8));
      index += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      index += 1;
    }
  }
  return decodeGitPath(Buffer.from(bytes));
}

/** Joins name-status entries with their patch facts into the stage's output shape. */
export function toChangedFiles(entries: NameStatusEntry[], patches: Map<string, PatchFacts>): ChangedFile[] {
  return entries
    .map((entry) => {
      const patch = patches.get(entry.path) ?? patches.get(entry.oldPath);
      return {
        path: entry.path,
        oldPath: entry.oldPath,
        status: entry.status,
        oldRanges: patch?.oldRanges ?? [],
        newRanges: patch?.newRanges ?? [],
        isBinary: patch?.isBinary ?? false,
      };
    })
    .sort((a, b) => compareStrings(a.path, b.path));
}

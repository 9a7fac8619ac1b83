import type Ignore from 'ignore';
import { lazyRequire } from '../shared/lazy-require.js';
import { quoteUntrusted } from '../shared/untrusted-text.js';

const loadIgnore = lazyRequire<typeof Ignore>('ignore');

/** A GitLab section header: `[Name]`, `^[Name]` (optional), `[Name][2]` (approvals), then default owners. */
export interface SectionHeader {
  kind: 'section';
  name: string;
  isOptional: boolean;
  /** Required approvals from `[Name][N]`; null when the header gives none. */
  approvals: number | null;
  ownerTokens: string[];
}

/** A path rule: the pattern as written (escapes kept, since `ignore` reads them) and the raw owner tokens. */
export interface RuleLine {
  kind: 'rule';
  pattern: string;
  ownerTokens: string[];
}

/** A line that cannot be read at all; `message` says why. */
export interface BadLine {
  kind: 'bad';
  message: string;
}

/** What one CODEOWNERS line says, before owners are validated. */
export type CodeownersLine = SectionHeader | RuleLine | BadLine;

// Name, optional approval count, then whatever follows; the name is read before comments are
// stripped so that `[C# tooling]` keeps its `#`.
const sectionHeader = /^(\^)?\[([^\]]*)\](?:\[([^\]]*)\])?(.*)$/;

/**
 * Splits a line into whitespace-separated tokens, keeping backslash escapes in the token text.
 * An unescaped `#` that starts a token starts a comment, which covers both `# whole line` and
 * `pattern @owner # trailing`; a `#` inside a token (`a#b`) is part of it.
 */
export function tokenizeLine(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (let index = 0; index < line.length; index += 1) {
    const char = line.charAt(index);
    if (char === '\\' && index + 1 < line.length) {
      current += char + line.charAt(index + 1);
      index += 1;
    } else if (char === ' ' || char === '\t') {
      if (current !== '') tokens.push(current);
      current = '';
    } else if (char === '#' && current === '') {
      break;
    } else {
      current += char;
    }
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

/** Reads one line; null for blank lines and comments. */
export function readCodeownersLine(line: string): CodeownersLine | null {
  const trimmed = line.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('^[')) {
    const header = readSectionHeader(trimmed);
    if (header !== undefined) return header;
  }
  const [pattern, ...ownerTokens] = tokenizeLine(line);
  if (pattern === undefined) return null;
  const unsupported = findUnsupportedSyntax(pattern);
  if (unsupported !== undefined) return { kind: 'bad', message: unsupported };
  return { kind: 'rule', pattern, ownerTokens };
}

function readSectionHeader(trimmed: string): SectionHeader | BadLine | undefined {
  const match = sectionHeader.exec(trimmed);
  if (match === null) return undefined;
  const [, caret, rawName = '', rawApprovals, rest = ''] = match;
  // `[ab]c.js @x` is a character-range pattern, not a header: a header ends at whitespace.
  if (rest !== '' && !/^\s/.test(rest)) return undefined;
  const name = rawName.trim();
  if (name === '') return { kind: 'bad', message: `section header ${quoteUntrusted(trimmed)} has an empty name` };
  if (rawApprovals !== undefined && !/^\d+$/.test(rawApprovals)) {
    return { kind: 'bad', message: `section ${quoteUntrusted(name)}: approval count ${quoteUntrusted(`[${rawApprovals}]`)} is not a whole number` };
  }
  return {
    kind: 'section',
    name,
    isOptional: caret === '^',
    approvals: rawApprovals === undefined ? null : Number(rawApprovals),
    ownerTokens: tokenizeLine(rest),
  };
}

/** Gitignore syntax that GitHub documents as not working in CODEOWNERS, as a problem message. */
function findUnsupportedSyntax(pattern: string): string | undefined {
  if (pattern.startsWith('!')) return `pattern ${quoteUntrusted(pattern)}: "!" negation is not supported in CODEOWNERS; line skipped`;
  if (/(^|[^\\])(\\\\)*\[/.test(pattern)) {
    return `pattern ${quoteUntrusted(pattern)}: "[ ]" character ranges are not supported in CODEOWNERS (or a malformed section header); line skipped`;
  }
  return undefined;
}

// GitHub users and teams (`@org/team`), GitLab users and nested groups (`@group/sub/team`).
const namedOwner = /^@[\w.-]+(?:\/[\w.-]+)*$/;
// GitLab role owners such as `@@maintainer`.
const roleOwner = /^@@[A-Za-z]+$/;
const emailOwner = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True for `@user`, `@org/team`, GitLab `@@role`, or an email address. */
export function isOwnerToken(token: string): boolean {
  return namedOwner.test(token) || roleOwner.test(token) || emailOwner.test(token);
}

/** Tests a repo-relative path against one CODEOWNERS pattern. */
export type PatternMatcher = (file: string) => boolean;

/**
 * Compiles one pattern with gitignore semantics (case-sensitive, as GitHub paths are), plus
 * GitHub's one departure: a trailing lone `*` after a slash (`docs/*`, `/*`) matches direct
 * children only, whereas gitignore would also match everything inside a matched subfolder.
 * Re-including the folders the pattern matches (the pattern negated, with a trailing slash)
 * removes exactly that inheritance and nothing else.
 */
export function compilePattern(pattern: string): PatternMatcher {
  const ignore = loadIgnore();
  const matcher = ignore({ ignorecase: false }).add(pattern);
  if (pattern.endsWith('/*')) matcher.add(`!${pattern}/`);
  return (file) => {
    const path = normalizeRepoPath(file);
    return ignore.isPathValid(path) && matcher.ignores(path);
  };
}

/** Repo-relative form `ignore` accepts: no leading `./` or `/`. */
export function normalizeRepoPath(file: string): string {
  return file.replace(/^(?:\.?\/)+/, '');
}

import { quoteUntrusted } from '../shared/untrusted-text.js';
import { compilePattern, isOwnerToken, readCodeownersLine } from './codeowners-syntax.js';
import type { PatternMatcher } from './codeowners-syntax.js';

/** Where CODEOWNERS may live, in the order GitHub and GitLab look (first existing wins). */
export const codeownersLocations: readonly string[] = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'];

/** Picks the CODEOWNERS file among the repo's tracked paths, or null. */
export function findCodeownersPath(paths: readonly string[]): string | null {
  const tracked = new Set(paths);
  return codeownersLocations.find((location) => tracked.has(location)) ?? null;
}

/** One path rule of a CODEOWNERS file. */
export interface OwnerRule {
  /** The pattern as written, backslash escapes included (`my\ file.txt`). */
  pattern: string;
  /** Owners in file order, deduped; the section's default owners when the line names none; [] clears ownership. */
  owners: string[];
  /** 1-based line number in the CODEOWNERS file. */
  line: number;
  /** GitLab section name as first spelled in the file; null before the first section header. */
  section: string | null;
  /** True inside a GitLab optional section (`^[Name]`): its owners may review but need not approve. */
  isOptional: boolean;
}

/** A line that was skipped or only partly understood; parsing never throws. */
export interface CodeownersProblem {
  /** 1-based line number. */
  line: number;
  message: string;
}

/** A parsed CODEOWNERS file: plain data, safe to serialise. */
export interface Codeowners {
  /** Repo-relative path the text came from, for messages. */
  source: string;
  /** Rules in file order. */
  rules: OwnerRule[];
  problems: CodeownersProblem[];
}

interface Section {
  name: string | null;
  isOptional: boolean;
  defaultOwners: string[];
}

const unnamedSection: Section = { name: null, isOptional: false, defaultOwners: [] };

/**
 * Parses CODEOWNERS text with GitHub and GitLab semantics. Lines GitHub would skip (unsupported
 * syntax, malformed owners) are skipped here too and listed in `problems`, so the rules that
 * remain behave as they would on the server.
 */
export function parseCodeowners(text: string, source: string): Codeowners {
  const rules: OwnerRule[] = [];
  const problems: CodeownersProblem[] = [];
  // Section names are case-insensitive and repeated headers merge, so key them by lower case
  // and keep the first spelling for display.
  const sectionNames = new Map<string, string>();
  let section = unnamedSection;
  splitLines(text).forEach((content, index) => {
    const line = index + 1;
    const parsed = readCodeownersLine(content);
    if (parsed === null) return;
    if (parsed.kind === 'bad') {
      problems.push({ line, message: parsed.message });
      return;
    }
    const invalid = parsed.ownerTokens.filter((token) => !isOwnerToken(token));
    const owners = unique(parsed.ownerTokens.filter(isOwnerToken));
    if (parsed.kind === 'section') {
      const key = parsed.name.toLowerCase();
      const name = sectionNames.get(key) ?? parsed.name;
      sectionNames.set(key, name);
      // The header still opens the section, so its rules never fall into the previous one.
      if (invalid.length > 0) problems.push({ line, message: `section ${quoteUntrusted(name)}: ${describeInvalid(invalid)}; default owners ignored` });
      section = { name, isOptional: parsed.isOptional, defaultOwners: invalid.length > 0 ? [] : owners };
      return;
    }
    if (invalid.length > 0) {
      problems.push({ line, message: `pattern ${quoteUntrusted(parsed.pattern)}: ${describeInvalid(invalid)}; line skipped` });
      return;
    }
    const rule: OwnerRule = {
      pattern: parsed.pattern,
      owners: owners.length > 0 ? owners : [...section.defaultOwners],
      line,
      section: section.name,
      isOptional: section.isOptional,
    };
    // A pattern the regular-expression engine refuses (e.g. 100,000 characters) is skipped
    // like any unsupported line, never an internal error for the whole run.
    const compileError = tryCompile(rule);
    if (compileError !== undefined) {
      problems.push({ line, message: `pattern ${quoteUntrusted(parsed.pattern)} cannot be compiled (${quoteUntrusted(compileError)}); line skipped` });
      return;
    }
    rules.push(rule);
  });
  return { source, rules, problems };
}

/** Owners of one repo-relative file: last matching rule wins within each section; sections add up. */
export interface FileOwners {
  file: string;
  /** Union of the winning rules' owners, sorted and deduped; [] when unowned or unmatched. */
  owners: string[];
  /** The winning rule of each section that matched, by line; [] means no rule matched at all. */
  rules: OwnerRule[];
}

/**
 * Finds who owns a file. `rules` tells "explicitly unowned" (a matching rule with no owners)
 * apart from "not covered" (no matching rule).
 */
export function findOwners(codeowners: Codeowners, file: string): FileOwners {
  const winners = new Map<string | null, OwnerRule>();
  for (const rule of codeowners.rules) {
    if (matcherFor(rule)(file)) winners.set(rule.section, rule);
  }
  const rules = [...winners.values()].sort((left, right) => left.line - right.line);
  const owners = unique(rules.flatMap((rule) => rule.owners)).sort();
  return { file, owners, rules };
}

// Compiling a pattern builds regexes; remember them per rule object so that asking about many
// files stays cheap, without putting functions into the plain-data rules.
const matchers = new WeakMap<OwnerRule, { pattern: string; matches: PatternMatcher }>();

function matcherFor(rule: OwnerRule): PatternMatcher {
  const cached = matchers.get(rule);
  if (cached !== undefined && cached.pattern === rule.pattern) return cached.matches;
  const matches = compilePattern(rule.pattern);
  matchers.set(rule, { pattern: rule.pattern, matches });
  return matches;
}

/** Compiles the rule's matcher once (kept for findOwners); the engine's message when it cannot. */
function tryCompile(rule: OwnerRule): string | undefined {
  try {
    matcherFor(rule)('probe');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function describeInvalid(tokens: readonly string[]): string {
  const quoted = tokens.slice(0, 5).map((token) => quoteUntrusted(token)).join(', ') + (tokens.length > 5 ? ` and ${tokens.length - 5} more` : '');
  return `${quoted} ${tokens.length === 1 ? 'is not an owner' : 'are not owners'} (expected @user, @org/team or an email)`;
}

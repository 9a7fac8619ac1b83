import { provenancePatternFlags } from '../config/signal-names.js';
import type { CommitInfo, CommitPerson } from '../git/read-commits.js';
import type { CommitProvenance, Provenance } from '../shared/types.js';

export type { CommitProvenance, Provenance };

/** Project-specific signals, added to the built-in ones below (never replacing them). */
export interface ProvenancePatterns {
  /** extra regex sources (case-insensitive) matched against "Name <email>" of Co-authored-by trailers */
  coAuthors: string[];
  /** extra regex sources matched against the author's and committer's "Name <email>" */
  authors: string[];
  /** extra trailer keys (case-insensitive) whose presence with a non-negative value means AI-assisted */
  trailers: string[];
}

/** The verdict for a whole change (every analysed commit), with each commit's verdict. */
export interface ChangeProvenance {
  provenance: Provenance;
  commits: CommitProvenance[];
}


/**
 * AI assistants and agents, as regex sources matched against "Name <email>" of co-authors,
 * authors and committers. Fixed tool addresses and bot accounts rather than bare names, so a
 * human called Claude, or someone who works at anthropic.com, is not matched. Automation
 * accounts such as dependabot or renovate are left out on purpose: they are not AI.
 */
export const knownAssistantIdentities: readonly string[] = [
  String.raw`<noreply@anthropic\.com>`, // Claude Code: "Claude <…>", "Claude Opus 4.6 (1M context) <…>"
  String.raw`\bclaude(-code)?\[bot\]`, // Claude GitHub app
  String.raw`\+copilot@users\.noreply\.github\.com>`, // "Copilot <198982749+Copilot@…>", VS Code's 223556219+, 175728472+
  String.raw`\bcopilot(-swe-agent)?\[bot\]`, // Copilot coding agent
  String.raw`^(github )?copilot\s*<`, // "GitHub Copilot <noreply@github.com>" and similar hand-written trailers
  String.raw`<(cursoragent|noreply)@cursor\.com>`, // "Cursor Agent <cursoragent@cursor.com>"
  String.raw`\bcursor(-agent)?\[bot\]`,
  String.raw`^cursor( agent)?\s*<`,
  String.raw`^aider\b[^<]*<[^>]*aider[^>]*>`, // "aider (gpt-4o) <aider@aider.chat>", older "<noreply@aider.chat>"
  String.raw`\(aider\)\s*<`, // aider's own author/committer marking: "Jane Doe (aider) <jane@…>"
  String.raw`\bchatgpt-codex-connector\[bot\]`, // OpenAI Codex cloud
  String.raw`<(noreply|codex)@openai\.com>`, // "Codex <noreply@openai.com>", "ChatGPT <noreply@openai.com>"
  String.raw`\bgemini-code-assist\b`, // Gemini Code Assist app and "Gemini <gemini-code-assist@google.com>"
  String.raw`^gemini\b[^<]*<[^>]*google\.com>`, // "Gemini CLI Agent <gemini-cli-agent@google.com>", "Gemini <noreply@google.com>"
  String.raw`\bdevin-ai-integration\[bot\]`, // "Devin <158243242+devin-ai-integration[bot]@…>"
  String.raw`\bamazon-q-developer\[bot\]`,
  String.raw`^amazon q( developer)?\s*<`,
  String.raw`<noreply@(codeium|windsurf)\.com>`, // Windsurf / Codeium
  String.raw`^(windsurf|codeium)( cascade)?\s*<`,
  String.raw`\bgoogle-labs-jules\[bot\]`, // Jules
  String.raw`<openhands@all-hands\.dev>`, // OpenHands
  String.raw`<noreply@opencode\.ai>`, // opencode
  String.raw`<amp@ampcode\.com>`, // Amp
  String.raw`<noreply@cline\.bot>`, // Cline
  String.raw`\bsweep-ai\[bot\]`,
  String.raw`\bfactory-droid\[bot\]`,
];

/**
 * Trailers that declare AI use: any value except a negative one ("none", "no", "false", ...)
 * means AI-assisted; a negative one declares the commit human-written. The Linux kernel,
 * Fedora and LLVM ask for `Assisted-by`; the ASF for `Generated-by`.
 */
export const knownDeclarationTrailers: readonly string[] = ['Assisted-by', 'AI-assisted', 'AI-assisted-by', 'Generated-by', 'AI-generated', 'AI-generated-by', 'AI-agent', 'AI-model', 'Amp-Thread-ID'];

/** Trailers that name people; they mean AI when the person is an assistant. */
const personTrailers = new Set(['co-authored-by', 'co-developed-by']);

/** For a person trailer without an email, such as "Co-developed-by: Claude Code". */
const assistantName = /^(claude|anthropic|github copilot|copilot|cursor|aider|codex|chatgpt|openai|gemini|devin|amazon q|windsurf|codeium|jules|openhands|opencode|amp|cline|sweep)\b/i;

const negativeValue = /^(no|none|false|off|0|n\/a|nothing)\.?$/i;

interface Matchers {
  coAuthors: RegExp[];
  authors: RegExp[];
  declarationKeys: Set<string>;
}

/** Classifies one commit. An AI signal wins over a human declaration in the same commit. */
export function classifyCommit(commit: CommitInfo, patterns: ProvenancePatterns): CommitProvenance {
  return classifyWith(commit, compileMatchers(patterns));
}

/** Any AI-assisted commit makes the change AI-assisted; only all human-declared makes it human-declared; otherwise unknown (including zero commits). */
export function classifyChange(commits: CommitInfo[], patterns: ProvenancePatterns): ChangeProvenance {
  const matchers = compileMatchers(patterns);
  const classified = commits.map((commit) => classifyWith(commit, matchers));
  const provenance: Provenance = classified.some((commit) => commit.provenance === 'ai-assisted')
    ? 'ai-assisted'
    : classified.length > 0 && classified.every((commit) => commit.provenance === 'human-declared')
      ? 'human-declared'
      : 'unknown';
  return { provenance, commits: classified };
}

function compileMatchers(patterns: ProvenancePatterns): Matchers {
  const compile = (sources: readonly string[]): RegExp[] => sources.map((source) => new RegExp(source, provenancePatternFlags));
  const identities = compile(knownAssistantIdentities);
  return {
    coAuthors: [...identities, ...compile(patterns.coAuthors)],
    authors: [...identities, ...compile(patterns.authors)],
    // Like git's %(trailers:key=...), a trailing colon in a configured key is allowed.
    declarationKeys: new Set([...knownDeclarationTrailers, ...patterns.trailers].map((key) => key.trim().replace(/:$/, '').toLowerCase())),
  };
}

function classifyWith(commit: CommitInfo, matchers: Matchers): CommitProvenance {
  const ai = new Set<string>();
  const human = new Set<string>();
  for (const [role, person] of [['author', commit.author], ['committer', commit.committer]] as const) {
    const identity = formatPerson(person);
    if (matchesAny(matchers.authors, identity)) ai.add(`${role} ${identity}`);
  }
  for (const trailer of commit.trailers) {
    const key = trailer.key.toLowerCase();
    const value = collapseSpace(trailer.value);
    const line = `trailer ${trailer.key}: ${value}`;
    if (personTrailers.has(key) && isAssistant(value, matchers.coAuthors)) ai.add(line);
    else if (matchers.declarationKeys.has(key) && value !== '') (negativeValue.test(value) ? human : ai).add(line);
  }
  const base = { sha: commit.sha, subject: commit.subject };
  // Fail closed: a commit that says both is treated as AI-assisted, and shows both.
  if (ai.size > 0) return { ...base, provenance: 'ai-assisted', evidence: [...ai, ...[...human].map((line) => `${line} (overridden: an AI signal wins)`)] };
  if (human.size > 0) return { ...base, provenance: 'human-declared', evidence: [...human] };
  return { ...base, provenance: 'unknown', evidence: ['no provenance trailer'] };
}

function isAssistant(value: string, patterns: RegExp[]): boolean {
  return matchesAny(patterns, value) || (!value.includes('<') && assistantName.test(value.normalize('NFKC')));
}

/** NFKC folds look-alikes such as full-width letters before matching; evidence keeps the text as written. */
function matchesAny(patterns: RegExp[], text: string): boolean {
  const folded = text.normalize('NFKC');
  return patterns.some((pattern) => pattern.test(folded));
}

function formatPerson(person: CommitPerson): string {
  return collapseSpace(`${person.name} <${person.email}>`);
}

function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

import { afterEach, describe, expect, it } from 'vitest';
import { createGit } from '../src/git/git.js';
import { parseLogOutput, readCommits, type CommitInfo, type CommitPerson } from '../src/git/read-commits.js';
import { GitError } from '../src/shared/errors.js';
import { classifyChange, classifyCommit, knownAssistantIdentities, type ProvenancePatterns } from '../src/provenance/classify-commit.js';
import { provenancePatternFlags } from '../src/config/signal-names.js';
import { cleanupScratch, createScratchRepo } from './helpers/scratch-repo.js';

const noExtras: ProvenancePatterns = { coAuthors: [], authors: [], trailers: [] };
const human: CommitPerson = { name: 'Ada Lovelace', email: 'ada@example.com' };

/** A commit by a human; `trailers` are "Key: value" lines. */
function commit(trailers: string[] = [], people: { author?: CommitPerson; committer?: CommitPerson; sha?: string } = {}): CommitInfo {
  return {
    sha: people.sha ?? 'a'.repeat(40),
    subject: 'change something',
    author: people.author ?? human,
    committer: people.committer ?? people.author ?? human,
    trailers: trailers.map((line) => ({ key: line.slice(0, line.indexOf(':')), value: line.slice(line.indexOf(':') + 1).trim() })),
  };
}

function verdict(trailers: string[], people: { author?: CommitPerson; committer?: CommitPerson } = {}, patterns = noExtras): string {
  return classifyCommit(commit(trailers, people), patterns).provenance;
}

function person(identity: string): CommitPerson {
  const match = /^(.*) <(.*)>$/.exec(identity);
  if (!match) throw new Error(`not "Name <email>": ${identity}`);
  return { name: match[1] ?? '', email: match[2] ?? '' };
}

describe('classifyCommit', () => {
  it('reads a Claude Code co-author trailer, with its exact evidence', () => {
    const result = classifyCommit(commit(['Co-Authored-By: Claude <noreply@anthropic.com>', 'Signed-off-by: Ada Lovelace <ada@example.com>']), noExtras);
    expect(result).toEqual({ sha: 'a'.repeat(40), subject: 'change something', provenance: 'ai-assisted', evidence: ['trailer Co-Authored-By: Claude <noreply@anthropic.com>'] });
  });

  it.each([
    'Claude Opus 4.6 (1M context) <noreply@anthropic.com>',
    'claude[bot] <209825114+claude[bot]@users.noreply.github.com>',
    'Copilot <175728472+Copilot@users.noreply.github.com>',
    'Copilot <198982749+Copilot@users.noreply.github.com>',
    'Copilot <223556219+Copilot@users.noreply.github.com>',
    'GitHub Copilot <noreply@github.com>',
    'Cursor Agent <cursoragent@cursor.com>',
    'aider (anthropic/claude-sonnet-4-20250514) <aider@aider.chat>',
    'aider (gpt-4o) <noreply@aider.chat>',
    'Codex <noreply@openai.com>',
    'chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>',
    'Gemini CLI Agent <gemini-cli-agent@google.com>',
    'Gemini <gemini-code-assist@google.com>',
    'Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>',
    'Amazon Q Developer <208079219+amazon-q-developer[bot]@users.noreply.github.com>',
    'Windsurf <noreply@codeium.com>',
    'google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>',
    'openhands <openhands@all-hands.dev>',
    'opencode <noreply@opencode.ai>',
    'Amp <amp@ampcode.com>',
    'Cline <noreply@cline.bot>',
  ])('knows the co-author %s', (identity) => {
    expect(verdict([`Co-authored-by: ${identity}`])).toBe('ai-assisted');
  });

  it.each([
    'copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>',
    'devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>',
    'cursor[bot] <206951365+cursor[bot]@users.noreply.github.com>',
    'claude[bot] <209825114+claude[bot]@users.noreply.github.com>',
    'google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>',
    'chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>',
    'amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>',
    'Ada Lovelace (aider) <ada@example.com>',
  ])('knows the agent author %s', (identity) => {
    const result = classifyCommit(commit([], { author: person(identity) }), noExtras);
    expect(result.provenance).toBe('ai-assisted');
    expect(result.evidence).toEqual([`author ${identity}`, `committer ${identity}`]);
  });

  it('flags an agent committer under a human author', () => {
    const result = classifyCommit(commit([], { committer: person('Ada Lovelace (aider) <ada@example.com>') }), noExtras);
    expect(result.evidence).toEqual(['committer Ada Lovelace (aider) <ada@example.com>']);
  });

  it('leaves automation bots, the GitHub web committer and near-miss humans unknown', () => {
    const automation = ['dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>', 'renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>', 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>'];
    for (const identity of automation) expect(verdict([], { author: person(identity), committer: person('GitHub <noreply@github.com>') })).toBe('unknown');
    const nearMisses = ['Claude Shannon <claude.shannon@example.edu>', 'Jane Doe <jane@anthropic.com>', 'Devin Brown <devin.brown@example.com>', 'Maria Copilotti <maria@example.it>', 'Gemini Smith <gemini@example.com>', 'Wojciech Kowalski <wojciech@openai.com>'];
    for (const identity of nearMisses) {
      expect(verdict([`Co-authored-by: ${identity}`], { author: person(identity) })).toBe('unknown');
    }
  });

  it('treats declaration trailers with any non-negative value as AI-assisted', () => {
    for (const line of ['Assisted-by: Claude:claude-opus-4-6', 'Assisted-by: GitHub Copilot', 'Generated-by: Claude Code (Claude Opus 4.6)', 'AI-assisted: true', 'AI-Assisted: yes', 'ai-assisted: partly, tests only', 'Amp-Thread-ID: https://ampcode.com/threads/T-1']) {
      expect(verdict([line]), line).toBe('ai-assisted');
    }
  });

  it('reads an explicit negative declaration as human-declared', () => {
    for (const line of ['AI-assisted: false', 'AI-assisted: no', 'AI-assisted: None', 'Assisted-by: none', 'Generated-by: none.']) {
      expect(classifyCommit(commit([line]), noExtras), line).toMatchObject({ provenance: 'human-declared', evidence: [`trailer ${line}`] });
    }
  });

  it('never reads a missing or empty declaration as human', () => {
    expect(classifyCommit(commit(), noExtras)).toMatchObject({ provenance: 'unknown', evidence: ['no provenance trailer'] });
    expect(verdict(['Signed-off-by: Ada Lovelace <ada@example.com>', 'Reviewed-by: Grace Hopper <grace@example.org>', 'Co-authored-by: Grace Hopper <grace@example.org>'])).toBe('unknown');
    expect(verdict(['AI-assisted:'])).toBe('unknown');
  });

  it('reads Co-developed-by naming an assistant, with or without an email', () => {
    expect(verdict(['Co-developed-by: Claude Code'])).toBe('ai-assisted');
    expect(verdict(['Co-developed-by: Cursor Agent <cursoragent@cursor.com>'])).toBe('ai-assisted');
    expect(verdict(['Co-developed-by: Grace Hopper <grace@example.org>'])).toBe('unknown');
  });

  it('lets an AI signal win over a human declaration in the same commit, and shows both', () => {
    const result = classifyCommit(commit(['AI-assisted: no', 'Co-authored-by: Claude <noreply@anthropic.com>']), noExtras);
    expect(result).toMatchObject({
      provenance: 'ai-assisted',
      evidence: ['trailer Co-authored-by: Claude <noreply@anthropic.com>', 'trailer AI-assisted: no (overridden: an AI signal wins)'],
    });
    expect(verdict(['Assisted-by: none'], { author: person('copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>') })).toBe('ai-assisted');
  });

  it('ignores key casing, address casing, extra spaces and full-width look-alikes, and lists repeated evidence once', () => {
    expect(verdict(['CO-AUTHORED-BY: Claude <NOREPLY@ANTHROPIC.COM>'])).toBe('ai-assisted');
    const spaced = classifyCommit(commit(['Co-authored-by:    Claude    <noreply@anthropic.com>', 'Co-authored-by: Claude <noreply@anthropic.com>']), noExtras);
    expect(spaced.evidence).toEqual(['trailer Co-authored-by: Claude <noreply@anthropic.com>']);
    expect(verdict(['Co-authored-by: Claude <ｎｏｒｅｐｌｙ@anthropic.com>'])).toBe('ai-assisted');
    expect(verdict(['Co-developed-by: Ｃｌａｕｄｅ'])).toBe('ai-assisted');
  });

  it('adds configured co-author, author and trailer patterns to the built-in ones', () => {
    const extras: ProvenancePatterns = { coAuthors: ['<bot@internal\\.example>$'], authors: ['^ci-agent\\b'], trailers: ['X-Agent:', 'Made-With'] };
    expect(verdict(['Co-authored-by: Helper <BOT@internal.example>'], {}, extras)).toBe('ai-assisted');
    expect(verdict(['Co-authored-by: Helper <bot@internal.example>'])).toBe('unknown');
    // A co-author pattern is not an author pattern, and the other way round.
    expect(verdict([], { author: person('Helper <bot@internal.example>') }, extras)).toBe('unknown');
    expect(verdict([], { author: person('CI-Agent <ci@internal.example>') }, extras)).toBe('ai-assisted');
    expect(verdict(['Co-authored-by: CI-Agent <ci@internal.example>'], {}, extras)).toBe('unknown');
    expect(verdict(['x-agent: planner v2'], {}, extras)).toBe('ai-assisted');
    expect(verdict(['Made-with: none'], {}, extras)).toBe('human-declared');
    expect(verdict(['X-Agent: planner v2'])).toBe('unknown');
    // Built-ins stay on.
    expect(verdict(['Co-authored-by: Claude <noreply@anthropic.com>'], {}, extras)).toBe('ai-assisted');
  });

  it('compiles every built-in pattern with the exported flags', () => {
    for (const source of knownAssistantIdentities) expect(() => new RegExp(source, provenancePatternFlags)).not.toThrow();
  });
});

describe('classifyChange', () => {
  const ai = commit(['Co-authored-by: Claude <noreply@anthropic.com>'], { sha: '1'.repeat(40) });
  const declared = commit(['AI-assisted: no'], { sha: '2'.repeat(40) });
  const silent = commit([], { sha: '3'.repeat(40) });

  it('is AI-assisted if any commit is, human-declared only if all are, and unknown otherwise', () => {
    expect(classifyChange([declared, ai, silent], noExtras).provenance).toBe('ai-assisted');
    expect(classifyChange([declared, declared], noExtras).provenance).toBe('human-declared');
    expect(classifyChange([declared, silent], noExtras).provenance).toBe('unknown');
    expect(classifyChange([], noExtras)).toEqual({ provenance: 'unknown', commits: [] });
  });

  it('keeps every commit verdict in input order', () => {
    const result = classifyChange([silent, ai, declared], noExtras);
    expect(result.commits.map((entry) => `${entry.sha[0] ?? ''} ${entry.provenance}`)).toEqual(['3 unknown', '1 ai-assisted', '2 human-declared']);
  });
});

describe('parseLogOutput', () => {
  it('refuses output it cannot read rather than guessing', () => {
    expect(parseLogOutput('')).toEqual([]);
    expect(() => parseLogOutput(`${'a'.repeat(40)}\0subject\0A\0a@x\0C`)).toThrow(GitError);
    expect(() => parseLogOutput('not a sha\0s\0A\0a@x\0C\0c@x\0\0\x1e\0')).toThrow(/not a commit sha/);
  });
});

describe('readCommits (slow)', () => {
  afterEach(cleanupScratch);

  it('returns base..head oldest first, merges included, with trailers parsed by git', async () => {
    const repo = createScratchRepo('provenance');
    const base = repo.git('rev-parse', 'HEAD').trim();
    const first = repo.commitAll(
      [
        'Add the widget',
        '',
        'Key: value in the body is not a trailer.',
        '',
        'Co-authored-by: Claude <noreply@anthropic.com>',
        'Assisted-by: a value folded',
        '  over two lines',
        'Co-authored-by: Grace Hopper <grace@example.org>',
        'Link: https://example.com/a:b',
      ].join('\n'),
    );
    repo.git('checkout', '-q', '-b', 'side');
    const side = repo.commitAll('Side work %x00 %(trailers) \x1e\x1f done\n\nAI-assisted: no');
    repo.git('checkout', '-q', 'feature');
    repo.git('commit', '-q', '--allow-empty', '--author=copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>', '-m', 'Agent work\n\nRefs: a\x1eb\x1fc');
    const agent = repo.git('rev-parse', 'HEAD').trim();
    repo.git('merge', '-q', '--no-ff', 'side', '-m', "Merge branch 'side' into feature\n\nAssisted-by: none");
    const merge = repo.git('rev-parse', 'HEAD').trim();

    const commits = await readCommits(createGit(repo.dir), base, merge);
    const fixture = { name: 'Fixture', email: 'fixture@example.test' };
    const bySha = new Map(commits.map((entry) => [entry.sha, entry]));
    expect(commits).toHaveLength(4);
    expect(bySha.get(first)).toEqual({
      sha: first,
      subject: 'Add the widget',
      author: fixture,
      committer: fixture,
      trailers: [
        { key: 'Co-authored-by', value: 'Claude <noreply@anthropic.com>' },
        { key: 'Assisted-by', value: 'a value folded over two lines' },
        { key: 'Co-authored-by', value: 'Grace Hopper <grace@example.org>' },
        { key: 'Link', value: 'https://example.com/a:b' },
      ],
    });
    expect(bySha.get(side)).toMatchObject({ subject: 'Side work %x00 %(trailers) \x1e\x1f done', trailers: [{ key: 'AI-assisted', value: 'no' }] });
    expect(bySha.get(agent)).toMatchObject({
      author: { name: 'copilot-swe-agent[bot]', email: '198982749+Copilot@users.noreply.github.com' },
      committer: fixture,
      trailers: [{ key: 'Refs', value: 'a\x1eb\x1fc' }],
    });
    expect(bySha.get(merge)).toMatchObject({ subject: "Merge branch 'side' into feature", trailers: [{ key: 'Assisted-by', value: 'none' }] });
    // Oldest first: every parent before its children, the merge last.
    const order = commits.map((entry) => entry.sha);
    expect(order.indexOf(first)).toBeLessThan(Math.min(order.indexOf(side), order.indexOf(agent)));
    expect(order.at(-1)).toBe(merge);

    expect(classifyChange(commits, noExtras).commits.map((entry) => entry.provenance)).toEqual(
      order.map((sha) => (sha === side || sha === merge ? 'human-declared' : 'ai-assisted')),
    );
  });

  it('returns nothing for an empty range and a GitError for an unknown commit', async () => {
    const repo = createScratchRepo('provenance-empty');
    const head = repo.git('rev-parse', 'HEAD').trim();
    const git = createGit(repo.dir);
    expect(await readCommits(git, head, head)).toEqual([]);
    await expect(readCommits(git, 'f'.repeat(40), head)).rejects.toThrow(GitError);
  });
});

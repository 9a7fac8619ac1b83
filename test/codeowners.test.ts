import { describe, expect, it } from 'vitest';
import { codeownersLocations, findCodeownersPath, findOwners, parseCodeowners } from '../src/owners/codeowners.js';
import type { Codeowners } from '../src/owners/codeowners.js';

function parse(text: string): Codeowners {
  return parseCodeowners(text, '.github/CODEOWNERS');
}

/** Owners of each file, so one assertion covers a whole pattern. */
function ownersOf(text: string, files: string[]): Record<string, string[]> {
  const codeowners = parse(text);
  return Object.fromEntries(files.map((file) => [file, findOwners(codeowners, file).owners]));
}

/** Which of the files one pattern matches. */
function matched(pattern: string, files: string[]): string[] {
  const codeowners = parse(`${pattern} @owner\n`);
  return files.filter((file) => findOwners(codeowners, file).rules.length > 0);
}

describe('findCodeownersPath', () => {
  it('looks in .github/, the root, docs/ then .gitlab/', () => {
    expect(codeownersLocations).toEqual(['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']);
    expect(findCodeownersPath(['src/a.ts', 'docs/CODEOWNERS', 'CODEOWNERS', '.github/CODEOWNERS'])).toBe('.github/CODEOWNERS');
    expect(findCodeownersPath(['.gitlab/CODEOWNERS', 'docs/CODEOWNERS'])).toBe('docs/CODEOWNERS');
    expect(findCodeownersPath(['.gitlab/CODEOWNERS'])).toBe('.gitlab/CODEOWNERS');
  });

  it('returns null when there is none, and ignores look-alikes', () => {
    expect(findCodeownersPath([])).toBeNull();
    expect(findCodeownersPath(['codeowners', 'src/CODEOWNERS', '.github/CODEOWNERS.md'])).toBeNull();
  });
});

describe('parseCodeowners: lines', () => {
  it('skips comments and blank lines, strips trailing comments, and keeps 1-based line numbers', () => {
    const codeowners = parse(['# Owners', '', '*.js   @js-owner # JavaScript', '   ', '  # indented comment', '/docs/ docs@example.com'].join('\n'));
    expect(codeowners.source).toBe('.github/CODEOWNERS');
    expect(codeowners.problems).toEqual([]);
    expect(codeowners.rules).toEqual([
      { pattern: '*.js', owners: ['@js-owner'], line: 3, section: null, isOptional: false },
      { pattern: '/docs/', owners: ['docs@example.com'], line: 6, section: null, isOptional: false },
    ]);
  });

  it('reads CRLF line endings and a byte-order mark', () => {
    const codeowners = parse('\uFEFF*.md @docs\r\n# comment\r\n/src/ @org/core @alice\r\n');
    expect(codeowners.rules.map((rule) => [rule.pattern, rule.owners, rule.line])).toEqual([
      ['*.md', ['@docs'], 1],
      ['/src/', ['@org/core', '@alice'], 3],
    ]);
    expect(findOwners(codeowners, 'README.md').owners).toEqual(['@docs']);
  });

  it('reads escaped # and escaped spaces in patterns', () => {
    const codeowners = parse('\\#notes.md @hash\nmy\\ file.txt @space\nsrc/a\\#b.ts @inner # comment\n');
    expect(codeowners.rules.map((rule) => rule.pattern)).toEqual(['\\#notes.md', 'my\\ file.txt', 'src/a\\#b.ts']);
    expect(findOwners(codeowners, '#notes.md').owners).toEqual(['@hash']);
    expect(findOwners(codeowners, 'docs/my file.txt').owners).toEqual(['@space']);
    expect(findOwners(codeowners, 'src/a#b.ts').owners).toEqual(['@inner']);
    expect(findOwners(codeowners, 'my').owners).toEqual([]);
  });

  it('accepts users, teams, nested groups, GitLab roles and emails, deduped in file order', () => {
    const codeowners = parse('* @Zed @org/team-a jane.doe@example.com @group/sub/team @@maintainer @Zed\n');
    expect(codeowners.problems).toEqual([]);
    expect(codeowners.rules[0]?.owners).toEqual(['@Zed', '@org/team-a', 'jane.doe@example.com', '@group/sub/team', '@@maintainer']);
    expect(findOwners(codeowners, 'x.ts').owners).toEqual(['@@maintainer', '@Zed', '@group/sub/team', '@org/team-a', 'jane.doe@example.com']);
  });

  it('reports malformed owners with their line and skips the line, so earlier rules still apply', () => {
    const codeowners = parse('*.ts @ts\nsrc/*.ts alice @bob not-an-email@\n');
    expect(codeowners.rules.map((rule) => rule.line)).toEqual([1]);
    expect(codeowners.problems).toHaveLength(1);
    expect(codeowners.problems[0]?.line).toBe(2);
    expect(codeowners.problems[0]?.message).toContain('"alice", "not-an-email@" are not owners');
    expect(findOwners(codeowners, 'src/a.ts').owners).toEqual(['@ts']);
  });

  it('reports "!" negation and "[ ]" ranges as unsupported and skips them', () => {
    const codeowners = parse('* @all\n!*.md @nobody\nsrc/[ab].ts @ranges\n[abc].js @ranges\nsrc/\\[x].ts @literal\n');
    expect(codeowners.problems.map((problem) => problem.line)).toEqual([2, 3, 4]);
    expect(codeowners.problems[0]?.message).toContain('negation');
    expect(codeowners.problems[1]?.message).toContain('character ranges');
    expect(codeowners.rules.map((rule) => rule.pattern)).toEqual(['*', 'src/\\[x].ts']);
    expect(findOwners(codeowners, 'src/a.ts').owners).toEqual(['@all']);
    expect(findOwners(codeowners, 'src/[x].ts').owners).toEqual(['@literal']);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '\n\n', '\\', '[', '^[', '[]', '   #', '\u0000 @a', '** ** **', '/ @root']) {
      expect(() => findOwners(parse(text), 'a/b.ts')).not.toThrow();
    }
    expect(parse('').rules).toEqual([]);
    expect(findOwners(parse('* @a'), '').owners).toEqual([]);
  });
});

describe('findOwners: patterns', () => {
  const files = ['app.js', 'src/app.js', 'src/app.ts', 'docs/guide.md', 'docs/api/ref.md', 'src/docs/x.md', 'build/logs/a.log', 'apps/web/logs/b.log'];

  it('matches a pattern without a slash at any depth', () => {
    expect(matched('*.js', files)).toEqual(['app.js', 'src/app.js']);
    expect(matched('docs', files)).toEqual(['docs/guide.md', 'docs/api/ref.md', 'src/docs/x.md']);
    expect(matched('app.ts', files)).toEqual(['src/app.ts']);
  });

  it('anchors a leading slash to the root, while a trailing-slash folder matches at any level', () => {
    expect(matched('/docs/', files)).toEqual(['docs/guide.md', 'docs/api/ref.md']);
    expect(matched('docs/', files)).toEqual(['docs/guide.md', 'docs/api/ref.md', 'src/docs/x.md']);
    expect(matched('/build/logs/', [...files, 'x/build/logs/c.log'])).toEqual(['build/logs/a.log']);
  });

  it('reads ** leading, trailing and in the middle', () => {
    expect(matched('apps/**', files)).toEqual(['apps/web/logs/b.log']);
    expect(matched('**/logs', files)).toEqual(['build/logs/a.log', 'apps/web/logs/b.log']);
    expect(matched('docs/**/*.md', files)).toEqual(['docs/guide.md', 'docs/api/ref.md']);
  });

  it('matches only direct children for a trailing /* (GitHub), unlike gitignore', () => {
    expect(matched('docs/*', files)).toEqual(['docs/guide.md']);
    expect(matched('/*', files)).toEqual(['app.js']);
    expect(matched('**/docs/*', ['a/docs/docs/x.md', 'a/docs/y/z.md'])).toEqual(['a/docs/docs/x.md']);
    expect(matched('*', files)).toEqual(files);
    expect(matched('docs/*.md', files)).toEqual(['docs/guide.md']);
  });

  it('treats a multi-segment pattern as anchored and matches folders it names', () => {
    expect(matched('src/docs', files)).toEqual(['src/docs/x.md']);
    expect(matched('apps/*/logs', files)).toEqual(['apps/web/logs/b.log']);
  });

  it('is case-sensitive and accepts ./ or / prefixed paths', () => {
    expect(matched('*.JS', files)).toEqual([]);
    const codeowners = parse('/src/ @core\n');
    expect(findOwners(codeowners, './src/app.ts').owners).toEqual(['@core']);
    expect(findOwners(codeowners, '/src/app.ts').owners).toEqual(['@core']);
  });
});

describe('findOwners: precedence', () => {
  it('lets the last matching rule win', () => {
    const text = '* @everyone\n*.js @js\n/src/ @core\n/src/legacy/ @legacy\n';
    expect(ownersOf(text, ['README.md', 'lib/a.js', 'src/a.js', 'src/legacy/b.js'])).toEqual({
      'README.md': ['@everyone'],
      'lib/a.js': ['@js'],
      'src/a.js': ['@core'],
      'src/legacy/b.js': ['@legacy'],
    });
  });

  it('tells "explicitly unowned" (a rule with no owners) apart from "not covered"', () => {
    const codeowners = parse('/apps/ @octocat\n/apps/github\n');
    const unowned = findOwners(codeowners, 'apps/github/index.js');
    expect(unowned.owners).toEqual([]);
    expect(unowned.rules).toEqual([{ pattern: '/apps/github', owners: [], line: 2, section: null, isOptional: false }]);
    expect(findOwners(codeowners, 'apps/main/index.js').owners).toEqual(['@octocat']);
    expect(findOwners(codeowners, 'README.md')).toEqual({ file: 'README.md', owners: [], rules: [] });
  });
});

describe('GitLab sections', () => {
  const text = [
    '* @default-owner',
    '[Documentation] @docs-team',
    'docs/',
    '*.md @writer',
    '^[Frontend][2] @fe-lead',
    '*.tsx @fe @alice',
    'src/ui/',
    '[documentation]',
    'docs/internal/ @internal-docs',
  ].join('\n');

  it('parses headers: names, optional ^, approvals, default owners, case-insensitive merge', () => {
    const codeowners = parse(text);
    expect(codeowners.problems).toEqual([]);
    expect(codeowners.rules.map((rule) => [rule.pattern, rule.owners, rule.section, rule.isOptional])).toEqual([
      ['*', ['@default-owner'], null, false],
      ['docs/', ['@docs-team'], 'Documentation', false],
      ['*.md', ['@writer'], 'Documentation', false],
      ['*.tsx', ['@fe', '@alice'], 'Frontend', true],
      ['src/ui/', ['@fe-lead'], 'Frontend', true],
      ['docs/internal/', ['@internal-docs'], 'Documentation', false],
    ]);
  });

  it('adds up owners across sections, each section using its own last match', () => {
    const codeowners = parse(text);
    expect(findOwners(codeowners, 'app/Button.tsx').owners).toEqual(['@alice', '@default-owner', '@fe']);
    // src/ui/ comes after *.tsx in Frontend, so it wins there even for .tsx files.
    expect(findOwners(codeowners, 'src/ui/Button.tsx').owners).toEqual(['@default-owner', '@fe-lead']);
    expect(findOwners(codeowners, 'docs/guide.md').owners).toEqual(['@default-owner', '@writer']);
    // The repeated [documentation] header merged into Documentation, so its later rule wins there.
    const internal = findOwners(codeowners, 'docs/internal/notes.md');
    expect(internal.owners).toEqual(['@default-owner', '@internal-docs']);
    expect(internal.rules.map((rule) => [rule.line, rule.section])).toEqual([
      [1, null],
      [9, 'Documentation'],
    ]);
  });

  it('applies default owners per header and lets explicit owners override them', () => {
    const codeowners = parse('[Backend] @be-team @be-team\napi/\napi/auth/ @security\n[Empty]\nscripts/\n');
    expect(codeowners.rules.map((rule) => [rule.pattern, rule.owners])).toEqual([
      ['api/', ['@be-team']],
      ['api/auth/', ['@security']],
      ['scripts/', []],
    ]);
  });

  it('reports malformed headers without throwing, and keeps section boundaries', () => {
    const codeowners = parse('[] @a\n[Docs][x] @b\n[Ops] oops @ops\ninfra/\n[C# tooling] @dotnet # comment\ntools/\n');
    expect(codeowners.problems.map((problem) => problem.line)).toEqual([1, 2, 3]);
    expect(codeowners.problems[0]?.message).toContain('empty name');
    expect(codeowners.problems[1]?.message).toContain('approval count');
    expect(codeowners.problems[2]?.message).toContain('"oops" is not an owner');
    expect(codeowners.rules.map((rule) => [rule.pattern, rule.owners, rule.section])).toEqual([
      ['infra/', [], 'Ops'],
      ['tools/', ['@dotnet'], 'C# tooling'],
    ]);
  });

  it('keeps results deterministic: owners sorted and deduped across sections', () => {
    const codeowners = parse('* @b @a\n[One]\n* @c @a\n[Two]\n* @b @d\n');
    const first = findOwners(codeowners, 'x');
    expect(first.owners).toEqual(['@a', '@b', '@c', '@d']);
    expect(findOwners(codeowners, 'x')).toEqual(first);
  });
});

describe('hostile CODEOWNERS (issue 16, item 8)', () => {
  it('skips a pattern that cannot compile with a problem naming the line, and cuts long values in every message', () => {
    const huge = `src/${'a*'.repeat(50_000)}`;
    const owner = `x${'y'.repeat(10_000)}`;
    const codeowners = parseCodeowners(['* @team', huge + ' @big', `!${'n'.repeat(5_000)} @x`, `docs/ ${owner}`, `[${'s'.repeat(5_000)}][x] @y`].join('\n'), 'CODEOWNERS');
    expect(codeowners.rules.map((rule) => rule.line)).toEqual([1]);
    expect(codeowners.problems.map((problem) => problem.line)).toEqual([2, 3, 4, 5]);
    expect(codeowners.problems[0]?.message).toMatch(/^pattern "src\/a\*a\*.*"… \(\d+ more characters\) cannot be compiled \(.*\); line skipped$/);
    for (const problem of codeowners.problems) expect(problem.message.length).toBeLessThan(400);
    expect(findOwners(codeowners, 'src/aaaa').owners).toEqual(['@team']);
  });
});

import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/shared/errors.js';
import { parseOutputTargets } from '../src/cli/output-targets.js';
import { parsePrePushInput, isDeletePush } from '../src/git/push-ranges.js';

describe('parseOutputTargets', () => {
  it('defaults to text on standard output', () => {
    expect(parseOutputTargets([], undefined)).toEqual([{ format: 'text', path: null }]);
  });

  it('takes several formats, each to its own file, and one to standard output or --output', () => {
    expect(parseOutputTargets(['text', 'json=out/report.json'], undefined)).toEqual([
      { format: 'text', path: null },
      { format: 'json', path: 'out/report.json' },
    ]);
    expect(parseOutputTargets(['json'], 'report.json')).toEqual([{ format: 'json', path: 'report.json' }]);
  });

  it('one rule for commas: they separate formats only in a value without `=` (issue 16, item 14)', () => {
    expect(parseOutputTargets(['json=out/a,b.json'], undefined)).toEqual([{ format: 'json', path: 'out/a,b.json' }]);
    expect(parseOutputTargets(['text', 'sarif=a,b,c.sarif'], undefined)).toEqual([
      { format: 'text', path: null },
      { format: 'sarif', path: 'a,b,c.sarif' },
    ]);
    // With an `=` the whole value is one target, so `text,json=r.json` names an unknown format.
    expect(() => parseOutputTargets(['text,json=r.json'], undefined)).toThrow(/unknown format "text,json"/);
    expect(() => parseOutputTargets(['text,json'], undefined)).toThrow(/2 formats would share standard output/);
  });

  it('refuses unknown formats and two formats on standard output', () => {
    expect(() => parseOutputTargets(['yaml'], undefined)).toThrow(UsageError);
    expect(() => parseOutputTargets(['text', 'json'], undefined)).toThrow(/2 formats would share standard output/);
  });
});

describe('parsePrePushInput', () => {
  it('reads one pushed ref per line, and recognises deletions', () => {
    const zero = '0'.repeat(40);
    const refs = parsePrePushInput(`refs/heads/a ${'1'.repeat(40)} refs/heads/a ${'2'.repeat(40)}\nrefs/heads/gone ${zero} refs/heads/gone ${'3'.repeat(40)}\n`);
    expect(refs.map((ref) => [ref.localRef, isDeletePush(ref)])).toEqual([
      ['refs/heads/a', false],
      ['refs/heads/gone', true],
    ]);
  });

  it('refuses a malformed line rather than guessing', () => {
    expect(() => parsePrePushInput('refs/heads/a abc')).toThrow(/unexpected pre-push input line/);
  });

  it('shows a malformed line escaped and cut, never raw (issue 16, item 15)', () => {
    const hostile = `refs/heads/a\0\x1b]0;pwned\x07 ${'x'.repeat(100_000)}`;
    let message = '';
    try {
      parsePrePushInput(hostile);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`unexpected pre-push input line: "refs/heads/a\\x00\\x1b]0;pwned\\x07 ${'x'.repeat(80 - 24)}"… (${hostile.length - 80} more characters)`);
    // eslint-disable-next-line no-control-regex -- the point: no control character gets through
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });
});

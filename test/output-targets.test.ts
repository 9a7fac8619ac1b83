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
});

import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../src/report/github.js';
import { sampleReport } from './helpers/sample-report.js';

describe('formatGithub', () => {
  it('prints one workflow command per annotation, errors first, summary last', () => {
    expect(formatGithub(sampleReport())).toMatchInlineSnapshot(`
      "::error file=src/consumer.ts,title=risk%3A broken import::uses an export or file that no longer exists: src/lib/util.ts#oldHelper -> src/consumer.ts#run
      ::error title=risk policy%3A onBrokenImport::1 file(s) still use a removed export
      ::warning file=src/lib/math.ts,line=3,title=risk%3A changed export double::double (function) body: uses changed \`rate\`; reaches 3 affected file(s)
      ::warning file=src/lib/util.ts,title=risk%3A changed export oldHelper::oldHelper (function) removed: export removed; reaches 1 affected file(s)
      ::warning file=src/app.ts,title=risk%3A unknown (unresolved-import)::could not analyse "./missing.js": resolves to no file and no declared dependency
      ::warning title=risk policy%3A onUnknown::1 unknown(s): the analysis could not see everything
      ::notice title=risk%3A FAIL::2 changed export(s) in 2 file(s), 4 affected file(s), max depth 3, 1 unknown(s); onBrokenImport: 1 file(s) still use a removed export
      "
    `);
  });

  it('escapes data and properties per the workflow-command rules', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb');
  });

  it('keeps a hostile file name inside its own command and property', () => {
    const report = sampleReport({
      changedSymbols: [{ file: 'src/a,title=x::y%0A\n::error::pwned.ts', name: 'f`x`', kind: 'function', change: 'body', reason: 'line1\nline2 100%', line: 7 }],
      affectedFiles: [],
      unknowns: [],
      violations: [],
    });
    const lines = formatGithub(report).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      '::warning file=src/a%2Ctitle=x%3A%3Ay%250A%0A%3A%3Aerror%3A%3Apwned.ts,line=7,title=risk%3A changed export f`x`::f`x` (function) body: line1%0Aline2 100%25; reaches 0 affected file(s)',
    );
    expect(lines[1]).toMatch(/^::notice title=risk%3A FAIL::/);
  });

  it('gives a removed export no line, since its line is in the base version', () => {
    const line = formatGithub(sampleReport())
      .split('\n')
      .find((candidate) => candidate.includes('oldHelper (function) removed'));
    expect(line).toMatch(/^::warning file=src\/lib\/util\.ts,title=/);
  });
});

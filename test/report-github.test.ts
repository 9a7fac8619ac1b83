import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub, maxAnnotationsPerKind } from '../src/report/github.js';
import { affected, ChainTable, sampleReport } from './helpers/sample-report.js';

describe('formatGithub', () => {
  it('prints one workflow command per annotation, errors first, summary last', () => {
    expect(formatGithub(sampleReport())).toMatchInlineSnapshot(`
      "::error file=src/consumer.ts,line=1,title=risk%3A broken import::uses an export or file that no longer exists: src/lib/util.ts#oldHelper -> src/consumer.ts#run
      ::error title=risk policy%3A onBrokenImport::1 file(s) still use a removed export
      ::warning file=src/lib/math.ts,line=3,title=risk%3A changed export double::double (function) body: uses changed \`rate\`; reaches 3 affected file(s)
      ::warning file=src/lib/util.ts,title=risk%3A changed export oldHelper::oldHelper (function) removed: export removed; reaches 1 affected file(s)
      ::warning title=risk policy%3A onUnknown::1 unknown(s): the analysis could not see everything
      ::notice title=risk%3A FAIL::onBrokenImport: 1 file(s) still use a removed export. 2 changed export(s) in 2 file(s), 4 affected file(s) (1 contract, 3 behaviour only), max depth 3, 1 unknown(s)
      "
    `);
  });

  it('escapes data and properties per the workflow-command rules', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb');
  });

  it('keeps a hostile file name inside its own command and property', () => {
    const report = sampleReport({
      changedFiles: [{ path: 'src/a,title=x::y%0A\n::error::pwned.ts', oldPath: 'src/a,title=x::y%0A\n::error::pwned.ts', status: 'modified', oldRanges: [{ start: 7, count: 1 }], newRanges: [{ start: 7, count: 1 }], isBinary: false }],
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

  it('annotates a changed export only on a changed line: its declaration, else the first change after it', () => {
    const file = 'src/lib/math.ts';
    const report = sampleReport({
      changedFiles: [{ path: file, oldPath: file, status: 'modified', oldRanges: [{ start: 12, count: 1 }], newRanges: [{ start: 12, count: 1 }], isBinary: false }],
      changedSymbols: [
        { file, name: 'double', kind: 'function', change: 'body', reason: 'body changed', line: 10 },
        { file, name: 'triple', kind: 'function', change: 'body', reason: 'uses changed `rate`', line: 20 },
      ],
    });
    const warnings = formatGithub(report).split('\n').filter((line) => line.startsWith('::warning') && line.includes('changed export'));
    // double's body changed at line 12; triple only uses a changed local: no changed line is its own.
    expect(warnings).toEqual(['::warning file=src/lib/math.ts,line=12,title=risk%3A changed export double::double (function) body: body changed; reaches 3 affected file(s)']);
  });

  it('points a broken import at its import line, and annotates at most 10 of each kind, summarising the rest', () => {
    const table = new ChainTable();
    const broken = Array.from({ length: 25 }, (_, index) => affected(`src/users/u${String(index).padStart(2, '0')}.ts`, 1, [['src/lib/util.ts', 'oldHelper'], [`src/users/u${String(index).padStart(2, '0')}.ts`, null]], { isBroken: true, impact: 'contract', importLine: 4 }, table));
    const output = formatGithub(sampleReport({ affectedFiles: broken, chains: table.nodes }));
    const errors = output.split('\n').filter((line) => line.includes('title=risk%3A broken import'));
    expect(errors).toHaveLength(maxAnnotationsPerKind);
    expect(errors[0]).toBe('::error file=src/users/u00.ts,line=4,title=risk%3A broken import::uses an export or file that no longer exists: src/lib/util.ts#oldHelper -> src/users/u00.ts');
    expect(output).toMatch(/not annotated: 15 more broken import\(s\) \(risk --format json, or --verbose\)\n$/);
  });

  it('gives a removed export no line, since its line is in the base version', () => {
    const line = formatGithub(sampleReport())
      .split('\n')
      .find((candidate) => candidate.includes('oldHelper (function) removed'));
    expect(line).toMatch(/^::warning file=src\/lib\/util\.ts,title=/);
  });
});

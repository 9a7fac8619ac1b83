import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../src/report/markdown.js';
import { formatText } from '../src/report/text.js';
import type { Unknown } from '../src/shared/types.js';
import { sampleReport } from './helpers/sample-report.js';

const elsewhere = (count: number): Unknown[] =>
  Array.from({ length: count }, (_, index): Unknown => ({
    kind: index % 3 === 0 ? 'unresolved-config' : 'unresolved-import',
    file: `examples/app-${String(index).padStart(2, '0')}/page.ts`,
    specifier: index % 3 === 0 ? null : '$lib/x',
    reason: 'test',
  }));

describe('unknowns elsewhere and ignored changes in the text and Markdown reports', () => {
  it('text: counted apart in the summary; with --verbose grouped by kind, the first ten listed', () => {
    const report = sampleReport({ unknownsElsewhere: elsewhere(12), ignoredChanges: ['fixtures/broken/tsconfig.json'] });
    report.summary.unknownsElsewhere = 12;
    const summary = formatText(report).split('\n');
    expect(summary[3]).toMatch(/, 1 unknown\(s\) \(\+12 elsewhere, not counted\), 1 affected test\(s\)$/);
    expect(summary.find((line) => line.startsWith('Also: '))).toContain('1 ignored change(s) (they match `ignore` in the config or are vendored (node_modules) and were not analysed)');
    expect(summary.some((line) => line.startsWith('Elsewhere in the repository'))).toBe(false);
    const lines = formatText(report, { color: false, verbose: true }).split('\n');
    const start = lines.indexOf('Elsewhere in the repository (12): unknowns that cannot hide part of this change, not counted (4 unresolved-config, 8 unresolved-import)');
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 3)).toEqual(['  examples/app-00/page.ts: unresolved-config', '  examples/app-01/page.ts "$lib/x": unresolved-import']);
    expect(lines[start + 11]).toBe('  ... and 2 more (--format json lists them all)');
    expect(lines).toContain('Ignored changes (1): they match `ignore` in the config or are vendored (node_modules) and were not analysed');
    expect(lines).toContain('  fixtures/broken/tsconfig.json');
  });

  it('Markdown: a collapsed section of its own, and the ignored changes', () => {
    const markdown = formatMarkdown(sampleReport({ unknownsElsewhere: elsewhere(2), ignoredChanges: ['fixtures/x.ts'] }));
    expect(markdown).toContain('<summary>Elsewhere in the repository (2): unknowns that cannot hide part of this change, not counted</summary>');
    expect(markdown).toContain('- <code>examples/app-01/page.ts</code> <code>\\$lib/x</code>: unresolved-import');
    expect(markdown).toContain('**Ignored changes (1)**: they match `ignore` in the config or are vendored (node_modules) and were not analysed');
  });

  it('nothing elsewhere and nothing ignored: no section at all', () => {
    const text = formatText(sampleReport(), { color: false, verbose: true });
    expect(text).not.toContain('Elsewhere in the repository');
    expect(text).not.toContain('Ignored changes');
    expect(text).not.toContain('ignored change');
    expect(text).not.toContain('elsewhere');
  });
});

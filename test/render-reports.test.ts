import { describe, expect, it } from 'vitest';
import { renderReports } from '../src/cli/render-reports.js';
import { ResourceError } from '../src/shared/errors.js';
import type { RiskReport } from '../src/shared/types.js';
import { sampleReport } from './helpers/sample-report.js';

describe('renderReports (issue 16, item 10)', () => {
  it('formats as formatReports does', () => {
    expect(JSON.parse(renderReports('json', [sampleReport()], { color: false }))).toMatchObject({ version: 2 });
  });

  it('a report too large for one string is a ResourceError with a hint, not an internal error', () => {
    // What JSON.stringify throws past V8's string limit, without building 512 MB in a test.
    const sample = sampleReport();
    const huge = { ...sample, base: { ...sample.base, toJSON: () => { throw new RangeError('Invalid string length'); } } } as unknown as RiskReport;
    let caught: unknown;
    try {
      renderReports('json', [huge], { color: false });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ResourceError);
    expect((caught as ResourceError).message).toBe('the json report is too large to build (Invalid string length)');
    expect((caught as ResourceError).hint).toMatch(/smaller range/);
  });

  it('any other failure is still an internal error (never swallowed)', () => {
    const sample = sampleReport();
    const broken = { ...sample, base: { ...sample.base, toJSON: () => { throw new TypeError('boom'); } } } as unknown as RiskReport;
    expect(() => renderReports('json', [broken], { color: false })).toThrow(TypeError);
  });
});

import { ResourceError } from '../shared/errors.js';
import { formatReports, type FormatName } from '../report/index.js';
import type { RiskReport } from '../shared/types.js';

/**
 * Formats the reports for one target. A report too large for one JavaScript string (about
 * 512 MB: V8's "Invalid string length") is the user's limit to choose around, not an internal
 * error: a clean exit 2 with a hint.
 */
export function renderReports(format: FormatName, reports: RiskReport[], options: { color: boolean }): string {
  try {
    return formatReports(format, reports, options);
  } catch (error) {
    if (error instanceof RangeError && /invalid (string|array) length/i.test(error.message)) {
      throw new ResourceError(
        `the ${format} report is too large to build (${error.message})`,
        'analyse a smaller range (--base closer to HEAD), or use --format text or markdown, which summarise long lists',
      );
    }
    throw error;
  }
}

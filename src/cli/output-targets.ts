import { UsageError } from '../shared/errors.js';
import { formatNames, isFormatName, type FormatName } from '../report/index.js';

/** One requested report: a format and where it goes (null = standard output). */
export interface OutputTarget {
  format: FormatName;
  path: string | null;
}

/**
 * `--format text --format json=report.json --format sarif=risk.sarif`: any number of
 * `name=file` targets and at most one format for standard output (or `--output`). One rule for
 * commas: `--format text,json=r.json` is not two targets; a comma separates formats only when
 * the value has no `=` (`--format text,json`), so a file name may hold commas.
 */
export function parseOutputTargets(specs: string[], output: string | undefined): OutputTarget[] {
  const targets = (specs.length === 0 ? ['text'] : specs).flatMap((spec) => (spec.includes('=') ? [spec] : spec.split(','))).map((spec): OutputTarget => {
    const equals = spec.indexOf('=');
    const name = equals < 0 ? spec : spec.slice(0, equals);
    const path = equals < 0 ? null : spec.slice(equals + 1);
    if (!isFormatName(name)) throw new UsageError(`unknown format "${name}"`, `use one of: ${formatNames.join(', ')}`);
    if (path === '') throw new UsageError(`--format ${spec} has an empty file name`, 'write --format name=path/to/file');
    return { format: name, path };
  });
  const toStdout = targets.filter((target) => target.path === null);
  if (toStdout.length > 1) {
    throw new UsageError(`${toStdout.length} formats would share standard output`, 'give all but one a file: --format json=report.json');
  }
  if (output !== undefined) {
    const single = toStdout[0];
    if (single === undefined) throw new UsageError('--output needs one format without a file name', 'drop --output, or add e.g. --format text');
    single.path = output;
  }
  return targets;
}

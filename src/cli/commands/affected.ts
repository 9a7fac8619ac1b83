import type { Command } from 'commander';
import { posix, resolve } from 'node:path';
import { readFolderPrefix } from '../../git/working-tree-facts.js';
import { ExitCode } from '../../shared/errors.js';
import type { RiskReport } from '../../shared/types.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';
import { analyseRequested, withRangeOptions, type RangeFlags } from '../range-options.js';

/** `risk affected [--tests]`: the blast radius as paths, one per line, for other tools. */
export function defineAffectedCommand(program: Command, io: Io): void {
  withRangeOptions(program.command('affected'))
    .description('print the files in the blast radius (changed and affected), one per line')
    .option('--tests', 'print only the test files in the blast radius (for vitest related / jest --findRelatedTests)')
    .action(async (flags: RangeFlags & { tests?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
        const reports = await analyseRequested(flags, io);
        const paths = new Set(reports.flatMap((report) => (flags.tests ? report.affectedTests : listBlastRadius(report))));
        // Relative to where it runs, like `git ls-files`, so `vitest run $(risk affected --tests)` works from a package folder too.
        const prefix = await readFolderPrefix(resolve(flags.cwd));
        io.stdout([...paths].map((path) => posix.relative(prefix, path)).sort().map((path) => `${path}\n`).join(''));
        return ExitCode.Ok;
      });
    });
}

/** Files in the blast radius: changed files that still exist, and every affected file. */
function listBlastRadius(report: RiskReport): string[] {
  return [...report.changedFiles.filter((file) => file.status !== 'deleted').map((file) => file.path), ...report.affectedFiles.map((file) => file.file)];
}

import type { Command } from 'commander';
import { posix, resolve } from 'node:path';
import { readFolderPrefix } from '../../git/working-tree-facts.js';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { quoteUntrusted } from '../../shared/untrusted-text.js';
import type { RiskReport } from '../../shared/types.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';
import { analyseRequested, withRangeOptions, type RangeFlags } from '../range-options.js';

/** `risk affected [--tests]`: the blast radius as paths, one per line, for other tools. */
export function defineAffectedCommand(program: Command, io: Io): void {
  withRangeOptions(program.command('affected'))
    .description('print the files in the blast radius (changed and affected), one per line')
    .option('--tests', 'print only the test files in the blast radius (for vitest related / jest --findRelatedTests)')
    .option('-z', 'end each path with a NUL byte instead of a newline (for xargs -0)')
    .action(async (flags: RangeFlags & { tests?: boolean; z?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
        const reports = await analyseRequested(flags, io);
        const paths = new Set(reports.flatMap((report) => (flags.tests ? report.affectedTests : listBlastRadius(report))));
        // Relative to where it runs, like `git ls-files`, so `risk affected --tests -z | xargs -0 vitest run` works from a package folder too.
        const prefix = await readFolderPrefix(resolve(flags.cwd));
        io.stdout(formatPathList([...paths].map((path) => posix.relative(prefix, path)).sort(), flags.z === true));
        return ExitCode.Ok;
      });
    });
}

/**
 * Paths for another program's command line: one starting with `-` is written `./-…`, so a file
 * named `--config=evil.test.ts` stays a file for the test runner. Lines cannot hold a path with
 * a newline (it would read as two files): such a path needs `-z`.
 */
function formatPathList(paths: string[], isNulSeparated: boolean): string {
  const safe = paths.map((path) => (path.startsWith('-') ? `./${path}` : path));
  if (isNulSeparated) return safe.map((path) => `${path}\0`).join('');
  const split = safe.find((path) => /[\n\r]/.test(path));
  if (split !== undefined) throw new UsageError(`the path ${quoteUntrusted(split)} holds a line break and cannot be printed one per line`, 'print NUL-separated paths with -z: `risk affected -z | xargs -0 ...`');
  return safe.map((path) => `${path}\n`).join('');
}

/** Files in the blast radius: changed files that still exist, and every affected file. */
function listBlastRadius(report: RiskReport): string[] {
  return [...report.changedFiles.filter((file) => file.status !== 'deleted').map((file) => file.path), ...report.affectedFiles.map((file) => file.file)];
}

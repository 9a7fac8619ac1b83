import type { Command } from 'commander';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { formatMarkdown } from '../../report/markdown.js';
import { formatNames } from '../../report/index.js';
import { renderReports } from '../render-reports.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';
import { parseOutputTargets } from '../output-targets.js';
import { analyseRequested, withRangeOptions, type RangeFlags } from '../range-options.js';

interface AnalyseFlags extends RangeFlags {
  format: string[];
  output?: string;
  color: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `risk [options]`: the default command, analyse a range and print the report. */
export function defineAnalyseCommand(program: Command, io: Io): void {
  withRangeOptions(program)
    .option('-f, --format <name[=file]>', `output format, repeatable: ${formatNames.join(', ')}; name=file writes to a file`, collect, [])
    .option('-o, --output <file>', 'write the (single) standard-output format to a file instead')
    .option('--no-color', 'never colour the text report (NO_COLOR is honoured too)')
    .argument('[remote-url]', 'with --pre-push: the remote URL git passes to the hook (unused)')
    .addHelpText('after', '\nExit codes: 0 within policy, 1 policy exceeded, 2 could not analyse.\nA blocked push can be forced with: git push --no-verify')
    .action(async (url: string | undefined, flags: AnalyseFlags) => {
      // `risk main` reads like a base, but would silently analyse the default range instead.
      if (url !== undefined && flags.prePush === undefined) {
        throw new UsageError(`unexpected argument "${url}": only --pre-push takes one (the remote URL git passes)`, strayArgumentHint(url, flags, program));
      }
      io.exitCode = await guard(flags, io, () => analyseAndReport(flags, io));
    });
}

async function analyseAndReport(flags: AnalyseFlags, io: Io): Promise<number> {
  const targets = parseOutputTargets(flags.format, flags.output);
  const reports = await analyseRequested(flags, io);
  if (reports.length === 0) {
    io.stderr('risk: nothing to analyse (the push sends no new commits: only deletions, or tags of commits the remote has)\n');
    return ExitCode.Ok;
  }
  // Files first: if one cannot be written, nothing has gone to stdout as if all were well.
  const rendered = targets.map((target) => {
    const color = target.format === 'text' && target.path === null && flags.color && io.wantsColor();
    return { target, text: renderReports(target.format, reports, { color }) };
  });
  for (const { target, text } of rendered) {
    if (target.path !== null) await writeOutputFile(resolve(flags.cwd, target.path), text);
  }
  if (targets.some((target) => target.format === 'github') && process.env.GITHUB_STEP_SUMMARY) {
    await appendFile(process.env.GITHUB_STEP_SUMMARY, reports.map(formatMarkdown).join('\n'));
  }
  for (const { target, text } of rendered) {
    if (target.path === null) io.stdout(text);
  }
  // Every report went to files: still say what was decided, so an exit 1 is never silent.
  if (rendered.every(({ target }) => target.path !== null)) {
    const written = rendered.map(({ target }) => target.path).join(', ');
    for (const report of reports) io.stderr(`risk: ${report.verdict.toUpperCase()} (${report.decidedBy}); report written to ${written}\n`);
  }
  return reports.some((report) => report.verdict === 'fail') ? ExitCode.PolicyFailed : ExitCode.Ok;
}

async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot write ${path}: ${reason}`, 'choose a writable path for --output / --format name=file');
  }
}

/** A misspelt subcommand (`risk afected`), or a branch name given without --base. */
function strayArgumentHint(argument: string, flags: AnalyseFlags, program: Command): string {
  const near = program.commands.map((command) => command.name()).find((name) => editDistance(name, argument) <= 2);
  if (near !== undefined) return `did you mean: risk ${near}`;
  if (flags.base !== undefined) return `drop it: the base is --base ${flags.base}`;
  return `to compare with a branch, use: risk --base ${argument}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length] ?? 0;
}

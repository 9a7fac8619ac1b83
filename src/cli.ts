import { Command, CommanderError, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExitCode, UsageError, isRiskError } from './errors.js';
import { formatNames, formatters, isFormatName } from './report/index.js';
import { run } from './run.js';
import type { DiffMode } from './types.js';

interface CliOptions {
  base?: string;
  head?: string;
  staged?: boolean;
  worktree?: boolean;
  project?: string;
  config?: string;
  format: string;
  output?: string;
  color: boolean;
  debug?: boolean;
  cwd: string;
}

function buildProgram(): Command {
  return new Command('risk')
    .description('Blast radius of a change: changed exported symbols, every file that uses them, and a policy verdict.')
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version')
    .option('--base <ref>', 'compare against the merge-base with this ref (default: upstream, origin/HEAD, main, master)')
    .option('--head <ref>', 'the commit to analyse', undefined)
    .addOption(new Option('--staged', 'analyse the staged changes (index vs HEAD)').conflicts(['worktree', 'base', 'head']))
    .addOption(new Option('--worktree', 'analyse the working tree, untracked files included, vs HEAD').conflicts(['base', 'head']))
    .option('-p, --project <tsconfig>', 'resolve every file with this tsconfig (default: nearest tsconfig.json per file)')
    .option('-c, --config <file>', 'policy file to use instead of .riskrc.json / package.json#risk at the repository root')
    .option('-f, --format <name>', `output format: ${formatNames.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--no-color', 'never colour the text report (NO_COLOR is honoured too)')
    .option('-C, --cwd <dir>', 'run as if started in this directory', process.cwd())
    .option('--debug', 'print stack traces for errors')
    .addHelpText('after', '\nExit codes: 0 within policy, 1 policy exceeded, 2 could not analyse.\nEscape hatch for a blocked push: git push --no-verify');
}

/** Parses argv, runs the analysis, writes the report; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride().configureOutput({ writeErr: (text) => process.stderr.write(text) });
  let options: CliOptions;
  try {
    options = program.parse(argv).opts<CliOptions>();
  } catch (error) {
    if (error instanceof CommanderError) {
      const isInformational = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      if (!isInformational) process.stderr.write(`hint: run \`risk --help\` for the options\n`);
      return isInformational ? ExitCode.Ok : ExitCode.CannotAnalyse;
    }
    throw error;
  }
  try {
    if (!isFormatName(options.format)) {
      throw new UsageError(`unknown format "${options.format}"`, `use one of: ${formatNames.join(', ')}`);
    }
    const mode: DiffMode = options.staged ? 'staged' : options.worktree ? 'worktree' : 'range';
    const report = await run({ cwd: resolve(options.cwd), mode, base: options.base, head: options.head, project: options.project, configPath: options.config });
    const color = options.format === 'text' && options.output === undefined && options.color && wantsColor();
    const output = formatters[options.format](report, { color });
    if (options.output === undefined) process.stdout.write(output);
    else await writeFile(resolve(options.output), output);
    return report.verdict === 'fail' ? ExitCode.PolicyFailed : ExitCode.Ok;
  } catch (error) {
    return reportError(error, options.debug === true);
  }
}

function wantsColor(): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

function reportError(error: unknown, debug: boolean): number {
  if (isRiskError(error)) {
    process.stderr.write(`risk: ${error.message}\n`);
    if (error.hint) process.stderr.write(`hint: ${error.hint}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return ExitCode.CannotAnalyse;
  }
  const text = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`risk: internal error: ${text}\n`);
  process.stderr.write(debug ? 'please report this as a bug, with the output above\n' : 'hint: rerun with --debug for details, and please report this as a bug\n');
  return ExitCode.CannotAnalyse;
}

process.exitCode = await main(process.argv).catch((error: unknown) => reportError(error, true));

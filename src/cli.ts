import { Command, CommanderError, Option } from 'commander';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, posix, resolve } from 'node:path';
import { createGit } from './git/git.js';
import { ExitCode, UsageError, isRiskError } from './shared/errors.js';
import { installPrePushHook, uninstallPrePushHook } from './hook/install-hook.js';
import { addPolicyCommands } from './cli/commands/policy-commands.js';
import { formatHookManagerSnippets } from './hook/manager-snippets.js';
import { parseOutputTargets } from './cli/output-targets.js';
import { formatMarkdown } from './report/markdown.js';
import { formatNames, formatReports } from './report/index.js';
import { runWithLimits, type AnalysisJob } from './run/limits.js';
import type { RiskReport } from './shared/types.js';

interface AnalyseFlags {
  base?: string;
  head?: string;
  staged?: boolean;
  worktree?: boolean;
  prePush?: string;
  project?: string;
  config?: string;
  format: string[];
  output?: string;
  color: boolean;
  progress: boolean;
  cache: boolean;
  cacheDir?: string;
  timeout?: string;
  maxMemory?: string;
  cwd: string;
  debug?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Options shared by every command that analyses a range. */
function withRangeOptions(command: Command): Command {
  return command
    .option('--base <ref>', 'compare with the merge-base of HEAD and <ref> (default: CI variables, else upstream, origin/HEAD, main, master)')
    .option('--head <ref>', 'the commit to analyse (default: HEAD)')
    .addOption(new Option('--staged', 'analyse the staged changes (index vs HEAD)').conflicts(['worktree', 'base', 'head', 'prePush']))
    .addOption(new Option('--worktree', 'analyse the working tree, untracked files included, vs HEAD').conflicts(['base', 'head', 'prePush']))
    .addOption(new Option('--pre-push <remote>', "analyse the refs a git push sends (git's pre-push input on stdin)").conflicts(['base', 'head']))
    .option('-p, --project <tsconfig>', 'resolve every file with this tsconfig (default: the tsconfig that owns each file)')
    .option('-c, --config <file>', 'policy file instead of .riskrc.json / package.json#risk at the repository root')
    .option('-C, --cwd <dir>', 'run as if started in <dir>', process.cwd())
    .option('--no-progress', 'no progress line on stderr')
    .option('--timeout <seconds>', 'give up (exit 2) when the analysis takes longer')
    .option('--max-memory <MiB>', 'give up (exit 2) when the analysis needs more heap')
    .option('--cache-dir <dir>', 'cache folder (default: node_modules/.cache/risk when git ignores node_modules, else ~/.cache/risk/<repo>); safe to delete')
    .option('--no-cache', 'neither read nor write the cache')
    .option('--debug', 'print stack traces for errors');
}

function buildProgram(io: Io): Command {
  const program = withRangeOptions(new Command('risk'))
    .description('Blast radius of a change: changed exported symbols, every file that uses them, and a policy verdict.')
    .version('0.1.0', '-V, --version')
    // Subcommands repeat the range options; each must parse its own.
    .enablePositionalOptions()
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
      io.exitCode = await analyseCommand(flags, io);
    });

  withRangeOptions(program.command('affected'))
    .description('print the files in the blast radius (changed and affected), one per line')
    .option('--tests', 'print only the test files in the blast radius (for vitest related / jest --findRelatedTests)')
    .action(async (flags: AnalyseFlags & { tests?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
        const reports = await analyseRequested(flags, io);
        const paths = new Set(reports.flatMap((report) => (flags.tests ? report.affectedTests : listBlastRadius(report))));
        // Relative to where it runs, like `git ls-files`, so `vitest run $(risk affected --tests)` works from a package folder too.
        const prefix = (await createGit(resolve(flags.cwd)).run(['rev-parse', '--show-prefix'])).trim();
        io.stdout([...paths].map((path) => posix.relative(prefix, path)).sort().map((path) => `${path}\n`).join(''));
        return ExitCode.Ok;
      });
    });

  const hook = program.command('hook').description('manage the git pre-push hook');
  hook
    .command('install')
    .description('install a pre-push hook that runs risk on what you push')
    .option('--force', 'replace an existing pre-push hook (it is kept as pre-push.risk-backup)')
    .option('--print', 'only print the line to add to husky, lefthook or simple-git-hooks')
    .option('-C, --cwd <dir>', 'repository to install into', process.cwd())
    .action(async (flags: { force?: boolean; print?: boolean; cwd: string; debug?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
        if (flags.print) {
          io.stdout(formatHookManagerSnippets(selfCommand()));
          return ExitCode.Ok;
        }
        const result = await installPrePushHook({ cwd: resolve(flags.cwd), force: flags.force === true, command: selfCommand() });
        io.stderr(`risk: pre-push hook ${result.action}: ${result.path}\nSkip it once with: git push --no-verify\n`);
        return ExitCode.Ok;
      });
    });
  hook
    .command('uninstall')
    .description('remove the pre-push hook installed by risk (and restore a replaced one)')
    .option('-C, --cwd <dir>', 'repository to remove it from', process.cwd())
    .action(async (flags: { cwd: string; debug?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
        const result = await uninstallPrePushHook(resolve(flags.cwd));
        io.stderr(`risk: pre-push hook ${result.action}: ${result.path}\n`);
        return ExitCode.Ok;
      });
    });
  addPolicyCommands(program, {
    guard: (flags, action) => guard(flags, io, action),
    setExitCode: (code) => {
      io.exitCode = code;
    },
    stdout: (text) => io.stdout(text),
    stderr: (text) => io.stderr(text),
  });
  return program;
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

async function analyseCommand(flags: AnalyseFlags, io: Io): Promise<number> {
  return guard(flags, io, async () => {
    const targets = parseOutputTargets(flags.format, flags.output);
    const reports = await analyseRequested(flags, io);
    if (reports.length === 0) {
      io.stderr('risk: nothing to analyse (the push sends no new commits: only deletions, or tags of commits the remote has)\n');
      return ExitCode.Ok;
    }
    // Files first: if one cannot be written, nothing has gone to stdout as if all were well.
    const rendered = targets.map((target) => {
      const color = target.format === 'text' && target.path === null && flags.color && io.wantsColor();
      return { target, text: formatReports(target.format, reports, { color }) };
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
  });
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

/** One report per analysed range: one for a plain run, one per pushed ref in hook mode. */
async function analyseRequested(flags: AnalyseFlags, io: Io): Promise<RiskReport[]> {
  const job: AnalysisJob = {
    request: {
      cwd: resolve(flags.cwd),
      mode: flags.staged ? 'staged' : flags.worktree ? 'worktree' : 'range',
      base: flags.base,
      head: flags.head,
      project: flags.project,
      configPath: flags.config,
      cacheDir: !flags.cache ? null : flags.cacheDir !== undefined ? resolve(flags.cwd, flags.cacheDir) : undefined,
    },
    wantsProgress: flags.progress && io.isInteractive(),
    prePush: flags.prePush === undefined ? null : { remote: flags.prePush, stdin: await io.readStdin() },
  };
  const limits = { timeoutMs: parsePositive(flags.timeout, '--timeout', 1000), maxMemoryMb: parsePositive(flags.maxMemory, '--max-memory', 1) };
  try {
    return await runWithLimits(job, limits, {
      onNotice: (message) => io.stderr(`risk: ${message}\n`),
      onProgress: (phase) => io.progress(phase),
    });
  } finally {
    io.progress(null);
  }
}

function parsePositive(value: string | undefined, flag: string, scale: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${flag} "${value}" is not a positive number`, `e.g. ${flag} 60`);
  return Math.round(number * scale);
}

/** Files in the blast radius: changed files that still exist, and every affected file. */
function listBlastRadius(report: RiskReport): string[] {
  return [...report.changedFiles.filter((file) => file.status !== 'deleted').map((file) => file.path), ...report.affectedFiles.map((file) => file.file)];
}

/** The command the hook runs: this very binary, with this very Node. */
function selfCommand(): string {
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  return `${quote(process.execPath)} ${quote(resolve(process.argv[1] ?? 'risk'))}`;
}

async function guard(flags: { debug?: boolean }, io: Io, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (error) {
    return reportError(error, flags.debug === true, io);
  }
}

function reportError(error: unknown, debug: boolean, io: Io): number {
  if (isRiskError(error)) {
    io.stderr(`risk: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}${debug && error.stack ? `${error.stack}\n` : ''}`);
    return ExitCode.CannotAnalyse;
  }
  const text = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  io.stderr(`risk: internal error: ${text}\n${debug ? 'please report this as a bug, with the output above' : 'hint: rerun with --debug for details, and please report this as a bug'}\n`);
  return ExitCode.CannotAnalyse;
}

/** Everything the CLI does to the terminal, in one place. */
interface Io {
  exitCode: number;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Shows a transient progress line on stderr; null clears it. */
  progress(phase: string | null): void;
  isInteractive(): boolean;
  wantsColor(): boolean;
  readStdin(): Promise<string>;
}

function createIo(): Io {
  let progressShown = false;
  // `risk | head`: the reader left. Not an error of ours, and no stack trace for it.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  return {
    exitCode: ExitCode.Ok,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progress: (phase) => {
      if (!process.stderr.isTTY) return;
      if (phase === null) {
        if (progressShown) process.stderr.write('\r\x1b[2K');
        progressShown = false;
        return;
      }
      process.stderr.write(`\r\x1b[2Krisk: ${phase}…`);
      progressShown = true;
    },
    isInteractive: () => process.stderr.isTTY === true && !process.env.CI,
    wantsColor: () => {
      if (process.env.NO_COLOR) return false;
      if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
      return process.stdout.isTTY === true;
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/**
 * Commander exits by itself on a usage error, and subcommands do not inherit settings made
 * after they were created: every command throws instead, and its messages read like ours
 * (`risk: unknown command 'x'`), so a usage error is exit 2 with a hint wherever it happens.
 */
function throwInsteadOfExiting(command: Command, io: Io): void {
  command.exitOverride().configureOutput({
    writeErr: (text) => io.stderr(text),
    outputError: (text, write) => write(text.replace(/^error: /, 'risk: ')),
  });
  for (const subcommand of command.commands) throwInsteadOfExiting(subcommand, io);
}

/** Parses argv and runs the command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const io = createIo();
  const program = buildProgram(io);
  throwInsteadOfExiting(program, io);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) return reportError(error, argv.includes('--debug'), io);
    const informational = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    if (!informational) io.stderr('hint: run `risk --help` for the options\n');
    return informational ? ExitCode.Ok : ExitCode.CannotAnalyse;
  }
  return io.exitCode;
}

process.exitCode = await main(process.argv);

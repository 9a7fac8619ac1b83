import { Command, CommanderError } from 'commander';
import { ExitCode } from '../shared/errors.js';
import { packageVersion } from '../shared/package-info.js';
import { defineAffectedCommand } from './commands/affected.js';
import { defineAnalyseCommand } from './commands/analyse.js';
import { defineApproveCommand } from './commands/approve.js';
import { defineBaselineCommand } from './commands/baseline.js';
import { defineCalibrateCommand } from './commands/calibrate.js';
import { defineInitCommand } from './commands/init.js';
import { defineHookCommand } from './commands/hook.js';
import { reportError } from './guard.js';
import { createIo, type Io } from './io.js';

function buildProgram(io: Io): Command {
  const program = new Command('risk')
    .description('Blast radius of a change: changed exported symbols, every file that uses them, and a policy verdict.')
    .version(packageVersion, '-V, --version')
    // Subcommands repeat the range options; each must parse its own.
    .enablePositionalOptions();
  defineAnalyseCommand(program, io);
  defineAffectedCommand(program, io);
  defineHookCommand(program, io);
  defineApproveCommand(program, io);
  defineBaselineCommand(program, io);
  defineInitCommand(program, io);
  defineCalibrateCommand(program, io);
  return program;
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

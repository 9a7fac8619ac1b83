import { ExitCode, isRiskError } from '../shared/errors.js';
import type { Io } from './io.js';

/** Runs a command's action; a thrown error becomes its one-line message and exit 2. */
export async function guard(flags: { debug?: boolean }, io: Io, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (error) {
    return reportError(error, flags.debug === true, io);
  }
}

/** Known errors print one line and a hint; anything else is a bug and says so. */
export function reportError(error: unknown, debug: boolean, io: Io): number {
  if (isRiskError(error)) {
    io.stderr(`risk: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}${debug && error.stack ? `${error.stack}\n` : ''}`);
    return ExitCode.CannotAnalyse;
  }
  const text = error instanceof Error ? (debug ? (error.stack ?? error.message) : error.message) : String(error);
  io.stderr(`risk: internal error: ${text}\n${debug ? 'please report this as a bug, with the output above' : 'hint: rerun with --debug for details, and please report this as a bug'}\n`);
  return ExitCode.CannotAnalyse;
}

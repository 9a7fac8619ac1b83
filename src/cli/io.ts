import { ExitCode } from '../shared/errors.js';

/** Everything the CLI does to the terminal, in one place: the only module that writes to it. */
export interface Io {
  exitCode: number;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Shows a transient progress line on stderr; null clears it. */
  progress(phase: string | null): void;
  isInteractive(): boolean;
  wantsColor(): boolean;
  readStdin(): Promise<string>;
}

export function createIo(): Io {
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

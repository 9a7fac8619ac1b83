import type { Command } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { computeBaseline } from '../../run/baseline-run.js';
import { ExitCode } from '../../shared/errors.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';

/** `risk baseline [--check]`: accept today's findings. */
export function defineBaselineCommand(program: Command, io: Io): void {
  program
    .command('baseline')
    .description('record the current findings (unresolved imports, untested files) so only new ones count')
    .option('-o, --output <file>', 'where to write it (default: the config\'s "baseline", .risk-baseline.json at the repository root)')
    .option('--check', 'write nothing; exit 1 when the baseline file is not up to date')
    .option('-p, --project <tsconfig>', 'resolve every file with this tsconfig')
    .option('-c, --config <file>', 'policy file instead of the one at the repository root')
    .option('-C, --cwd <dir>', 'repository', process.cwd())
    .option('--debug', 'print stack traces for errors')
    .action(async (flags: { output?: string; check?: boolean; project?: string; config?: string; cwd: string; debug?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
          const result = await computeBaseline({ cwd: resolve(flags.cwd), configPath: flags.config, project: flags.project, onNotice: (message) => io.stderr(`risk: ${message}\n`) });
          const target = flags.output === undefined ? join(result.root, result.path) : isAbsolute(flags.output) ? flags.output : resolve(flags.cwd, flags.output);
          const summary = `${result.unknowns} unknown(s), ${result.untested} untested file(s)`;
          if (flags.check) {
            const current = await readFile(target, 'utf8').catch(() => null);
            if (current === result.text) {
              io.stderr(`risk: ${target} is up to date (${summary})\n`);
              return ExitCode.Ok;
            }
            io.stderr(`risk: ${target} is ${current === null ? 'missing' : 'out of date'} (now ${summary}); run \`risk baseline\`\n`);
            return ExitCode.PolicyFailed;
          }
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, result.text);
          io.stderr(`risk: wrote ${target}: ${summary} accepted. Commit it; changing it later needs sign-off.\n`);
          return ExitCode.Ok;
        });
    });
}

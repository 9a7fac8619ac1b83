import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.js';
import { ExitCode } from '../../shared/errors.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';
import { formatEvaluation, formatSimulation, formatStudy, studyOptions, withHistoryOptions, type HistoryFlags } from './history-options.js';

/** `risk calibrate [--model] [--json]`: the existing policy against the repository's own history. Writes nothing. */
export function defineCalibrateCommand(program: Command, io: Io): void {
  withHistoryOptions(program.command('calibrate'))
    .description('replay recent commits: signal distributions and how often the current policy would have warned or failed')
    .option('-c, --config <file>', 'policy file instead of the one at the repository root')
    .option('--model', 'label the commits (reverts, SZZ), fit the risk model on the older 70% and test it on the newer 30%')
    .option('--json', 'print JSON instead of text')
    .action(async (flags: HistoryFlags & { model?: boolean; json?: boolean }) => {
      io.exitCode = await guard(flags, io, async () => {
        const options = studyOptions(flags, io);
        // Loaded here, not at startup: every other command would pay for the history modules.
        const [{ studyHistory, studyModel, replayedValues }, { simulatePolicy }] = await Promise.all([import('../../run/history/history-study.js'), import('../../run/history/simulate-policy.js')]);
        try {
          const study = await studyHistory(options);
          const config = await loadConfig(study.root, options.configPath);
          if (flags.model) {
            const evaluation = await studyModel(study, options.onProgress);
            io.progress(null);
            io.stdout(flags.json ? `${JSON.stringify(evaluation, null, 2)}\n` : formatStudy(study) + formatEvaluation(evaluation));
            return ExitCode.Ok;
          }
          const simulation = simulatePolicy(replayedValues(study, config.score).map((entry) => entry.values), config);
          io.progress(null);
          if (flags.json) {
            const distributions = Object.fromEntries(study.distributions.map((distribution) => [distribution.signal, distribution.percentiles]));
            io.stdout(`${JSON.stringify({ commits: simulation.commits, failed: study.failed.count, distributions, policy: simulation }, null, 2)}\n`);
          } else {
            io.stdout(`${formatStudy(study)}${config.source === null ? 'No config file: the defaults apply.\n' : `Policy: ${config.source}\n`}${formatSimulation(simulation)}`);
          }
          return ExitCode.Ok;
        } finally {
          io.progress(null);
        }
      });
    });
}

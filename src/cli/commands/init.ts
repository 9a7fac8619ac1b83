import type { Command } from 'commander';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { configSearchPlaces } from '../../config/load-config.js';
import { createGit } from '../../git/git.js';
import { findRepositoryRootOrThrow } from '../../git/refs.js';
import type { ModelEvaluation } from '../../run/history/evaluate-model.js';
import { ExitCode, UsageError } from '../../shared/errors.js';
import { guard } from '../guard.js';
import type { Io } from '../io.js';
import { formatEvaluation, formatSimulation, formatStudy, studyOptions, withHistoryOptions, type HistoryFlags } from './history-options.js';

type InitFlags = Omit<HistoryFlags, 'config'> & { percentiles: string; force?: boolean; model: boolean; output?: string };

/** `risk init`: a .riskrc.json whose thresholds come from the repository's own history. */
export function defineInitCommand(program: Command, io: Io): void {
  withHistoryOptions(program.command('init'))
    .description('replay recent commits and write .riskrc.json with thresholds at percentiles of their signals')
    .option('--percentiles <warn,fail>', 'warn above the first percentile, fail above the second (1-100, increasing)', '90,99')
    .option('--no-model', 'do not fit the risk model (thresholds only)')
    .option('--force', 'replace an existing .riskrc.json')
    .option('-o, --output <file>', 'where to write the config (default: .riskrc.json at the repository root)')
    .action(async (flags: InitFlags) => {
      io.exitCode = await guard(flags, io, async () => {
        const percentiles = parsePercentiles(flags.percentiles);
        const options = studyOptions({ ...flags, config: undefined }, io);
        // Loaded here, not at startup: every other command would pay for the history modules.
        const [{ studyHistory, studyModel, replayedValues }, { buildInitConfig }, { simulatePolicy }, { parseConfig }] = await Promise.all([
          import('../../run/history/history-study.js'),
          import('../../run/history/init-config.js'),
          import('../../run/history/simulate-policy.js'),
          import('../../config/parse-config.js'),
        ]);
        const root = await findRepositoryRootOrThrow(createGit(options.cwd));
        const target = flags.output === undefined ? join(root, '.riskrc.json') : resolve(flags.cwd, flags.output);
        refuseExistingConfig(root, target, flags.output === undefined, flags.force === true);
        // Before minutes of replay: a config that cannot be written is known now.
        refuseUnwritable(target);
        try {
          const study = await studyHistory(options);
          io.stdout(formatStudy(study));
          let evaluation: ModelEvaluation | null = null;
          if (flags.model) {
            try {
              evaluation = await studyModel(study, options.onProgress);
            } catch (error) {
              if (!(error instanceof UsageError)) throw error;
              io.progress(null);
              io.stderr(`risk: no risk model: ${error.message}; the thresholds alone gate changes\n`);
            }
          }
          io.progress(null);
          const input = buildInitConfig({ distributions: study.distributions, percentiles, testGlobs: study.testGlobs, model: evaluation?.weights ?? null });
          const config = parseConfig(input, relative(root, target));
          await writeConfig(target, `${JSON.stringify(input, null, 2)}\n`, flags.force === true);
          if (evaluation !== null) io.stdout(formatEvaluation(evaluation));
          const defaults = parseConfig({}, 'defaults');
          io.stdout(`With the defaults (no config file):\n${formatSimulation(simulatePolicy(replayedValues(study, null).map((entry) => entry.values), defaults))}`);
          io.stdout(`With the new config:\n${formatSimulation(simulatePolicy(replayedValues(study, config.score).map((entry) => entry.values), config))}`);
          io.stdout(`Workspace: ${study.packages.length <= 1 ? 'a single package' : `${study.packages.length} packages (found from package.json files at every run)`}; tests: ${study.testGlobs.join(', ')}\n`);
          io.stderr(`risk: wrote ${target}: warn above p${percentiles[0]}, fail above p${percentiles[1]}${evaluation === null ? '' : ', with the fitted risk model'}. Add approvers, then commit it.\n`);
          return ExitCode.Ok;
        } finally {
          io.progress(null);
        }
      });
    });
}

/** "90,99" -> [90, 99]: two numbers in 1-100, the second above the first. */
export function parsePercentiles(text: string): [number, number] {
  const parts = text.split(',').map((part) => part.trim());
  const numbers = parts.map(Number);
  const hint = 'give two increasing percentiles between 1 and 100: --percentiles 90,99 (warn above p90, fail above p99)';
  if (parts.length !== 2 || numbers.some((value, index) => parts[index] === '' || !Number.isFinite(value))) throw new UsageError(`--percentiles "${text}" is not two numbers`, hint);
  const [warn = 0, fail = 0] = numbers;
  if (numbers.some((value) => value < 1 || value > 100)) throw new UsageError(`--percentiles "${text}": each must be between 1 and 100`, hint);
  if (!(warn < fail)) throw new UsageError(`--percentiles "${text}": the fail percentile must be above the warn percentile`, hint);
  return [warn, fail];
}

/** Never overwrite without --force; never write a second config beside another one (risk refuses two). */
function refuseExistingConfig(root: string, target: string, isDefaultTarget: boolean, force: boolean): void {
  if (existsSync(target) && !force) throw new UsageError(`${target} already exists`, 'pass --force to replace it (risk calibrate shows how the current one would have done)');
  if (!isDefaultTarget) return;
  for (const place of configSearchPlaces) {
    const path = join(root, place);
    if (path === target || !existsSync(path)) continue;
    const isConfig = place !== 'package.json' || hasRiskKey(path);
    if (isConfig) throw new UsageError(`the repository is already configured in ${place}${place === 'package.json' ? ' (the "risk" key)' : ''}`, `move or remove that config first, or write elsewhere with --output`);
  }
}

function hasRiskKey(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { risk?: unknown }).risk !== undefined;
  } catch {
    return false;
  }
}

function refuseUnwritable(path: string): void {
  try {
    accessSync(dirname(path), constants.W_OK);
    if (!statSync(dirname(path)).isDirectory()) throw new Error(`${dirname(path)} is not a folder`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot write ${path}: ${reason}`, "choose a writable path with --output, or fix the folder's permissions");
  }
}

async function writeConfig(path: string, text: string, force: boolean): Promise<void> {
  try {
    // "wx" fails if the file appeared meanwhile: still never an overwrite without --force.
    await writeFile(path, text, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot write ${path}: ${reason}`, "choose a writable path with --output, or fix the folder's permissions");
  }
}

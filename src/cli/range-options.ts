import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { UsageError } from '../shared/errors.js';
import type { RiskReport } from '../shared/types.js';
import { runWithLimits, type AnalysisJob } from '../run/limits.js';
import type { Io } from './io.js';

/** Flags of every command that analyses a range. */
export interface RangeFlags {
  base?: string;
  head?: string;
  staged?: boolean;
  worktree?: boolean;
  prePush?: string;
  project?: string;
  config?: string;
  progress: boolean;
  cache: boolean;
  cacheDir?: string;
  allowFetch?: boolean;
  timeout?: string;
  maxMemory?: string;
  cwd: string;
  debug?: boolean;
}

/** Options shared by every command that analyses a range. */
export function withRangeOptions(command: Command): Command {
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
    .option('--allow-fetch', 'in a partial clone, let git fetch missing objects from the remote (refused otherwise)')
    .option('--debug', 'print stack traces for errors');
}

/** One report per analysed range: one for a plain run, one per pushed ref in hook mode. */
export async function analyseRequested(flags: RangeFlags, io: Io): Promise<RiskReport[]> {
  const job: AnalysisJob = {
    request: {
      cwd: resolve(flags.cwd),
      mode: flags.staged ? 'staged' : flags.worktree ? 'worktree' : 'range',
      base: flags.base,
      head: flags.head,
      project: flags.project,
      configPath: flags.config,
      allowFetch: flags.allowFetch === true,
      cacheDir: !flags.cache ? null : flags.cacheDir !== undefined ? resolve(flags.cwd, flags.cacheDir) : undefined,
    },
    wantsProgress: flags.progress && io.isInteractive(),
    prePush: flags.prePush === undefined ? null : { remote: flags.prePush, stdin: await io.readStdin() },
  };
  const limits = {
    timeoutMs: parseLimit(flags.timeout, '--timeout', timeoutRange),
    maxMemoryMb: parseLimit(flags.maxMemory, '--max-memory', maxMemoryRange),
  };
  try {
    return await runWithLimits(job, limits, {
      onNotice: (message) => io.stderr(`risk: ${message}\n`),
      onProgress: (phase) => io.progress(phase),
    });
  } finally {
    io.progress(null);
  }
}

interface LimitRange {
  /** How a value in the flag's unit becomes the limit's unit (seconds to ms: 1000). */
  scale: number;
  min: number;
  max: number;
  /** The range in words, for the hint. */
  words: string;
}

/** setTimeout holds at most 2^31-1 ms (about 24.8 days); a longer one fires at once. */
const timeoutRange: LimitRange = { scale: 1000, min: 0.001, max: Math.floor((2 ** 31 - 1) / 1000), words: 'seconds from 0.001 to 2147483 (about 24 days)' };
/** A V8 heap limit in MiB; beyond 1 TiB is a typo, not a machine. */
const maxMemoryRange: LimitRange = { scale: 1, min: 1, max: 1024 * 1024, words: 'MiB from 1 to 1048576 (1 TiB)' };

function parseLimit(value: string | undefined, flag: string, range: LimitRange): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${flag} "${shown}" is not a positive number`, `e.g. ${flag} 60`);
  if (number < range.min || number > range.max) throw new UsageError(`${flag} ${shown} is out of range`, `use ${range.words}`);
  return Math.max(1, Math.round(number * range.scale));
}

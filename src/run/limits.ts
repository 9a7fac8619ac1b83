import { Worker } from 'node:worker_threads';
import { ConfigError, GitError, ResourceError, RiskError, UsageError } from '../shared/errors.js';
import { runAnalysis, runPrePush, type AnalysisRequest } from './run-modes.js';
import type { RiskReport } from '../shared/types.js';

/** What the worker needs: the request as plain data (callbacks become messages). */
export interface AnalysisJob {
  request: Omit<AnalysisRequest, 'onNotice' | 'onProgress'>;
  wantsProgress: boolean;
  prePush: { remote: string; stdin: string } | null;
}

export type WorkerMessage =
  | { type: 'notice'; message: string }
  | { type: 'progress'; phase: string }
  | { type: 'done'; reports: RiskReport[] }
  | { type: 'failed'; errorClass: string; message: string; hint: string | null; stack: string | null };

export interface Limits {
  /** Stop after this long: exit 2, never a partial report. */
  timeoutMs: number | undefined;
  /** Heap limit of the analysis, in MiB. */
  maxMemoryMb: number | undefined;
}

const errorClasses: Record<string, new (message: string, hint?: string) => RiskError> = { ConfigError, GitError, UsageError, ResourceError, RiskError };

/**
 * Runs the analysis; under a time or memory limit it runs in a worker thread that is
 * terminated when the limit is hit, so a runaway analysis ends in exit 2 and not in a hang,
 * an out-of-memory crash or a half-written report.
 */
export async function runWithLimits(job: AnalysisJob, limits: Limits, callbacks: Pick<AnalysisRequest, 'onNotice' | 'onProgress'>): Promise<RiskReport[]> {
  if (limits.timeoutMs === undefined && limits.maxMemoryMb === undefined) {
    const request = { ...job.request, onNotice: callbacks.onNotice, onProgress: job.wantsProgress ? callbacks.onProgress : undefined };
    return job.prePush ? runPrePush(request, job.prePush.remote, job.prePush.stdin) : [await runAnalysis(request)];
  }
  // `../run/`: the same file from this module (dist/run/) and from the bundle (dist/bundle/).
  const worker = new Worker(new URL('../run/analysis-worker.js', import.meta.url), {
    workerData: job,
    ...(limits.maxMemoryMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb } }),
  });
  return new Promise<RiskReport[]>((resolve, reject) => {
    const timer =
      limits.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            void worker.terminate();
            reject(new ResourceError(`the analysis did not finish within ${limits.timeoutMs! / 1000} s (--timeout)`, 'raise --timeout, or analyse a smaller range'));
          }, limits.timeoutMs);
    const settle = (action: () => void): void => {
      if (timer) clearTimeout(timer);
      action();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'notice') callbacks.onNotice(message.message);
      else if (message.type === 'progress') callbacks.onProgress?.(message.phase);
      else if (message.type === 'done') settle(() => resolve(message.reports));
      else settle(() => reject(toError(message)));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ResourceError(`the analysis ran out of memory (--max-memory ${limits.maxMemoryMb} MiB)`, 'raise --max-memory, or analyse a smaller range')
            : error,
        ),
      );
    });
  });
}

function toError(message: Extract<WorkerMessage, { type: 'failed' }>): Error {
  const ErrorClass = errorClasses[message.errorClass];
  const error = ErrorClass ? new ErrorClass(message.message, message.hint ?? undefined) : new Error(message.message);
  if (message.stack) error.stack = message.stack;
  return error;
}

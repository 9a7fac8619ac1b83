import { parentPort, workerData } from 'node:worker_threads';
import { isRiskError } from '../shared/errors.js';
import { runAnalysis, runPrePush } from './run-modes.js';
import type { AnalysisJob, WorkerMessage } from './limits.js';

/** Runs one analysis off the main thread, so that a timeout or a memory limit can stop it. */
async function work(job: AnalysisJob): Promise<void> {
  const post = (message: WorkerMessage): void => parentPort?.postMessage(message);
  const request = {
    ...job.request,
    onNotice: (message: string) => post({ type: 'notice', message }),
    onProgress: job.wantsProgress ? (phase: string) => post({ type: 'progress', phase }) : undefined,
  };
  try {
    const reports = job.prePush ? await runPrePush(request, job.prePush.remote, job.prePush.stdin) : [await runAnalysis(request)];
    post({ type: 'done', reports });
  } catch (error) {
    post({
      type: 'failed',
      errorClass: isRiskError(error) ? error.name : 'Error',
      message: error instanceof Error ? error.message : String(error),
      hint: isRiskError(error) ? (error.hint ?? null) : null,
      stack: error instanceof Error ? (error.stack ?? null) : null,
    });
  }
}

await work(workerData as AnalysisJob);

/**
 * Measuring on Node: one worker thread per measuring (measureWorker.ts,
 * bundled beside the server as `measureWorker.js`), ended when its result is
 * in or when a newer measuring of the same unit aborts it. At most
 * `MAX_THREADS` run at once (a workspace opened with many units does not
 * start a thread per log); the others wait their turn, or are dropped when
 * aborted while waiting. Starting a thread costs a few milliseconds; a log
 * takes far longer to read.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LogProblem } from '../../core/measure/events';
import type { Measurement } from '../../core/measure/measure';
import type { LogMeasurer } from '../host';

/** The worker's script: beside the bundled server (dist/server.js → dist/measureWorker.js). */
export const MEASURE_WORKER_FILE = join(__dirname, 'measureWorker.js');
/** Threads measuring at once. */
export const MAX_THREADS = 2;

type Outcome = Measurement | LogProblem | undefined;

export function nodeMeasurer(workerFile = MEASURE_WORKER_FILE): LogMeasurer {
  let running = 0;
  const waiting: (() => void)[] = [];
  /** A thread is done: its slot goes to the first waiting, else it is free. */
  const next = () => {
    const first = waiting.shift();
    if (first) first();
    else running--;
  };

  const run = (text: string, unitUri: string, signal: AbortSignal): Promise<Outcome> =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return resolve(undefined);
      // A heap of its own, bounded: a log path that leads to something endless (a device, a line without end) ends
      // the thread (ERR_WORKER_OUT_OF_MEMORY, rejected and logged), never the server.
      const worker = new Worker(workerFile, { workerData: { text, unitUri }, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', aborted);
        void worker.terminate();
        finish();
      };
      const aborted = () => settle(() => resolve(undefined));
      signal.addEventListener('abort', aborted);
      worker.once('message', (result: Measurement | LogProblem) => settle(() => resolve(result)));
      // A throw in the worker is a bug: rejected, and logged with its stack by the task that asked.
      worker.once('error', (e) => settle(() => reject(e)));
      worker.once('exit', (code) => settle(() => reject(new Error(`the measuring thread stopped (exit code ${code}) without a result`))));
    });

  return {
    async measure(text, unitUri, signal) {
      if (running >= MAX_THREADS) {
        const turn = await new Promise<boolean>((resolve) => {
          const go = () => {
            signal.removeEventListener('abort', drop);
            resolve(true);
          };
          const drop = () => {
            const i = waiting.indexOf(go);
            if (i >= 0) waiting.splice(i, 1);
            resolve(false);
          };
          waiting.push(go);
          signal.addEventListener('abort', drop, { once: true });
        });
        if (!turn) return undefined; // (a slot handed over comes with `running` counted already)
      } else running++;
      try {
        return await run(text, unitUri, signal);
      } finally {
        next();
      }
    },
  };
}

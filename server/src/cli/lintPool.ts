/**
 * Both cores (issue 20): a run of more than a few hundred files is checked
 * by worker threads (`node:worker_threads`, one per core less one, at least
 * one — cli/lintWorker.ts) and by the main thread between their messages.
 * Results come back in any order; they are taken in file order, through a
 * reorder buffer that the checking may not run further ahead of than
 * `AHEAD` files — so the output is the same whatever the threads' timing,
 * and memory stays bounded.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lintFile, type FileJob, type FileResult, type LintSettings } from './lintFile';

/** Up to this many files the main thread checks alone: a worker's start-up (a tenth of a second) would cost more than it saves. */
export const WORKER_MIN_FILES = 300;
/** Files sent to a worker in one message. */
const BATCH = 8;
/** The most files a worker has waiting: enough that it never runs dry while the main thread checks one. */
const WINDOW = 32;
/** How far the checking may run ahead of the file taken last. */
const AHEAD = 256;

/** Where the bundled worker is; absent when the CLI runs from its sources (then the main thread checks alone). */
const WORKER_FILE = join(__dirname, 'lintWorker.js');

/** How many workers: one per core less one, at least one; `WORKUNIT_LINT_WORKERS=N` says N (0: the main thread alone), for measurements. */
function workerCount(files: number): number {
  if (files <= WORKER_MIN_FILES || !existsSync(WORKER_FILE)) return 0;
  const asked = Number(process.env.WORKUNIT_LINT_WORKERS);
  return process.env.WORKUNIT_LINT_WORKERS && Number.isInteger(asked) && asked >= 0 ? asked : Math.max(1, availableParallelism() - 1);
}

export async function checkInOrder(count: number, jobOf: (index: number) => Promise<FileJob>, settings: LintSettings, take: (r: FileResult) => void): Promise<void> {
  const threads = workerCount(count);
  if (threads === 0) {
    for (let i = 0; i < count; i++) take(lintFile(await jobOf(i), settings));
    return;
  }
  const done = new Map<number, FileResult>();
  let next = 0;
  let taken = 0;
  let failure: unknown;
  let closing = false;
  let wake: (() => void) | undefined;
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(WORKER_FILE, { workerData: settings });
    const state = { worker, waiting: 0 };
    worker.on('message', (r: FileResult) => {
      state.waiting--;
      done.set(r.index, r);
      wake?.();
    });
    worker.on('error', (e) => {
      failure ??= e;
      wake?.();
    });
    worker.on('exit', (code) => {
      if (!closing) failure ??= new Error(`A lint worker stopped (exit code ${code}).`);
      wake?.();
    });
    return state;
  });
  const room = () => next < count && next - taken < AHEAD;
  const takeReady = () => {
    for (let r = done.get(taken); r; r = done.get(taken)) {
      done.delete(taken++);
      take(r);
    }
  };
  try {
    while (taken < count) {
      if (failure) throw failure;
      for (const w of workers) {
        while (w.waiting < WINDOW && room()) {
          const batch: FileJob[] = [];
          while (batch.length < BATCH && room()) batch.push(await jobOf(next++));
          w.waiting += batch.length;
          w.worker.postMessage(batch);
        }
      }
      if (room()) {
        // The main thread's share: one file, then the workers' messages have their turn.
        const r = lintFile(await jobOf(next++), settings);
        done.set(r.index, r);
        takeReady();
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        takeReady();
        if (taken < count && !failure) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    }
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}

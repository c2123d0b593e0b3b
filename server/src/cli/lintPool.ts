/**
 * Both cores (issue 20): a run of more than a few hundred files is checked
 * by worker threads (`node:worker_threads`, one per core less one, at least
 * one — cli/lintWorker.ts) and by the main thread between their messages.
 * Results come back in any order; they are taken in file order, through a
 * reorder buffer that the checking may not run further ahead of than
 * `AHEAD` files — so the output is the same whatever the threads' timing,
 * and memory stays bounded. The files the catalog rules name are checked
 * again the same way.
 *
 * The workers are started before the files are collected (`LintPool.start`,
 * when a folder is linted): loading a worker takes a tenth of a second, which
 * the walk of the folder hides.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RawFinding } from '../core/rules/types';
import { lintFile, relintFile, type FileJob, type FileResult, type LintSettings, type RelintResult } from './lintFile';

/** Up to this many files the main thread checks alone: a worker's start-up (a tenth of a second) would cost more than it saves. */
export const WORKER_MIN_FILES = 300;
/** Files sent to a worker in one message. */
const BATCH = 8;
/** The most files a worker has waiting: enough that it never runs dry while the main thread checks one. */
const WINDOW = 32;
/** How far the checking may run ahead of the file taken last. */
const AHEAD = 256;
/**
 * A worker's young generation, in MB. V8's default for a worker is larger on a
 * machine with much memory, and a lint's garbage is short-lived: on 10,000
 * units this bound took the run's peak from 187 to 166–172 MiB at the same
 * time (three runs each, 2 cores, 23 GiB).
 */
const WORKER_YOUNG_MB = 16;

/** Where the bundled worker is; absent when the CLI runs from its sources (then the main thread checks alone). */
const WORKER_FILE = join(__dirname, 'lintWorker.js');

/** What the main thread asks of a worker (cli/lintWorker.ts); each job is answered with one message. */
export type WorkerRequest =
  | { kind: 'settings'; settings: LintSettings }
  | { kind: 'check'; jobs: FileJob[] }
  // `order`: the job's place among the files checked again, by which its answer is taken.
  | { kind: 'relint'; jobs: (RelintJob & { order: number })[] };

/** A file the catalog rules found something in, with what they found. */
export interface RelintJob {
  job: FileJob;
  catalogRaw: RawFinding[];
}

/** How many workers: one per core less one, at least one; `WORKUNIT_LINT_WORKERS=N` says N (0: the main thread alone), for measurements. */
function workerCount(): number {
  if (!existsSync(WORKER_FILE)) return 0;
  const asked = Number(process.env.WORKUNIT_LINT_WORKERS);
  return process.env.WORKUNIT_LINT_WORKERS && Number.isInteger(asked) && asked >= 0 ? asked : Math.max(1, availableParallelism() - 1);
}

interface WorkerState {
  worker: Worker;
  waiting: number;
}

export class LintPool {
  private workers: WorkerState[] = [];
  /** Results by file index, of the jobs under way. */
  private done = new Map<number, unknown>();
  private failure: unknown;
  private closing = false;
  private wake?: () => void;

  /** Starts the workers (none when the CLI runs from its sources or `WORKUNIT_LINT_WORKERS=0`); `close` it when done. */
  static start(): LintPool {
    const pool = new LintPool();
    for (let i = workerCount(); i > 0; i--) pool.workers.push(pool.spawn());
    return pool;
  }

  /** With no workers: what a run of a few files uses. */
  static none(): LintPool {
    return new LintPool();
  }

  /** Itself when its workers are worth keeping, else a pool with none (its workers stopped). */
  async keepIf(worth: boolean): Promise<LintPool> {
    if (worth) return this;
    await this.close();
    return LintPool.none();
  }

  /** Every worker checks with these settings from now on. */
  settle(settings: LintSettings): void {
    for (const w of this.workers) w.worker.postMessage({ kind: 'settings', settings } satisfies WorkerRequest);
  }

  /** Each file checked (here and in the workers), taken in file order. */
  check(count: number, jobOf: (n: number) => FileJob | Promise<FileJob>, settings: LintSettings, take: (r: FileResult) => void): Promise<void> {
    return this.inOrder(count, jobOf, (job) => lintFile(job, settings), (jobs) => ({ kind: 'check', jobs }), take);
  }

  /** The files the catalog rules name, checked again with their findings, taken in the order given. */
  relint(jobs: RelintJob[], settings: LintSettings, take: (r: RelintResult) => void): Promise<void> {
    return this.inOrder(
      jobs.length,
      (n) => ({ ...jobs[n], order: n }),
      (j) => ({ ...relintFile(j.job, settings, j.catalogRaw), index: j.order }),
      (batch) => ({ kind: 'relint', jobs: batch }),
      take,
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.workers = [];
  }

  private spawn(): WorkerState {
    const worker = new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    const state = { worker, waiting: 0 };
    worker.on('message', (r: { index: number }) => {
      state.waiting--;
      this.done.set(r.index, r);
      this.wake?.();
    });
    worker.on('error', (e) => {
      this.failure ??= e;
      this.wake?.();
    });
    worker.on('exit', (code) => {
      if (!this.closing) this.failure ??= new Error(`A lint worker stopped (exit code ${code}).`);
      this.wake?.();
    });
    return state;
  }

  /**
   * Jobs 0…count−1, each run here or in a worker, their results taken in
   * order. A worker answers each job with a result whose `index` is the
   * job's place in this run.
   */
  private async inOrder<J, R extends { index: number }>(
    count: number,
    jobOf: (n: number) => J | Promise<J>,
    here: (job: J) => R,
    request: (jobs: J[]) => WorkerRequest,
    take: (r: R) => void,
  ): Promise<void> {
    const done = this.done as Map<number, R>;
    done.clear();
    let next = 0;
    let taken = 0;
    const room = () => next < count && next - taken < AHEAD;
    const takeReady = () => {
      for (let r = done.get(taken); r; r = done.get(taken)) {
        done.delete(taken++);
        take(r);
      }
    };
    while (taken < count) {
      if (this.failure) throw this.failure;
      for (const w of this.workers) {
        while (w.waiting < WINDOW && room()) {
          const batch: J[] = [];
          while (batch.length < BATCH && room()) {
            const job = jobOf(next++);
            batch.push(job instanceof Promise ? await job : job);
          }
          w.waiting += batch.length;
          w.worker.postMessage(request(batch));
        }
      }
      if (room()) {
        // The main thread's share: one job, then the workers' messages have their turn.
        const job = jobOf(next++);
        const r = here(job instanceof Promise ? await job : job);
        done.set(r.index, r);
        takeReady();
        if (this.workers.length > 0) await new Promise((resolve) => setImmediate(resolve));
      } else {
        takeReady();
        if (taken < count && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    }
  }
}

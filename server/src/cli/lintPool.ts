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
 * The workers are started before the walk of a folder begins
 * (`LintPool.start`): loading a worker takes a tenth of a second, which the
 * walk hides; files are checked as the walk finds them (`JobSource`).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
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
/**
 * A worker's old generation, in MB. Unbounded, V8 lets a worker's heap grow
 * with the length of the run before it collects it (a lint of 100,000 units:
 * 33 MiB at 10,000 files, 47 MiB at 50,000 and on, nothing of it live), which
 * made the 100,000-unit peak 190.8, 194.2 and 195.7 MiB against 174.0, 172.2
 * and 175.6 MiB at 48 MB (alternating runs); once yaml's faster build came in
 * (scripts/build.mjs), 48 MB gave 178.6, 186.1 and 187.2 MiB and 32 MB 176.6,
 * 165.9 and 165.6 MiB, the 10,000-unit peak and time unchanged (151 MiB).
 * A generated unit of 3,000 steps (373 KB) is checked in 32 MB, one of 4,000
 * (498 KB) is not; the largest the parser takes (1 MB) needs 48–64 MB. A
 * file that needs more than a worker has is checked by the main thread (see
 * `spawn`). `WORKUNIT_LINT_WORKER_OLD_MB=N` says N, for the test of that.
 */
const WORKER_OLD_MB = Number(process.env.WORKUNIT_LINT_WORKER_OLD_MB) || 32;
/** Workers replaced in one run after running out of heap; past this, the main thread takes their share. */
const MAX_REPLACED = 4;

/** Where the bundled worker is; absent when the CLI runs from its sources (then the main thread checks alone). */
const WORKER_FILE = join(__dirname, 'lintWorker.js');

/** What the main thread asks of a worker (cli/lintWorker.ts, started with the run's settings as its `workerData`); each job is answered with one message. */
export type WorkerRequest =
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

/**
 * How V8 collects in a run with workers; V8 reads both flags each time they
 * apply, so setting them now, before the workers start, holds for the main
 * thread too (its heap, unlike a worker's, has no bound we can set: its size
 * is fixed when `node` starts).
 *
 * - One scavenger thread per isolate. With a worker per core but one, and
 *   the main thread checking too, every core runs a thread of the lint:
 *   V8's parallel scavenges (a young-generation collection split into tasks
 *   for its helper threads) then only wait for cores that are busy
 *   (`NumberOfScavengeTasks`). 10,000 units on 2 cores, three runs each,
 *   alternating: the main thread's collections 543–635 ms → 364–412 ms, the
 *   run 6.35–6.44 s → 6.04–6.20 s.
 * - The old generation may grow to 1.3× what its last full collection kept
 *   (`heap_growing_percent`, read at each limit; V8 adds at least a few MB).
 *   Left to itself, V8 lets it grow up to 4× when the program allocates fast,
 *   as a lint does: over a 100,000-unit run the main thread's old generation
 *   went from 17 to 41 MB between collections with 11–16 MB alive, and the
 *   run's peak moved with where those collections fell (161, 172 and 177 MiB;
 *   with the flag 160, 154 and 157 MiB, its old generation 15–21 MB; a
 *   collection every 1.5 s, 2–8 ms each; 10,000 units: 140–143 → 134–137 MiB at
 *   the same time; alternating runs).
 */
function leanCollector(): void {
  setFlagsFromString('--no-parallel-scavenge');
  setFlagsFromString(`--heap-growing-percent=${OLD_GROWTH_PERCENT}`);
}

/** See `leanCollector`. */
const OLD_GROWTH_PERCENT = 30;

interface WorkerState {
  worker: Worker;
  /** The jobs sent and not yet answered, by their place in the run. */
  sent: Map<number, unknown>;
  /** It ran out of heap: its jobs went to the main thread. */
  lost: boolean;
}

export class LintPool {
  private workers: WorkerState[] = [];
  /** Results by file index, of the jobs under way. */
  private done = new Map<number, unknown>();
  private failure: unknown;
  private closing = false;
  private wake?: () => void;
  /** Jobs of a worker that ran out of heap, by their place in the run: the main thread checks them. */
  private orphans: [number, unknown][] = [];
  private replaced = 0;

  /** What every file of the run is checked with, here and in each worker. */
  private constructor(private readonly settings: LintSettings) {}

  /** Starts the workers (none when the CLI runs from its sources or `WORKUNIT_LINT_WORKERS=0`); `close` it when done. */
  static start(settings: LintSettings): LintPool {
    const pool = new LintPool(settings);
    const count = workerCount();
    if (count > 0) leanCollector();
    for (let i = count; i > 0; i--) pool.workers.push(pool.spawn());
    return pool;
  }

  /** With no workers: what a run of a few files uses. */
  static none(settings: LintSettings): LintPool {
    return new LintPool(settings);
  }

  /** Itself when its workers are worth keeping, else a pool with none (its workers stopped). */
  async keepIf(worth: boolean): Promise<LintPool> {
    if (worth) return this;
    await this.close();
    return LintPool.none(this.settings);
  }

  /**
   * Each file `next` gives (until it gives undefined) checked, here and in the
   * workers, and taken in the order given: `next` numbers them 0, 1, 2…
   */
  check(next: JobSource<FileJob>, take: (r: FileResult) => void): Promise<void> {
    return this.inOrder(next, (job) => lintFile(job, this.settings), (jobs) => ({ kind: 'check', jobs }), take);
  }

  /** The files the catalog rules name, checked again with their findings, taken in the order given. */
  relint(jobs: RelintJob[], take: (r: RelintResult) => void): Promise<void> {
    let n = 0;
    return this.inOrder(
      () => (n < jobs.length ? { ...jobs[n], order: n++ } : undefined),
      (j) => ({ ...relintFile(j.job, this.settings, j.catalogRaw), index: j.order }),
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
    const worker = new Worker(WORKER_FILE, { workerData: this.settings, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, maxOldGenerationSizeMb: WORKER_OLD_MB } });
    const state: WorkerState = { worker, sent: new Map(), lost: false };
    worker.on('message', (r: { index: number }) => {
      state.sent.delete(r.index);
      this.done.set(r.index, r);
      this.wake?.();
    });
    worker.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' && !this.closing) {
        // A file too big for a worker's heap: its unanswered jobs go to the main thread, whose heap is
        // the process's, and a new worker takes its place (a few times a run at most).
        state.lost = true;
        this.orphans.push(...state.sent);
        state.sent.clear();
        this.workers = this.workers.filter((w) => w !== state);
        if (this.replaced++ < MAX_REPLACED) this.workers.push(this.spawn());
      } else this.failure ??= e;
      this.wake?.();
    });
    worker.on('exit', (code) => {
      if (!this.closing && !state.lost) this.failure ??= new Error(`A lint worker stopped (exit code ${code}).`);
      this.wake?.();
    });
    return state;
  }

  /**
   * The jobs `next` gives, each run here or in a worker, their results taken
   * in the order given. A job's result (here or a worker's answer) has as
   * its `index` the job's place in this run.
   */
  private async inOrder<J, R extends { index: number }>(
    next: JobSource<J>,
    here: (job: J) => R,
    request: (jobs: J[]) => WorkerRequest,
    take: (r: R) => void,
  ): Promise<void> {
    const done = this.done as Map<number, R>;
    done.clear();
    const orphans = this.orphans as [number, J][];
    orphans.length = 0;
    let given = 0;
    let taken = 0;
    let ended = false;
    const room = () => !ended && given - taken < AHEAD;
    const pull = async (): Promise<J | undefined> => {
      const got = next();
      const job = got instanceof Promise ? await got : got;
      if (job === undefined) ended = true;
      else given++;
      return job;
    };
    const takeReady = () => {
      for (let r = done.get(taken); r; r = done.get(taken)) {
        done.delete(taken++);
        take(r);
      }
    };
    while (!ended || taken < given) {
      if (this.failure) throw this.failure;
      for (const w of this.workers) {
        while (w.sent.size < WINDOW && room()) {
          const batch: [number, J][] = [];
          while (batch.length < BATCH && room()) {
            const job = await pull();
            if (job === undefined) break;
            batch.push([given - 1, job]);
          }
          if (batch.length === 0) break;
          // The worker may have run out of heap while the batch was gathered.
          if (w.lost) {
            orphans.push(...batch);
            break;
          }
          for (const [at, job] of batch) w.sent.set(at, job);
          w.worker.postMessage(request(batch.map(([, job]) => job)));
        }
      }
      const orphan = orphans.shift()?.[1];
      const job = orphan ?? (room() ? await pull() : undefined);
      if (job !== undefined) {
        // The main thread's share: one job, then the workers' messages have their turn.
        const r = here(job);
        done.set(r.index, r);
        takeReady();
        if (this.workers.length > 0) await new Promise((resolve) => setImmediate(resolve));
      } else {
        takeReady();
        if (taken < given && !this.failure && orphans.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    }
  }
}

/** The jobs of a run, one per call in order, then undefined: at once, or once the file is found (a lint's walk). */
export type JobSource<J> = () => J | undefined | Promise<J | undefined>;

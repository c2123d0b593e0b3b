/**
 * A lint worker (`node:worker_threads`): checks and reports the files the
 * main thread sends, as cli/lintFile.ts does there, and sends each result
 * back (cli/lintPool.ts says what it asks). Bundled beside the CLI as
 * dist/lintWorker.js (scripts/build.mjs); the CLI only, never the web bundles.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lintFile, relintFile, type LintSettings } from './lintFile';
import type { WorkerRequest } from './lintPool';

const settings = workerData as LintSettings;
parentPort!.on('message', (m: WorkerRequest) => {
  if (m.kind === 'check') for (const job of m.jobs) parentPort!.postMessage(lintFile(job, settings));
  // Answered by its place among the files checked again, as the pool takes them.
  else for (const j of m.jobs) parentPort!.postMessage({ ...relintFile(j.job, settings, j.catalogRaw), index: j.order });
});

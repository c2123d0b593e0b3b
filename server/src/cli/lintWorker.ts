/**
 * A lint worker (`node:worker_threads`): checks and reports the files the
 * main thread sends, as cli/lintFile.ts does there, and sends each result
 * back. Bundled beside the CLI as dist/lintWorker.js (scripts/build.mjs);
 * the CLI only, never the web bundles.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lintFile, type FileJob, type LintSettings } from './lintFile';

const settings = workerData as LintSettings;
parentPort!.on('message', (jobs: FileJob[]) => {
  for (const job of jobs) parentPort!.postMessage(lintFile(job, settings));
});

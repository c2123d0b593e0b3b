/**
 * The worker thread that measures a unit's log on Node (host/node/measurer.ts
 * starts one per measuring): it reads and parses the log, so the server's
 * thread stays free for requests. In: the unit's text and URI. Out: one
 * message, the `Measurement` or the `LogProblem`. A throw is a bug: the
 * thread's `error` event carries it to the server's log.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { measureUnitText } from '../../core/measure/editor';
import { nodeFileSystem } from './fileSystem';

const { text, unitUri } = workerData as { text: string; unitUri: string };
void measureUnitText(text, unitUri, nodeFileSystem).then((result) => parentPort?.postMessage(result));

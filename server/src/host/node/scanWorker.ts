/**
 * The workspace scan's reader on Node (a `node:worker_threads` worker,
 * bundled as dist/scanWorker.js beside dist/server.js): reads and
 * summarizes the unit files the server sends, and sends each summary back
 * (core/catalog/workspace.ts's `summarizeText`, the same as the scan does in
 * its own thread where there is no worker).
 */
import { parentPort } from 'node:worker_threads';
import { readUnitFile } from '../../core/catalog/walk';
import { summarizeText, type UnitSummary } from '../../core/catalog/workspace';
import { textHash } from '../../core/text/hash';
import type { SummaryResult } from '../../core/catalog/fileSystem';
import { nodeFileSystem } from './fileSystem';

export interface ScanRequest {
  batch: number;
  uris: string[];
}

export interface ScanReply {
  batch: number;
  results: [string, SummaryResult<UnitSummary | undefined>][];
}

parentPort?.on('message', async ({ batch, uris }: ScanRequest) => {
  const results: ScanReply['results'] = [];
  for (const uri of uris) {
    const r = await readUnitFile(nodeFileSystem, uri);
    results.push([uri, 'text' in r ? { summary: summarizeText(r.text), hash: textHash(r.text) } : r]);
  }
  parentPort!.postMessage({ batch, results } satisfies ScanReply);
});

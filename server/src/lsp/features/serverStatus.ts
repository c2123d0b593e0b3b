/** `workunit/serverStatus`: pid, version and memory of this server process. */
import type { Connection } from 'vscode-languageserver/node';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../../protocol';
import { VERSION } from '../../version';
import { idleCollections } from '../idleCollection';
import { errorLog, guardRequest } from '../guard';
import type { UnitDocuments } from '../unitDocuments';

export function registerServerStatus(connection: Connection, units: UnitDocuments): void {
  connection.onRequest(SERVER_STATUS_REQUEST, guardRequest(errorLog(connection), SERVER_STATUS_REQUEST, (): ServerStatusResult => {
    // Only present under `node --expose-gc`; a normal editor session never collects on request.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) gc();
    const mem = process.memoryUsage();
    return {
      pid: process.pid,
      version: VERSION,
      uptime: process.uptime(),
      openDocuments: units.documents.all().length,
      analysesHeld: units.analysesHeld,
      heapUsedBytes: mem.heapUsed,
      rssBytes: mem.rss,
      collected: !!gc,
      idleCollections: idleCollections(),
    };
  }));
}

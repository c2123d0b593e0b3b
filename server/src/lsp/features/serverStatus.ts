/** `workunit/serverStatus`: where the server runs, its version, what it holds, and its memory (in Node). */
import type { Connection } from 'vscode-languageserver';
import type { ServerHost } from '../../host/host';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../../protocol';
import { VERSION } from '../../version';
import { errorLog, guardRequest } from '../guard';
import type { UnitDocuments } from '../unitDocuments';

export function registerServerStatus(connection: Connection, units: UnitDocuments, host: ServerHost): void {
  connection.onRequest(
    SERVER_STATUS_REQUEST,
    guardRequest(errorLog(connection), SERVER_STATUS_REQUEST, (): ServerStatusResult => ({
      host: host.kind,
      version: VERSION,
      openDocuments: units.documents.all().length,
      analysesHeld: units.analysesHeld,
      ...host.status(),
    })),
  );
}

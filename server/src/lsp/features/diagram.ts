/** `workunit/diagram`: the boundary diagram laid out by the core, for the preview panel. */
import type { Connection } from 'vscode-languageserver/node';
import { layoutDiagram } from '../../core/diagram/layout';
import { DIAGRAM_REQUEST, type DiagramParams, type DiagramResult } from '../../protocol';
import { errorLog, guardRequest } from '../guard';
import type { UnitDocuments } from '../unitDocuments';

export function registerDiagram(connection: Connection, units: UnitDocuments): void {
  connection.onRequest(DIAGRAM_REQUEST, guardRequest(errorLog(connection), DIAGRAM_REQUEST, (params: DiagramParams): DiagramResult => {
    const uri = params.uri;
    if (!units.get(uri)) return { stale: false, reason: 'Not an open work unit file.' };
    const current = units.current(uri);
    if (current?.parsed) return { diagram: layoutDiagram(current.unit, current.findings), version: current.version, stale: false };
    // Broken YAML: the last good diagram, marked stale, so the preview keeps it under a banner.
    const good = units.lastGood(uri);
    if (good) return { diagram: layoutDiagram(good.unit, good.findings), version: good.version, stale: true };
    return { stale: true, reason: 'The file is not valid YAML yet; the diagram appears once it parses.' };
  }));
}

/** `workunit/diagram`: the boundary diagram laid out by the core, for the preview panel. */
import type { Connection } from 'vscode-languageserver';
import { layoutDiagram } from '../../core/diagram/layout';
import { DIAGRAM_REQUEST, type DiagramParams, type DiagramResult } from '../../protocol';
import { errorLog, guardRequest } from '../guard';
import type { UnitDocuments } from '../unitDocuments';
import type { LogMeasurements } from '../measurements';
import { stepFigures } from '../../core/diagram/figures';
import { isLogProblem } from '../../core/measure/events';
import type { UnitModel } from '../../core/model/types';

export function registerDiagram(connection: Connection, units: UnitDocuments, measurements?: LogMeasurements): void {
  /** The layout's options: the panel's space, and each step's figures where the unit's log is measured. */
  const optionsFor = (uri: string, unit: UnitModel, space: { width?: number; height?: number }) => {
    const measured = measurements?.resultFor(uri, unit);
    return measured && !isLogProblem(measured) ? { ...space, figures: stepFigures(measured.boundary) } : space;
  };
  connection.onRequest(DIAGRAM_REQUEST, guardRequest(errorLog(connection), DIAGRAM_REQUEST, (params: DiagramParams): DiagramResult => {
    const uri = params.uri;
    const space = spaceOf(params);
    if (!units.get(uri)) return { stale: false, reason: 'Not an open work unit file.' };
    const current = units.current(uri);
    if (current?.parsed) return { diagram: layoutDiagram(current.unit, current.findings, optionsFor(uri, current.unit, space)), version: current.version, stale: false };
    // Broken YAML: the last good diagram, marked stale, so the preview keeps it under a banner.
    const good = units.lastGood(uri);
    if (good) return { diagram: layoutDiagram(good.unit, good.findings, optionsFor(uri, good.unit, space)), version: good.version, stale: true };
    return { stale: true, reason: 'The file is not valid YAML yet; the diagram appears once it parses.' };
  }));
}

/** The panel's size, where it sent a sensible one (anything else lays out at the natural width). */
function spaceOf(params: DiagramParams | undefined): { width?: number; height?: number } {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 200 && v <= 100_000;
  const space: { width?: number; height?: number } = {};
  if (ok(params?.width)) space.width = params.width;
  if (ok(params?.width) && ok(params?.height)) space.height = params.height;
  return space;
}

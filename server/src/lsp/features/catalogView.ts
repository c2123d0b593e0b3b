/**
 * The catalog view's protocol: `workunit/catalog` (every unit the workspace
 * index knows, with its four-element status and finding counts),
 * `workunit/catalogReport` (the catalog report as Markdown) and the
 * `workunit/catalogChanged` notification.
 *
 * Open documents answer with their current analysis. A file on disk is
 * read and analysed again only when its text (the catalog's hash of what it
 * read), its levels or its catalog findings changed: the view keeps its
 * entry (a few hundred bytes), never its text or its model — a workspace
 * of 10,000 units costs keys, not models (issue 20). The report reads and
 * analyses each closed file in turn, keeping none, and measures each unit
 * that names a log.
 */
import { ParameterStructures, type CancellationToken, type Connection } from 'vscode-languageserver';
import { checkUnit, finish, type Analysis } from '../../core/analyze';
import { CatalogReportBuilder } from '../../core/catalog/report';
import { renderMarkdown } from '../../core/catalog/markdown';
import { elementStatus, elementSummary } from '../../core/navigation/elements';
import { ALL_RULES } from '../../core/rules/registry';
import type { LevelResolver } from '../../core/config/levels';
import {
  CATALOG_CHANGED_NOTIFICATION,
  CATALOG_REPORT_REQUEST,
  CATALOG_REQUEST,
  type CatalogReportResult,
  type CatalogResult,
  type CatalogViewUnit,
} from '../../protocol';
import type { CatalogFile, WorkspaceCatalog } from '../../core/catalog/workspaceCatalog';
import type { Settings } from '../settings';
import { errorLog, guardRequest, runLogged } from '../guard';
import type { LogMeasurements } from '../measurements';
import type { UnitDocuments } from '../unitDocuments';

/**
 * Sends the notification with no `params` at all. The connection passes a
 * missing param on as `[null]`; given only a parameter-structure marker
 * (which JSON-RPC reads as "what follows are the params": nothing), it
 * sends none.
 */
function sendCatalogChanged(connection: Connection): Promise<void> {
  return connection.sendNotification(CATALOG_CHANGED_NOTIFICATION, ParameterStructures.auto as never);
}

/** A closed file's entry in the view, and what it was computed from. */
interface Cached {
  hash: number;
  /** The levels it was checked with, and the catalog findings it was finished with. */
  levels: string;
  catalog: string;
  unit: CatalogViewUnit;
}

export function registerCatalogView(connection: Connection, catalog: WorkspaceCatalog, units: UnitDocuments, settings: Settings, measurements?: LogMeasurements): void {
  /** Per closed file: its entry in the view — small; neither its text nor its model is kept. */
  const cache = new Map<string, Cached>();
  /** The summary last computed per open document, to tell when it changes. */
  const liveSignatures = new Map<string, string>();

  const log = errorLog(connection);
  catalog.onDidChange(() => runLogged(log, CATALOG_CHANGED_NOTIFICATION, () => sendCatalogChanged(connection)));
  units.onPublished = (uri, analysis) => {
    if (!catalog.isInCatalog(uri)) return;
    const sig = signature(summarize(uri, analysis));
    if (liveSignatures.get(uri) === sig) return;
    liveSignatures.set(uri, sig);
    catalog.changed();
  };

  /** A closed file's analysis from its text on disk now, with its catalog findings; undefined when it cannot be read. */
  async function analyzeClosed(file: CatalogFile, levels: LevelResolver): Promise<{ analysis: Analysis; hash: number } | undefined> {
    const read = await catalog.readText(file.key);
    if (!read) return undefined;
    return { analysis: finish(checkUnit(read.text, levels), levels, catalog.catalogFindings(file.key)), hash: read.hash };
  }

  /** Every file of the catalog as the view shows it; closed files from the cache while their text, levels and catalog findings stay as they were. */
  async function viewUnits(token?: CancellationToken): Promise<CatalogViewUnit[]> {
    const files = await catalog.files(token);
    const keys = new Set(files.map((f) => f.key));
    for (const key of cache.keys()) if (!keys.has(key)) cache.delete(key);
    for (const uri of liveSignatures.keys()) if (!units.get(uri)) liveSignatures.delete(uri);
    const out: CatalogViewUnit[] = [];
    // One file at a time: each read gives the event loop a turn, and at most one model is alive.
    for (const file of files) {
      const open = file.open ? units.current(file.uri) : undefined;
      if (open) {
        out.push(summarize(file.uri, open));
        continue;
      }
      if (file.hash === undefined) continue;
      const levels = await settings.levelsFor(file.key);
      const sig = { levels: levelsSignature(levels), catalog: JSON.stringify(catalog.catalogFindings(file.key) ?? null) };
      let c = cache.get(file.key);
      if (!c || c.hash !== file.hash || c.levels !== sig.levels || c.catalog !== sig.catalog) {
        const done = await analyzeClosed(file, levels);
        if (!done) continue;
        c = { hash: done.hash, ...sig, unit: summarize(file.uri, done.analysis) };
        cache.set(file.key, c);
      }
      out.push(c.unit);
    }
    return out;
  }

  connection.onRequest(CATALOG_REQUEST, guardRequest(log, CATALOG_REQUEST, async (_params: unknown, token: CancellationToken): Promise<CatalogResult> => {
    return { units: await viewUnits(token) };
  }));

  connection.onRequest(CATALOG_REPORT_REQUEST, guardRequest(log, CATALOG_REPORT_REQUEST, async (_params: unknown, token: CancellationToken): Promise<CatalogReportResult> => {
    // Each file analysed in turn and added to the report, its model dropped right after; a unit that names a
    // log measured from it, as `workunit catalog` does (an open unit's measurement is used as it stands).
    const cancelled = new AbortController();
    token.onCancellationRequested(() => cancelled.abort());
    const report = new CatalogReportBuilder();
    for (const file of await catalog.files(token)) {
      const open = file.open ? units.current(file.uri) : undefined;
      const analysis = open ?? (file.hash === undefined ? undefined : (await analyzeClosed(file, await settings.levelsFor(file.key)))?.analysis);
      if (!analysis) continue;
      const m = analysis.parsed ? await measurements?.measureFor(file.uri, analysis.unit, cancelled.signal) : undefined;
      // The log named as the report names units: by its place in the workspace.
      const measured = m && ('problem' in m.result ? m.result : { ...m.result, log: catalog.labelOf(m.logKey) });
      report.add({ file: catalog.labelOf(file.key), analysis, ...(measured ? { measured } : {}) });
    }
    return { markdown: renderMarkdown(report.build()) };
  }));
}

/** Every rule's level: what the view's entry of a file depends on besides its text. */
function levelsSignature(levels: LevelResolver): string {
  return ALL_RULES.map((r) => levels.severity(r.id) ?? 'off').join(',');
}

export function summarize(uri: string, analysis: Analysis): CatalogViewUnit {
  const { unit } = analysis;
  const status = elementStatus(unit, analysis.findings);
  const findings = { error: 0, warning: 0, info: 0 };
  for (const f of analysis.findings) if (f.severity !== 'hint') findings[f.severity]++;
  return {
    uri,
    ...(unit.id?.value !== undefined ? { id: unit.id.value } : {}),
    ...(unit.name !== undefined ? { name: unit.name } : {}),
    ...(unit.valueStream?.value !== undefined ? { valueStream: unit.valueStream.value } : {}),
    elements: elementSummary(status),
    findings,
  };
}

function signature(u: CatalogViewUnit): string {
  return JSON.stringify(u);
}

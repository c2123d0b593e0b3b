/**
 * The catalog view's protocol: `workunit/catalog` (every unit the workspace
 * index knows, with its four-element status and finding counts),
 * `workunit/catalogReport` (the catalog report as Markdown) and the
 * `workunit/catalogChanged` notification.
 *
 * Open documents answer with their current analysis. A file on disk is
 * analysed from the text the index read: its file rules' results are kept
 * per file until that text (or which rules are off) changes, and finished
 * with the catalog findings of the moment — no disk read per request.
 */
import { ParameterStructures, type CancellationToken, type Connection } from 'vscode-languageserver';
import { checkUnit, finish, type Analysis, type CheckedUnit } from '../../core/analyze';
import { buildCatalogReport } from '../../core/catalog/report';
import { renderMarkdown } from '../../core/catalog/markdown';
import { elementStatus, elementSummary } from '../../core/navigation/elements';
import { FILE_RULES } from '../../core/rules/registry';
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

interface Cached {
  text: string;
  /** Which file rules were off when it was checked. */
  off: string;
  checked: CheckedUnit;
}

export function registerCatalogView(connection: Connection, catalog: WorkspaceCatalog, units: UnitDocuments, settings: Settings): void {
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

  async function analyses(token?: CancellationToken): Promise<{ file: CatalogFile; analysis?: Analysis }[]> {
    const files = await catalog.files(token);
    const keys = new Set(files.map((f) => f.key));
    for (const key of cache.keys()) if (!keys.has(key)) cache.delete(key);
    for (const uri of liveSignatures.keys()) if (!units.get(uri)) liveSignatures.delete(uri);
    return Promise.all(
      files.map(async (file) => {
        const open = file.open ? units.current(file.uri) : undefined;
        if (open) return { file, analysis: open };
        if (file.text === undefined) return { file };
        const levels = await settings.levelsFor(file.key);
        const off = offRules(levels);
        let c = cache.get(file.key);
        if (!c || c.text !== file.text || c.off !== off) {
          c = { text: file.text, off, checked: checkUnit(file.text, levels) };
          cache.set(file.key, c);
        }
        return { file, analysis: finish(c.checked, levels, catalog.catalogFindings(file.key)) };
      }),
    );
  }

  connection.onRequest(CATALOG_REQUEST, guardRequest(log, CATALOG_REQUEST, async (_params: unknown, token: CancellationToken): Promise<CatalogResult> => {
    const all = await analyses(token);
    const units: CatalogViewUnit[] = [];
    for (const { file, analysis } of all) if (analysis) units.push(summarize(file.uri, analysis));
    return { units };
  }));

  connection.onRequest(CATALOG_REPORT_REQUEST, guardRequest(log, CATALOG_REPORT_REQUEST, async (_params: unknown, token: CancellationToken): Promise<CatalogReportResult> => {
    const all = await analyses(token);
    const entries = all.filter((e) => e.analysis).map((e) => ({ file: catalog.labelOf(e.file.key), analysis: e.analysis! }));
    return { markdown: renderMarkdown(buildCatalogReport(entries)) };
  }));
}

function offRules(levels: LevelResolver): string {
  return FILE_RULES.filter((r) => levels.isOff(r.id))
    .map((r) => r.id)
    .join(',');
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

/** Wording shared by the catalog report's renderers, so Markdown and HTML say the same things. */
import type { Measurement } from '../measure/measure';
import { figure, metricLine } from '../measure/text';
import { STATE_MARK, type ElementState } from '../navigation/elements';
import type { Severity } from '../rules/types';
import { SEVERITIES, type CatalogCrossing, type CatalogHandoff, type CatalogReport, type CatalogUnit, type SeverityCounts } from './report';

export const ELEMENT_COLUMNS: readonly { key: keyof Pick<CatalogUnit['elements'], 'outcome' | 'executionLogic' | 'executionStructure' | 'learningLoop'>; label: string }[] = [
  { key: 'outcome', label: 'outcome' },
  { key: 'executionLogic', label: 'execution logic' },
  { key: 'executionStructure', label: 'execution structure' },
  { key: 'learningLoop', label: 'learning loop' },
];

export const MODE_COLUMNS = ['human', 'machine', 'hybrid', 'unassigned'] as const;

/** An element's state as one mark: complete ✓, incomplete ◐, missing ✗. */
export function mark(state: ElementState): string {
  return STATE_MARK[state];
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 errors", "1 info", "2 info": findings of one severity, counted (`info` is a mass noun, like "advice"). */
export function severityCount(severity: Severity, n: number): string {
  return plural(n, severity, severity === 'info' ? 'info' : undefined);
}

/** "3 errors, 4 warnings, 1 info, 1 hint"; "none". */
export function findingsSummary(c: SeverityCounts): string {
  const parts = SEVERITIES.filter((s) => c[s] > 0).map((s) => severityCount(s, c[s]));
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** How a unit is titled: its id, or its file where it has none. */
export function unitTitle(u: CatalogUnit): string {
  return u.id ?? u.file;
}

/** The exception rule a crossing is routed by (undefined for a flow edge). */
export function crossingException(c: CatalogCrossing): string | undefined {
  return c.via === 'exception' ? (c.exception ?? '') : undefined;
}

export function handoffException(h: CatalogHandoff): string {
  return h.exception;
}

/**
 * The rows of a unit's boundary table (crossings, then hand-offs), with the
 * format's own way of writing an id and the exception it goes through.
 */
export function boundaryRows(u: CatalogUnit, code: (id: string) => string, via: (exception: string | undefined) => string): string[][] {
  return [
    ...u.boundary.crossings.map((c) => ['crossing', `${code(c.from)} → ${code(c.to)}`, via(crossingException(c))]),
    ...u.boundary.handoffs.map((h) => ['hand-off', `${code(h.at)} → ${code(h.owner)}`, via(handoffException(h))]),
  ];
}

/** The line under the title. */
export function overview(r: CatalogReport): string {
  const t = r.totals;
  const parts = [
    plural(t.files, 'unit file'),
    plural(t.valueStreams, 'value stream'),
    `${t.complete} of ${t.files} with all four elements complete, ${t.allPresent} with all four present`,
    plural(t.steps.total, 'step'),
    plural(t.crossings, 'boundary crossing'),
    plural(t.handoffs, 'hand-off'),
    `findings: ${findingsSummary(t.findings)}`,
  ];
  return parts.join(' · ');
}

/** Severities with findings of a rule, most severe first: "error", "warning, info". */
export function levels(c: SeverityCounts): string {
  return SEVERITIES.filter((s) => c[s] > 0).join(', ');
}

/** One table of the measured figures: a title and rows of cells already escaped by the renderer's `code` and `text`. */
export interface MeasuredTable {
  title: string;
  head: string[];
  rows: string[][];
}

/**
 * A unit's figures from its log, as the catalog report shows them: a line
 * of totals, then the metrics, the steps as run and the changes before and
 * after. `code` and `text` escape what comes from the files (ids, names, the
 * log's path, its activities) for the renderer.
 */
export function measuredParts(
  m: Measurement,
  code: (s: string) => string,
  text: (s: string) => string,
  /** Code outside a table, where it differs (Markdown escapes `|` only in a table). */
  lineCode: (s: string) => string = code,
): { summary: string; tables: MeasuredTable[] } {
  const pct = (n: number | null) => (n === null ? '—' : `${figure(n)} %`);
  const parts = [
    `${text(`${plural(m.cases, 'case')}, ${plural(m.events, 'event')} from`)} ${lineCode(m.log)}`,
    text(`exception rate ${pct(m.exceptionRate)}, conformance ${pct(m.conformance)}, throughput ${figure(m.throughputPerWeek)} per week`),
  ];
  if (m.unmappedEvents > 0) {
    const top = m.unmappedActivities.slice(0, 3).map((a) => `${lineCode(a.activity)} ${text(`(${figure(a.events)})`)}`);
    parts.push(`${text(`${plural(m.unmappedEvents, 'unmapped event')}:`)} ${top.join(', ')}${m.unmappedActivities.length > 3 ? text(', …') : ''}`);
  }
  if (m.skipped.bad > 0) parts.push(text(`${plural(m.skipped.bad, 'bad row')} (first at line ${m.skipped.badRows[0]?.line ?? '?'})`));
  const tables: MeasuredTable[] = [
    {
      title: 'Measured metrics',
      head: ['metric', 'measured'],
      rows: m.metrics.map((x) => [x.id !== null ? code(x.id) : text('(no id)'), text(metricLine(x))]),
    },
    {
      title: 'Steps as run (human / AI agent / automation)',
      head: ['step', 'declared', 'events', 'shares', 'drifted'],
      rows: m.boundary.map((b) => [
        code(b.step),
        text(b.declared),
        text(figure(b.events)),
        text(b.human + b.aiAgent + b.automation === 0 ? '—' : [b.human, b.aiAgent, b.automation].map((v) => `${Math.round(v * 100)}%`).join(' / ')),
        text(b.drifted ? 'drifted' : ''),
      ]),
    },
  ];
  if (m.changes.length > 0) {
    tables.push({
      title: 'Before and after each change',
      head: ['date', 'change', 'before → after'],
      rows: m.changes.map((c) => [
        text(c.date),
        text(c.change ?? ''),
        Object.keys({ ...c.before, ...c.after })
          .map((id) => `${code(id)} ${text(`${figure(c.before[id] ?? null)} → ${figure(c.after[id] ?? null)}`)}`)
          .join(', '),
      ]),
    });
  }
  return { summary: parts.join(' · '), tables: tables.filter((t) => t.rows.length > 0) };
}

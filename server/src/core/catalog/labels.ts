/** Wording shared by the catalog report's renderers, so Markdown and HTML say the same things. */
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

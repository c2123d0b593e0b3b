/**
 * The catalog report: what a folder of units adds up to, per value stream and
 * per unit — the four elements, the steps by mode, the human–machine boundary,
 * the metrics as before → after, the findings — and the findings across the
 * catalog by rule. Pure: analyses in, data out; the renderers
 * (markdown.ts, html.ts, and JSON as is) turn it into a page.
 */
import type { Analysis } from '../analyze';
import type { LogProblem } from '../measure/events';
import type { Measurement } from '../measure/measure';
import { crossingsAndHandoffs } from '../diagram/boundary';
import { stepMode } from '../model/queries';
import type { StepMode } from '../model/types';
import { elementStatus, type ElementName, type ElementState } from '../navigation/elements';
import { ruleMeta } from '../rules/registry';
import type { Severity } from '../rules/types';

/** Bumped when a field changes meaning or disappears (adding one does not). */
export const CATALOG_REPORT_VERSION = 1;

/** The group of units that name no `valueStream`. */
export const NO_VALUE_STREAM = '(no value stream)';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export type SeverityCounts = Record<Severity, number>;

export interface CatalogCrossing {
  /** Step ids (`#n` for a step without one, n from 1). */
  from: string;
  to: string;
  /** A flow edge (`next` or falling through), or an exception route (`at` → `then`). */
  via: 'flow' | 'exception';
  /** The exception rule's id, for `via: 'exception'`. */
  exception?: string;
}

export interface CatalogHandoff {
  /** The exception rule's id. */
  exception: string;
  /** The machine or hybrid step it fires at: `from`. */
  at: string;
  /** The human who receives the case: `to`. */
  owner: string;
}

export interface CatalogMetric {
  /** Undefined for a metric written without an id. */
  id?: string;
  kind?: string;
  unit?: string;
  baseline?: number;
  target?: number;
  /** `baseline → target unit`, `?` for a missing figure: `40 → 24 hours`. */
  beforeAfter: string;
}

export interface CatalogUnit {
  /** The file, as the caller names it. */
  file: string;
  /** The unit's `id`; undefined when the file has none (or is not valid YAML). */
  id?: string;
  name?: string;
  /** Undefined for a unit without one (it is listed under NO_VALUE_STREAM). */
  valueStream?: string;
  owner?: string;
  /** False when the file is not valid YAML: nothing else is known about it. */
  parsed: boolean;
  elements: {
    outcome: boolean;
    executionLogic: boolean;
    executionStructure: boolean;
    learningLoop: boolean;
    /** How many of the four are present. */
    count: number;
    /** How many of the four are complete (present, with no error or warning of theirs). */
    complete: number;
    missing: ElementName[];
    /** Each element's state, as the spec's "Element status" defines it. */
    states: Record<'outcome' | 'executionLogic' | 'executionStructure' | 'learningLoop', ElementState>;
    /** In the spec's words, as everywhere: "4 of 4 elements complete", "4 of 4 present, 3 complete — …". */
    label: string;
  };
  /**
   * Steps by mode (docs/format.md: all human = human, all machine = machine,
   * both = hybrid, none = unassigned). `unknown`: a performer that is not a
   * declared actor with a kind, so the step stands on neither side yet.
   */
  steps: { total: number } & Record<StepMode, number>;
  boundary: {
    crossings: CatalogCrossing[];
    handoffs: CatalogHandoff[];
  };
  metrics: CatalogMetric[];
  /**
   * The unit measured from its log (`learning.log`): the figures, or why the
   * log could not be read. Absent for a unit that names no log (or when the
   * report was built without measuring).
   */
  measured?: Measurement | LogProblem;
  findings: SeverityCounts & { total: number };
}

export interface CatalogValueStream {
  /** The value stream's id, or NO_VALUE_STREAM. */
  name: string;
  /** True for the NO_VALUE_STREAM group. */
  none: boolean;
  units: CatalogUnit[];
}

export interface CatalogRuleFindings {
  rule: string;
  /** The rule's one-line summary (empty for an id the registry does not know). */
  summary: string;
  count: number;
  bySeverity: SeverityCounts;
  /** The files with findings of this rule, and how many in each, in catalog order. */
  files: { file: string; count: number }[];
}

export interface CatalogReport {
  version: typeof CATALOG_REPORT_VERSION;
  totals: {
    files: number;
    /** Files that are valid YAML. */
    units: number;
    /** Named value streams (the NO_VALUE_STREAM group is not counted). */
    valueStreams: number;
    /** Units with all four elements complete (the spec's "4 of 4 elements complete"). */
    complete: number;
    /** Units with all four elements present, complete or not. */
    allPresent: number;
    steps: CatalogUnit['steps'];
    crossings: number;
    handoffs: number;
    findings: SeverityCounts & { total: number };
  };
  /** Named value streams by name, then the NO_VALUE_STREAM group (when it has units). */
  valueStreams: CatalogValueStream[];
  /** Most severe first, then the most findings, then by rule id. */
  findingsByRule: CatalogRuleFindings[];
}

export interface CatalogReportEntry {
  file: string;
  analysis: Analysis;
  /** The unit measured from its log, where it names one (see core/measure). */
  measured?: Measurement | LogProblem;
}

export function buildCatalogReport(entries: Iterable<CatalogReportEntry>): CatalogReport {
  const builder = new CatalogReportBuilder();
  for (const e of entries) builder.add(e);
  return builder.build();
}

/**
 * The report one file at a time: each analysis is read when added and not
 * kept (only its unit's part of the report is), so a catalog of any size
 * can be reported without holding its models.
 */
export class CatalogReportBuilder {
  private readonly units: CatalogUnit[] = [];
  private readonly rules = new Map<string, CatalogRuleFindings>();

  add(entry: CatalogReportEntry): void {
    this.units.push(unitReport(entry));
    const { file, analysis } = entry;
    for (const f of analysis.findings) {
      let r = this.rules.get(f.rule);
      if (!r) {
        r = { rule: f.rule, summary: ruleMeta(f.rule)?.summary ?? '', count: 0, bySeverity: zeroCounts(), files: [] };
        this.rules.set(f.rule, r);
      }
      r.count++;
      r.bySeverity[f.severity]++;
      const last = r.files[r.files.length - 1];
      if (last?.file === file) last.count++;
      else r.files.push({ file, count: 1 });
    }
  }

  build(): CatalogReport {
    const { units, rules } = this;
    const streams = new Map<string, CatalogUnit[]>();
    const none: CatalogUnit[] = [];
    for (const u of units) {
      if (u.valueStream === undefined) none.push(u);
      else {
        const list = streams.get(u.valueStream);
        if (list) list.push(u);
        else streams.set(u.valueStream, [u]);
      }
    }
    const byUnit = (a: CatalogUnit, b: CatalogUnit) => compare(a.id ?? '\uffff', b.id ?? '\uffff') || compare(a.file, b.file);
    const valueStreams: CatalogValueStream[] = [...streams.keys()]
      .sort(compare)
      .map((name) => ({ name, none: false, units: streams.get(name)!.sort(byUnit) }));
    if (none.length > 0) valueStreams.push({ name: NO_VALUE_STREAM, none: true, units: none.sort(byUnit) });

    const worst = (r: CatalogRuleFindings) => SEVERITIES.findIndex((s) => r.bySeverity[s] > 0);
    const findingsByRule = [...rules.values()].sort((a, b) => worst(a) - worst(b) || b.count - a.count || compare(a.rule, b.rule));

    const steps = { total: 0, human: 0, machine: 0, hybrid: 0, unassigned: 0, unknown: 0 };
    const findings = { ...zeroCounts(), total: 0 };
    for (const u of units) {
      for (const k of Object.keys(steps) as (keyof typeof steps)[]) steps[k] += u.steps[k];
      for (const s of SEVERITIES) findings[s] += u.findings[s];
      findings.total += u.findings.total;
    }
    return {
      version: CATALOG_REPORT_VERSION,
      totals: {
        files: units.length,
        units: units.filter((u) => u.parsed).length,
        valueStreams: streams.size,
        complete: units.filter((u) => u.parsed && u.elements.complete === 4).length,
        allPresent: units.filter((u) => u.parsed && u.elements.count === 4).length,
        steps,
        crossings: units.reduce((n, u) => n + u.boundary.crossings.length, 0),
        handoffs: units.reduce((n, u) => n + u.boundary.handoffs.length, 0),
        findings,
      },
      valueStreams,
      findingsByRule,
    };
  }
}

function unitReport({ file, analysis, measured }: CatalogReportEntry): CatalogUnit {
  const { unit } = analysis;
  const e = elementStatus(unit, analysis.findings);
  const state = (name: ElementName) => e.elements.find((x) => x.name === name)!.state;
  const steps = { total: 0, human: 0, machine: 0, hybrid: 0, unassigned: 0, unknown: 0 };
  for (const s of unit.steps?.items ?? []) {
    steps[stepMode(unit, s)]++;
    steps.total++;
  }
  const { crossings, handoffs } = crossingsAndHandoffs(unit);
  const findings = { ...zeroCounts(), total: 0 };
  for (const f of analysis.findings) {
    findings[f.severity]++;
    findings.total++;
  }
  const metrics = (unit.learning?.metrics?.items ?? []).map((m) => {
    const out: CatalogMetric = { beforeAfter: beforeAfter(m.baseline, m.target, m.unit) };
    if (m.id !== undefined) out.id = m.id;
    if (m.kind !== undefined) out.kind = m.kind;
    if (m.unit !== undefined) out.unit = m.unit;
    if (m.baseline !== undefined) out.baseline = m.baseline;
    if (m.target !== undefined) out.target = m.target;
    return reorder(out, ['id', 'kind', 'unit', 'baseline', 'target', 'beforeAfter']);
  });
  const report: CatalogUnit = {
    file,
    parsed: analysis.parsed,
    elements: {
      outcome: e.outcome,
      executionLogic: e.logic,
      executionStructure: e.structure,
      learningLoop: e.learning,
      count: e.count,
      complete: e.complete,
      missing: e.missing,
      states: {
        outcome: state('outcome'),
        executionLogic: state('execution logic'),
        executionStructure: state('execution structure'),
        learningLoop: state('learning loop'),
      },
      label: e.label,
    },
    steps,
    boundary: {
      crossings: crossings.map((c) => (c.exception !== undefined ? { from: c.from, to: c.to, via: c.via, exception: c.exception } : { from: c.from, to: c.to, via: c.via })),
      handoffs: handoffs.map((h) => ({ exception: h.exception, at: h.at, owner: h.owner })),
    },
    metrics,
    ...(measured ? { measured } : {}),
    findings,
  };
  if (analysis.parsed) {
    if (unit.id?.value !== undefined) report.id = String(unit.id.value);
    if (unit.name !== undefined) report.name = String(unit.name);
    if (unit.valueStream?.value !== undefined) report.valueStream = String(unit.valueStream.value);
    if (unit.owner !== undefined) report.owner = unit.owner.name;
  }
  return reorder(report, ['file', 'id', 'name', 'valueStream', 'owner', 'parsed', 'elements', 'steps', 'boundary', 'metrics', 'measured', 'findings']);
}

/** `40 → 24 hours`; `?` where a figure is missing. */
export function beforeAfter(baseline: number | undefined, target: number | undefined, unit: string | undefined): string {
  const n = (v: number | undefined) => (v === undefined ? '?' : String(v));
  return `${n(baseline)} → ${n(target)}${unit !== undefined && unit !== '' ? ` ${unit}` : ''}`;
}

function zeroCounts(): SeverityCounts {
  return { error: 0, warning: 0, info: 0, hint: 0 };
}

/** Code-point order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The JSON reads best with the identity first. */
function reorder<T extends object>(o: T, order: (keyof T)[]): T {
  const out = {} as T;
  for (const k of order) if (k in o) out[k] = o[k];
  return out;
}

/** The report as JSON: the `CatalogReport` structure itself, two-space indented. */
export function renderJson(r: CatalogReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/**
 * The outline of a unit in the format's terms: the unit, then its outcome,
 * actors, steps, exception rules and learning loop (metrics, review, the log
 * and the dated changes), in
 * source order. Every symbol's `selectionSpan` lies inside its `span`, and
 * every child's `span` inside its parent's — also where anchors and merge
 * keys make the model point at text written elsewhere.
 */
import { isMap } from 'yaml';
import { stepMode } from '../model/queries';
import type { Actor, Metric, Step, UnitModel } from '../model/types';
import { entryMap, mapEntries, nodeSpan, resolve, type AnyNode, type Entry } from '../model/yamlAccess';
import type { Span } from '../text/span';
import { entrySpan, trimEnd, within } from './source';

export type UnitSymbolKind =
  | 'unit'
  | 'outcome'
  | 'actors'
  | 'actor'
  | 'steps'
  | 'step'
  | 'decision'
  /** A labelled branch of a `next` map (1.1): `approved → notify`. */
  | 'branch'
  | 'exceptions'
  | 'exception'
  | 'learning'
  | 'metrics'
  | 'metric'
  | 'review'
  /** `learning.log` (1.1): where the executions are recorded. */
  | 'log'
  | 'changes'
  /** A `learning.changes` entry, by its date. */
  | 'change';

export interface UnitSymbol {
  name: string;
  detail: string;
  kind: UnitSymbolKind;
  /** The whole node, with its key where it has one. */
  span: Span;
  /** What to select when the symbol is picked: its id, or its key. */
  selectionSpan: Span;
  children: UnitSymbol[];
}

const ACTOR_KIND_LABELS: Record<NonNullable<Actor['kind']>, string> = { human: 'human', 'ai-agent': 'AI agent', automation: 'automation' };

export function actorKindLabel(kind: Actor['kind']): string {
  return kind ? ACTOR_KIND_LABELS[kind] : 'no kind';
}

export function documentSymbols(unit: UnitModel): UnitSymbol[] {
  const root = unit.doc.contents as AnyNode;
  if (!unit.isMapping || !isMap(root)) return [];
  const rootSpan = nodeSpan(root);
  if (!rootSpan) return [];
  const top = entryMap(mapEntries(unit.doc, root));
  const children: UnitSymbol[] = [];
  const group = (key: string, name: string, kind: UnitSymbolKind, detail: string, kids: UnitSymbol[] = []): void => {
    const e = top.get(key);
    const span = e && entrySpan(unit, e);
    if (!e || !span) return;
    children.push(fit({ name, detail, kind, span, selectionSpan: nodeSpan(e.keyNode)!, children: kids }));
  };

  group('outcome', 'Outcome', 'outcome', unit.outcome?.statement?.value ?? '');
  group('actors', 'Actors', 'actors', count(unit.actors.size, 'actor'), actorSymbols(unit, top.get('actors')));
  group('steps', 'Steps', 'steps', count(unit.steps?.items.length ?? 0, 'step'), (unit.steps?.items ?? []).map((s) => stepSymbol(unit, s)));
  group(
    'exceptions',
    'Exceptions',
    'exceptions',
    count(unit.exceptions.length, 'exception rule'),
    unit.exceptions.map((ex) =>
      itemSymbol(unit, ex.id ?? `exception ${ex.index + 1}`, ex.when ?? '', 'exception', ex),
    ),
  );
  group('learning', 'Learning', 'learning', learningDetail(unit), learningSymbols(unit, top.get('learning')));

  const span = trimEnd(unit.text, rootSpan);
  const selection = unit.id?.span ?? valueSpan(top.get('name')) ?? nodeSpan(top.values().next().value?.keyNode) ?? { start: span.start, end: span.start };
  const detail = [unit.name !== undefined ? unit.id?.value : undefined, unit.valueStream?.value].filter((x): x is string => !!x).join(' · ');
  const unitSymbol = fit({
    name: unit.name ?? unit.id?.value ?? 'work unit',
    detail,
    kind: 'unit',
    span,
    selectionSpan: selection,
    children: children.sort((a, b) => a.span.start - b.span.start),
  });
  return [nest(unitSymbol)];
}

function actorSymbols(unit: UnitModel, actorsEntry: Entry | undefined): UnitSymbol[] {
  if (!actorsEntry) return [];
  const out: UnitSymbol[] = [];
  for (const e of mapEntries(unit.doc, actorsEntry.valueNode)) {
    const actor = unit.actors.get(e.key);
    const span = entrySpan(unit, e);
    if (!actor || !span) continue;
    const second = actor.role ?? actor.model ?? actor.system;
    out.push({
      name: actor.id,
      detail: [actorKindLabel(actor.kind), second].filter((x): x is string => !!x).join(' · '),
      kind: 'actor',
      span,
      selectionSpan: actor.keySpan,
      children: [],
    });
  }
  return out;
}

function stepSymbol(unit: UnitModel, step: Step): UnitSymbol {
  const mode = stepMode(unit, step);
  const performers = step.performers.map((p) => p.name).join(', ');
  const symbol = itemSymbol(unit, step.id ?? `step ${step.index + 1}`, performers ? `${mode} · ${performers}` : mode, step.isDecision ? 'decision' : 'step', step);
  for (const branch of step.next ?? []) {
    if (branch.label === undefined || !branch.labelSpan) continue;
    symbol.children.push({
      name: branch.label,
      detail: `→ ${branch.name}`,
      kind: 'branch',
      span: { start: branch.labelSpan.start, end: branch.span.end },
      selectionSpan: branch.labelSpan,
      children: [],
    });
  }
  return symbol;
}

function itemSymbol(unit: UnitModel, name: string, detail: string, kind: UnitSymbolKind, item: { span: Span; anchor: Span; idSpan?: Span }): UnitSymbol {
  return { name, detail, kind, span: trimEnd(unit.text, item.span), selectionSpan: item.idSpan ?? item.anchor, children: [] };
}

function learningSymbols(unit: UnitModel, learningEntry: Entry | undefined): UnitSymbol[] {
  const learning = unit.learning;
  if (!learningEntry || !learning || !isMap(resolve(unit.doc, learningEntry.valueNode))) return [];
  const fields = entryMap(mapEntries(unit.doc, learningEntry.valueNode));
  const out: UnitSymbol[] = [];
  /** A field of `learning:` as a symbol: its whole entry, its key selected. */
  const field = (key: string, name: string, kind: UnitSymbolKind, detail: string, children: UnitSymbol[] = []): void => {
    const e = fields.get(key);
    const span = e && entrySpan(unit, e);
    if (e && span) out.push({ name, detail, kind, span, selectionSpan: nodeSpan(e.keyNode)!, children });
  };
  const metrics = learning.metrics?.items ?? [];
  field('metrics', 'Metrics', 'metrics', count(metrics.length, 'metric'), metrics.map((m) => itemSymbol(unit, m.id ?? `metric ${m.index + 1}`, metricDetail(m), 'metric', m)));
  const r = learning.review;
  field('review', 'Review', 'review', [r?.cadence, r?.owner?.name].filter((x): x is string => !!x).join(' · '));
  field('log', 'Log', 'log', learning.log?.path?.value ?? '');
  const changes = learning.changes?.items ?? [];
  field(
    'changes',
    'Changes',
    'changes',
    count(changes.length, 'change'),
    changes.map((c) => {
      const span = trimEnd(unit.text, c.span);
      return fit({ name: c.date?.value ?? `change ${c.index + 1}`, detail: c.change ?? '', kind: 'change', span, selectionSpan: c.date?.span ?? { start: span.start, end: span.start }, children: [] });
    }),
  );
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** "40 → 24 hours"; a missing figure shows as `?`. */
export function metricDetail(m: Metric): string {
  if (!m.hasBaseline && !m.hasTarget) return m.unit ?? '';
  const figures = `${m.baseline ?? '?'} → ${m.target ?? '?'}`;
  return m.unit ? `${figures} ${m.unit}` : figures;
}

function learningDetail(unit: UnitModel): string {
  const n = unit.learning?.metrics?.items.length;
  const cadence = unit.learning?.review?.cadence;
  return [n !== undefined ? count(n, 'metric') : undefined, cadence ? `${cadence} review` : undefined].filter((x): x is string => !!x).join(' · ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function valueSpan(e: Entry | undefined): Span | undefined {
  const s = e && nodeSpan(e.valueNode);
  return s && s.end > s.start ? s : undefined;
}

/** A symbol whose selection lies in its span. */
function fit(s: UnitSymbol): UnitSymbol {
  if (!within(s.selectionSpan, s.span)) s.selectionSpan = { start: s.span.start, end: s.span.start };
  return s;
}

/**
 * Children inside their parents, recursively. A child whose node is written
 * elsewhere (reached through an alias or a merge key) takes its parent's
 * span and selection: it still shows in the outline, at the place that
 * brings it into this part of the unit.
 */
function nest(parent: UnitSymbol): UnitSymbol {
  for (const child of parent.children) {
    if (!within(child.span, parent.span)) {
      child.span = parent.span;
      child.selectionSpan = parent.selectionSpan;
    }
    fit(child);
    nest(child);
  }
  return parent;
}

/**
 * Builds the unit model from a parsed document. Tolerant by design: any part
 * may be missing or of the wrong type (the schema rule reports types); the
 * model keeps whatever can be read.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { ParsedText } from '../parse/parse';
import { LineIndex } from '../text/lineIndex';
import type { Span } from '../text/span';
import { entryMap, isAbsent, mapEntries, nodeSpan, seqItems, stringValue, type AnyNode, type Entry } from './yamlAccess';
import {
  ACTOR_KINDS,
  type Actor,
  type ActorKind,
  type BranchRef,
  type Edge,
  type ExceptionRule,
  type Learning,
  type LearningChange,
  type Located,
  type Metric,
  type Outcome,
  type Ref,
  type Step,
  type UnitModel,
} from './types';
import { pushAll } from '../collections';

export function buildModel(parsed: ParsedText, lines = new LineIndex(parsed.text)): UnitModel {
  const { doc, text } = parsed;
  const b = new Builder(parsed, lines);
  const root = doc.contents as AnyNode;
  const entries = entryMap(mapEntries(doc, root));
  const topKeys = new Map<string, Span>();
  for (const [k, e] of entries) topKeys.set(k, nodeSpan(e.keyNode)!);

  const id = b.located(entries.get('id'));
  const anchor = id?.span ?? firstLineAnchor(lines, text);
  const malformed = new Set<string>();
  const shapes: [string, Entry | undefined, 'map' | 'seq'][] = [
    ['outcome', entries.get('outcome'), 'map'],
    ['actors', entries.get('actors'), 'map'],
    ['steps', entries.get('steps'), 'seq'],
    ['exceptions', entries.get('exceptions'), 'seq'],
    ['learning', entries.get('learning'), 'map'],
  ];
  const learningFields = entryMap(mapEntries(doc, entries.get('learning')?.valueNode));
  shapes.push(['learning.metrics', learningFields.get('metrics'), 'seq'], ['learning.review', learningFields.get('review'), 'map']);
  for (const [key, e, shape] of shapes) {
    if (e && !isAbsent(e.value) && !(shape === 'map' ? isMap(e.value) : isSeq(e.value))) malformed.add(key);
  }
  const unit: UnitModel = {
    text,
    lines,
    doc,
    comments: parsed.comments,
    syntaxErrors: parsed.syntaxErrors,
    isMapping: isMap(root),
    id,
    anchor,
    name: stringValue(entries.get('name')?.value),
    valueStream: b.located(entries.get('valueStream')),
    description: stringValue(entries.get('description')?.value),
    owner: b.ref(entries.get('owner')),
    malformed,
    topKeys,
    outcome: b.outcome(entries.get('outcome')),
    actors: b.actors(entries.get('actors')),
    steps: b.steps(entries.get('steps')),
    exceptions: b.exceptions(entries.get('exceptions')),
    learning: b.learning(entries.get('learning')),
    edges: [],
  };
  unit.edges = buildEdges(unit);
  return unit;
}

/** "The first line, where there is no `id`": the first line's content (a BOM is not content). */
function firstLineAnchor(lines: LineIndex, text: string): Span {
  const s = lines.lineSpan(0);
  return text.charCodeAt(0) === 0xfeff ? { start: Math.min(1, s.end), end: s.end } : s;
}

class Builder {
  constructor(
    private readonly parsed: ParsedText,
    private readonly lines: LineIndex,
  ) {}

  private get doc() {
    return this.parsed.doc;
  }

  located(e: Entry | undefined): Located<string> | undefined {
    if (!e) return undefined;
    const v = stringValue(e.value);
    const s = nodeSpan(e.valueNode);
    return v !== undefined && s ? { value: v, span: s } : undefined;
  }

  /** A single reference: a scalar written directly or through an alias. */
  private refOf(written: AnyNode, value: AnyNode): Ref | undefined {
    const name = scalarName(value);
    const s = nodeSpan(written);
    return name !== undefined && s ? { name, span: s } : undefined;
  }

  ref(e: Entry | undefined): Ref | undefined {
    return e ? this.refOf(e.valueNode, e.value) : undefined;
  }

  /** One reference or a list of them (`performer`, `next`, `at`, `measuredBy`). */
  refs(e: Entry | undefined): Ref[] {
    if (!e || isAbsent(e.value)) return [];
    if (isSeq(e.value)) {
      const out: Ref[] = [];
      for (const item of seqItems(this.doc, e.valueNode)) {
        const r = this.refOf(item.node, item.value);
        if (r) out.push(r);
      }
      return out;
    }
    const r = this.refOf(e.valueNode, e.value);
    return r ? [r] : [];
  }

  /** `next`: one reference, a list, or (1.1) a map from branch label to reference. */
  branches(e: Entry): BranchRef[] {
    if (!isMap(e.value)) return this.refs(e);
    const out: BranchRef[] = [];
    for (const branch of mapEntries(this.doc, e.valueNode)) {
      const r = this.refOf(branch.valueNode, branch.value);
      const labelSpan = nodeSpan(branch.keyNode);
      if (r) out.push({ ...r, label: branch.key, ...(labelSpan ? { labelSpan } : {}) });
    }
    return out;
  }

  /** Where a list item's findings point: its `id` value, else its first line. */
  private itemAnchor(item: AnyNode, fields: Map<string, Entry>): { id?: string; idSpan?: Span; anchor: Span; span: Span } {
    const idEntry = fields.get('id');
    const id = idEntry ? scalarName(idEntry.value) : undefined;
    const idSpan = idEntry && !isAbsent(idEntry.value) ? nodeSpan(idEntry.valueNode) : undefined;
    const whole = nodeSpan(item) ?? { start: 0, end: 0 };
    if (idSpan) return { id, idSpan, anchor: idSpan, span: whole };
    // "Its first line": from the item's start to the end of what is written on
    // that line (its first key and value), leaving out a trailing comment.
    const line = this.lines.lineAt(whole.start);
    const lineEnd = this.lines.lineEnd(line);
    let end = lineEnd;
    const first = isMap(item) ? (item.items[0] as { key?: AnyNode; value?: AnyNode } | undefined) : undefined;
    if (first) {
      const value = nodeSpan(first.value);
      const key = nodeSpan(first.key);
      if (value && value.end <= lineEnd && value.end > whole.start) end = value.end;
      else if (key && key.end <= lineEnd) end = key.end;
    }
    return { id, anchor: { start: whole.start, end: Math.max(whole.start, end) }, span: whole };
  }

  /** Items of a list-valued key that are mappings, with their fields. */
  private mapItems(e: Entry | undefined): { node: AnyNode; fields: Map<string, Entry>; index: number }[] {
    if (!e) return [];
    const out: { node: AnyNode; fields: Map<string, Entry>; index: number }[] = [];
    seqItems(this.doc, e.valueNode).forEach((item, index) => {
      if (isMap(item.value)) out.push({ node: item.value, fields: entryMap(mapEntries(this.doc, item.value)), index });
    });
    return out;
  }

  outcome(e: Entry | undefined): Outcome | undefined {
    if (!e || isAbsent(e.value)) return undefined;
    const f = entryMap(mapEntries(this.doc, e.valueNode));
    const st = f.get('statement');
    return {
      keySpan: nodeSpan(e.keyNode)!,
      statement: this.located(st),
      hasStatement: !!st && !isAbsent(st.value),
      doneWhen: stringValue(f.get('doneWhen')?.value),
      measuredBy: this.refs(f.get('measuredBy')),
      within: this.located(f.get('within')) ?? this.numberAsText(f.get('within')),
    };
  }

  private numberAsText(e: Entry | undefined): Located<string> | undefined {
    if (!e || !isScalar(e.value) || typeof e.value.value !== 'number') return undefined;
    const s = nodeSpan(e.valueNode);
    return s ? { value: String(e.value.value), span: s } : undefined;
  }

  actors(e: Entry | undefined): Map<string, Actor> {
    const out = new Map<string, Actor>();
    if (!e) return out;
    for (const a of mapEntries(this.doc, e.valueNode)) {
      const f = entryMap(mapEntries(this.doc, a.valueNode));
      const kind = stringValue(f.get('kind')?.value);
      out.set(a.key, {
        id: a.key,
        keySpan: nodeSpan(a.keyNode)!,
        kind: (ACTOR_KINDS as readonly string[]).includes(kind ?? '') ? (kind as ActorKind) : undefined,
        role: stringValue(f.get('role')?.value),
        model: stringValue(f.get('model')?.value),
        system: stringValue(f.get('system')?.value),
        resources: this.refs(f.get('resources')),
      });
    }
    return out;
  }

  steps(e: Entry | undefined): UnitModel['steps'] {
    if (!e || isAbsent(e.value)) return undefined;
    const items: Step[] = this.mapItems(e).map(({ node, fields }, index) => {
      const decision = fields.get('decision')?.value;
      const decisionValue = isScalar(decision) ? decision.value : undefined;
      const nextEntry = fields.get('next');
      return {
        index,
        ...this.itemAnchor(node, fields),
        name: stringValue(fields.get('name')?.value),
        performers: this.refs(fields.get('performer')),
        performerWritten: isWritten(fields.get('performer')),
        accountable: this.ref(fields.get('accountable')),
        isDecision: decisionValue === true || (typeof decisionValue === 'string' && decisionValue.trim().length > 0),
        question: typeof decisionValue === 'string' ? decisionValue : undefined,
        next: nextEntry && !isAbsent(nextEntry.value) ? this.branches(nextEntry) : undefined,
        expectedDuration: stringValue(fields.get('expectedDuration')?.value),
        activities: this.refs(fields.get('activity')),
      };
    });
    return { keySpan: nodeSpan(e.keyNode)!, items, count: seqItems(this.doc, e.valueNode).length };
  }

  exceptions(e: Entry | undefined): ExceptionRule[] {
    return this.mapItems(e).map(({ node, fields }, index) => ({
      index,
      ...this.itemAnchor(node, fields),
      when: stringValue(fields.get('when')?.value),
      at: this.refs(fields.get('at')),
      owner: this.ref(fields.get('owner')),
      then: this.ref(fields.get('then')),
      activities: this.refs(fields.get('activity')),
    }));
  }

  learning(e: Entry | undefined): Learning | undefined {
    if (!e || isAbsent(e.value)) return undefined;
    const f = entryMap(mapEntries(this.doc, e.valueNode));
    const learning: Learning = { keySpan: nodeSpan(e.keyNode)! };
    const m = f.get('metrics');
    if (m && !isAbsent(m.value)) {
      const items: Metric[] = this.mapItems(m).map(({ node, fields }, index) => {
        const baseline = fields.get('baseline');
        const target = fields.get('target');
        return {
          index,
          ...this.itemAnchor(node, fields),
          kind: stringValue(fields.get('kind')?.value),
          unit: stringValue(fields.get('unit')?.value),
          baseline: numberValue(baseline?.value),
          target: numberValue(target?.value),
          hasBaseline: !!baseline && !isAbsent(baseline.value),
          hasTarget: !!target && !isAbsent(target.value),
        };
      });
      learning.metrics = { keySpan: nodeSpan(m.keyNode)!, items, count: seqItems(this.doc, m.valueNode).length };
    }
    const r = f.get('review');
    if (r && !isAbsent(r.value)) {
      const rf = entryMap(mapEntries(this.doc, r.valueNode));
      learning.review = {
        keySpan: nodeSpan(r.keyNode)!,
        owner: this.ref(rf.get('owner')),
        cadence: stringValue(rf.get('cadence')?.value),
      };
    }
    const log = f.get('log');
    const logSpan = log && !isAbsent(log.value) ? nodeSpan(log.valueNode) : undefined;
    if (log && logSpan) {
      const lf = entryMap(mapEntries(this.doc, log.valueNode));
      learning.log = { keySpan: nodeSpan(log.keyNode)!, span: logSpan };
      for (const key of ['path', 'case', 'activity', 'timestamp', 'resource'] as const) {
        const v = this.located(lf.get(key));
        if (v) learning.log[key] = v;
      }
    }
    const changes = f.get('changes');
    if (changes && !isAbsent(changes.value)) {
      const items: LearningChange[] = this.mapItems(changes).map(({ node, fields }, index) => ({
        index,
        span: nodeSpan(node) ?? { start: 0, end: 0 },
        date: this.located(fields.get('date')),
        change: stringValue(fields.get('change')?.value),
        effect: stringValue(fields.get('effect')?.value),
      }));
      learning.changes = { keySpan: nodeSpan(changes.keyNode)!, items };
    }
    return learning;
  }
}

/** Ids are written as plain strings; a number or boolean still names something the author typed. */
function scalarName(node: AnyNode): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v.length > 0 ? v : undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(node.source ?? v);
  return undefined;
}

/** A key with a value that is neither null nor an empty list. */
function isWritten(e: Entry | undefined): boolean {
  if (!e || isAbsent(e.value)) return false;
  return !(isSeq(e.value) && e.value.items.length === 0);
}

function numberValue(node: AnyNode): number | undefined {
  return isScalar(node) && typeof node.value === 'number' ? node.value : undefined;
}

/**
 * Flow edges per the spec's reachability: a step leads to each step in its
 * `next`, or to the step after it in the list when it has no `next`; an
 * exception rule leads from each step in its `at` to its `then`. References
 * to unknown steps make no edge (they are `unknown-step` findings).
 */
function buildEdges(unit: UnitModel): Edge[] {
  const steps = unit.steps?.items ?? [];
  const byId = new Map<string, number>();
  for (const s of steps) if (s.id !== undefined && !byId.has(s.id)) byId.set(s.id, s.index);
  const target = (r: Ref): number | 'end' | undefined => (r.name === 'end' ? 'end' : byId.get(r.name));
  const edges: Edge[] = [];
  for (const s of steps) {
    const explicit: Edge[] = [];
    for (const r of s.next ?? []) {
      const to = target(r);
      if (to !== undefined) explicit.push({ from: s.index, to, kind: 'next', ref: r, ...(r.label !== undefined ? { label: r.label } : {}) });
    }
    // No `next`, an empty one, or one naming only unknown steps (already an
    // `unknown-step` finding): the step falls through, so one typo does not
    // also make every later step unreachable.
    if (explicit.length === 0) edges.push({ from: s.index, to: s.index + 1 < steps.length ? s.index + 1 : 'end', kind: 'fall-through' });
    else pushAll(edges, explicit);
  }
  for (const ex of unit.exceptions) {
    if (!ex.then) continue;
    const to = target(ex.then);
    if (to === undefined) continue;
    for (const at of ex.at) {
      const from = byId.get(at.name);
      if (from !== undefined) edges.push({ from, to, kind: 'exception', exception: ex.index, ref: ex.then });
    }
  }
  return edges;
}

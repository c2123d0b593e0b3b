/**
 * An independent reading of the spec's measuring definitions (docs/format.md,
 * "Measuring a unit from its log"), for the tests to check `workunit measure`
 * against: the unit read as plain YAML data (not the model), the log as rows
 * held whole in memory, every figure computed the obvious way — sort, count,
 * divide. It shares no code with server/src/core/measure/.
 */
import { parse } from 'yaml';

export interface RefEvent {
  case: string;
  activity: string;
  timestamp: string;
  resource: string;
  lifecycle?: string;
}

/** RFC 4180 rows: quotes, doubled quotes, commas and line breaks inside quotes; a BOM and CRs dropped. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const t = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (quoted) {
      if (ch === '"' && t[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field.replace(/\r$/, '')), rows.push(row), (row = []), (field = '');
    else field += ch;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

/** The events of a CSV log, by the unit's `learning.log` column names (or the defaults). */
export function csvEvents(text: string, columns: Partial<Record<'case' | 'activity' | 'timestamp' | 'resource', string>>): RefEvent[] {
  const [header, ...rows] = csvRows(text);
  const col = (name: string) => header!.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  const c = col(columns.case ?? 'case');
  const a = col(columns.activity ?? 'activity');
  const t = col(columns.timestamp ?? 'timestamp');
  const r = col(columns.resource ?? 'resource');
  const l = col('lifecycle:transition');
  return rows.map((row) => ({ case: row[c]!.trim(), activity: row[a]!, timestamp: row[t]!, resource: r >= 0 ? (row[r] ?? '').trim() : '', ...(l >= 0 ? { lifecycle: row[l] } : {}) }));
}

/** ISO 8601 through `Date.parse`: a space for `T`, `Z` added where no zone is written. */
export function refTime(ts: string): number {
  let s = ts.trim().replace(' ', 'T');
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(s)) s += 'Z';
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new Error(`unreadable timestamp ${ts}`);
  return ms;
}

const names = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const key = (s: string) => s.trim().toLowerCase();

function quantile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function referenceMeasure(unitYaml: string, events: RefEvent[]) {
  const unit = parse(unitYaml) as {
    id: string;
    actors?: Record<string, { kind?: string; resources?: string[] }>;
    steps?: { id: string; name?: string; performer?: string | string[]; next?: string | string[] | Record<string, string>; activity?: string | string[] }[];
    exceptions?: { id: string; at?: string | string[]; then?: string; activity?: string | string[] }[];
    learning?: { metrics?: { id: string; kind: string; unit?: string; baseline?: number; target?: number }[]; changes?: { date: string; change?: string }[] };
  };
  const steps = unit.steps ?? [];
  const exceptions = unit.exceptions ?? [];
  const actors = Object.entries(unit.actors ?? {});

  // Which element an activity names: steps (then exceptions) by activity or id; then step names.
  const owner = new Map<string, { kind: 'step' | 'exception'; index: number }>();
  const claim = (n: string, kind: 'step' | 'exception', index: number) => {
    if (!owner.has(key(n))) owner.set(key(n), { kind, index });
  };
  steps.forEach((s, i) => (s.activity !== undefined ? names(s.activity).forEach((n) => claim(n, 'step', i)) : claim(s.id, 'step', i)));
  exceptions.forEach((e, i) => (e.activity !== undefined ? names(e.activity).forEach((n) => claim(n, 'exception', i)) : claim(e.id, 'exception', i)));
  steps.forEach((s, i) => s.activity === undefined && s.name !== undefined && claim(s.name, 'step', i));

  const resourceKind = new Map<string, string>();
  for (const [, a] of actors) for (const r of a.resources ?? []) if (!resourceKind.has(key(r))) resourceKind.set(key(r), a.kind ?? '');
  for (const [id, a] of actors) if (!a.resources && !resourceKind.has(key(id))) resourceKind.set(key(id), a.kind ?? '');

  // The flow.
  const index = new Map(steps.map((s, i) => [s.id, i]));
  const targets = (s: (typeof steps)[number], i: number): (number | 'end')[] => {
    if (s.next === undefined) return [i + 1 < steps.length ? i + 1 : 'end'];
    const written = typeof s.next === 'string' ? [s.next] : Array.isArray(s.next) ? s.next : Object.values(s.next);
    return written.map((t) => (t === 'end' ? 'end' : index.get(t)!));
  };
  const follows = new Set<string>();
  const endsStep = new Set<number>();
  steps.forEach((s, i) => targets(s, i).forEach((t) => (t === 'end' ? endsStep.add(i) : follows.add(`${i}>${t}`))));
  const openers = new Set<number>([0]);
  for (const e of exceptions) {
    if (e.then === undefined || e.then === 'end') continue;
    openers.add(index.get(e.then)!);
    for (const at of names(e.at)) follows.add(`${index.get(at)}>${index.get(e.then)}`);
  }

  // Events that count, by case, in file order.
  const counted = events.filter((e) => e.lifecycle === undefined || e.lifecycle.trim() === '' || e.lifecycle.trim().toLowerCase() === 'complete');
  const byCase = new Map<string, { time: number; order: number; e: RefEvent }[]>();
  counted.forEach((e, order) => {
    const list = byCase.get(e.case) ?? [];
    list.push({ time: refTime(e.timestamp), order, e });
    byCase.set(e.case, list);
  });
  const unmapped = new Map<string, { activity: string; events: number }>();
  for (const e of counted) {
    if (owner.has(key(e.activity))) continue;
    const u = unmapped.get(key(e.activity)) ?? { activity: e.activity.trim(), events: 0 };
    u.events++;
    unmapped.set(key(e.activity), u);
  }

  interface CaseFigures {
    first: number;
    cycle: number;
    reachedEnd: boolean;
    exception: boolean;
    conforms: boolean;
  }
  const cases: CaseFigures[] = [];
  for (const list of byCase.values()) {
    const sorted = [...list].sort((a, b) => a.time - b.time || a.order - b.order);
    const mapped = sorted.map((x) => owner.get(key(x.e.activity))).filter((o) => o !== undefined);
    const last = mapped[mapped.length - 1];
    const stepSeq = mapped.filter((o) => o.kind === 'step').map((o) => o.index);
    let conforms = stepSeq.length > 0 && openers.has(stepSeq[0]!);
    for (let k = 1; k < stepSeq.length; k++) if (stepSeq[k] !== stepSeq[k - 1] && !follows.has(`${stepSeq[k - 1]}>${stepSeq[k]}`)) conforms = false;
    cases.push({
      first: sorted[0]!.time,
      cycle: sorted[sorted.length - 1]!.time - sorted[0]!.time,
      reachedEnd: last !== undefined && (last.kind === 'step' ? endsStep.has(last.index) : exceptions[last.index]!.then === 'end'),
      exception: mapped.some((o) => o.kind === 'exception'),
      conforms,
    });
  }

  const HOUR = 3_600_000;
  const cycleUnit = (u: string | undefined) => ({ minutes: 60_000, hours: HOUR, days: 24 * HOUR, weeks: 168 * HOUR })[u as 'hours'] ?? HOUR;
  const figures = (cs: CaseFigures[], m: { kind: string; unit?: string }) => {
    if (m.kind === 'cycle-time') {
      const times = cs.filter((c) => c.reachedEnd).map((c) => c.cycle / cycleUnit(m.unit)).sort((a, b) => a - b);
      return { value: quantile(times, 0.5), p90: quantile(times, 0.9), cases: times.length };
    }
    if (m.kind === 'exception-rate') return { value: cs.length ? (100 * cs.filter((c) => c.exception).length) / cs.length : null, p90: null, cases: cs.length };
    if (m.kind === 'throughput') {
      const firsts = cs.map((c) => c.first);
      const span = Math.max(...firsts) - Math.min(...firsts);
      const per = /day/.test(m.unit ?? '') ? 24 * HOUR : /month/.test(m.unit ?? '') ? 720 * HOUR : 168 * HOUR;
      return { value: span > 0 ? (cs.length / span) * per : null, p90: null, cases: cs.length };
    }
    return { value: null, p90: null, cases: null };
  };
  const metrics = (unit.learning?.metrics ?? []).map((m) => {
    const f = figures(cases, m);
    const met = f.value === null || m.target === undefined ? null : (m.baseline !== undefined && m.baseline !== m.target ? m.target > m.baseline : m.kind === 'throughput') ? f.value >= m.target : f.value <= m.target;
    return { id: m.id, ...f, met };
  });
  const measured = (unit.learning?.metrics ?? []).filter((m) => ['cycle-time', 'exception-rate', 'throughput'].includes(m.kind));
  const changes = (unit.learning?.changes ?? []).map((c) => {
    const split = Date.parse(`${c.date}T00:00:00Z`);
    const side = (before: boolean) => Object.fromEntries(measured.map((m) => [m.id, figures(cases.filter((x) => x.first < split === before), m).value]));
    return { date: String(c.date), change: c.change ?? null, before: side(true), after: side(false) };
  });

  const kindOfActor = (id: string) => unit.actors?.[id]?.kind;
  const boundary = steps.map((s, i) => {
    const own = counted.filter((e) => {
      const o = owner.get(key(e.activity));
      return o?.kind === 'step' && o.index === i;
    });
    const kinds = own.map((e) => resourceKind.get(key(e.resource))).filter((k) => k === 'human' || k === 'ai-agent' || k === 'automation');
    const share = (k: string) => (kinds.length ? kinds.filter((x) => x === k).length / kinds.length : 0);
    const performers = names(s.performer).map(kindOfActor);
    const human = performers.some((k) => k === 'human');
    const machine = performers.some((k) => k === 'ai-agent' || k === 'automation');
    const declared = performers.length === 0 ? 'unassigned' : performers.some((k) => k === undefined) ? 'unknown' : human && machine ? 'hybrid' : human ? 'human' : 'machine';
    const h = share('human');
    return {
      step: s.id,
      declared,
      events: own.length,
      human: h,
      aiAgent: share('ai-agent'),
      automation: share('automation'),
      drifted: (declared === 'machine' && h > 0.1) || (declared === 'human' && 1 - h > 0.1 && kinds.length > 0),
    };
  });

  const firsts = cases.map((c) => c.first);
  const span = Math.max(...firsts) - Math.min(...firsts);
  return {
    unit: unit.id,
    cases: cases.length,
    events: counted.length,
    unmappedEvents: [...unmapped.values()].reduce((n, u) => n + u.events, 0),
    unmappedActivities: [...unmapped.values()].sort((a, b) => b.events - a.events || (a.activity < b.activity ? -1 : 1)),
    metrics,
    exceptionRate: (100 * cases.filter((c) => c.exception).length) / cases.length,
    conformance: (100 * cases.filter((c) => c.conforms).length) / cases.length,
    throughputPerWeek: span > 0 ? (cases.length / span) * 168 * HOUR : null,
    boundary,
    changes,
  };
}

/** The events as XES: a trace per case (in order of first appearance), its events in file order, every attribute a string or a date. */
export function toXes(events: RefEvent[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const traces = new Map<string, RefEvent[]>();
  for (const e of events) traces.set(e.case, [...(traces.get(e.case) ?? []), e]);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">'];
  for (const [c, es] of traces) {
    out.push(`  <trace>`, `    <string key="concept:name" value="${esc(c)}"/>`);
    for (const e of es) {
      const attrs = [`<string key="concept:name" value="${esc(e.activity)}"/>`, `<date key="time:timestamp" value="${esc(e.timestamp)}"/>`];
      if (e.resource !== '') attrs.push(`<string key="org:resource" value="${esc(e.resource)}"/>`);
      if (e.lifecycle !== undefined && e.lifecycle !== '') attrs.push(`<string key="lifecycle:transition" value="${esc(e.lifecycle)}"/>`);
      out.push(`    <event>${attrs.join('')}</event>`);
    }
    out.push('  </trace>');
  }
  out.push('</log>', '');
  return out.join('\n');
}

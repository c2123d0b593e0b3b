/**
 * What the editor needs around the measuring: a unit measured from its text
 * (the server's worker, the web host), the key that says when a change to the
 * unit changes the measurement, and the figures as the code lens and the
 * hover show them. Pure, as the rest of core/measure/.
 */
import { buildModel } from '../model/build';
import type { UnitModel } from '../model/types';
import { parseText } from '../parse/parse';
import { mdCode, mdText } from '../text/markdown';
import type { LogProblem } from './events';
import { measureUnit, type MeasuredMetric, type Measurement } from './measure';
import { logSourceOf, type LogFileSystem } from './source';
import { figure, withUnit } from './format';

/** Measures the unit written in `text` (the file `unitUri`) from its `learning.log`, with each step's median duration; a problem when it names none. */
export async function measureUnitText(text: string, unitUri: string, fs: LogFileSystem): Promise<Measurement | LogProblem> {
  const unit = buildModel(parseText(text));
  const source = logSourceOf(unit, unitUri);
  if (!source) return { problem: 'the unit names no log (`learning.log.path`)' };
  return measureUnit(unit, source, fs, { stepMedians: true });
}

/**
 * Everything of a unit that the measurement depends on, as one string: the
 * log and its columns, the ids, names and `activity` of steps and exception
 * rules, the flow, the performers and the actors' kinds and resources, the
 * metrics and the dated changes. Positions are left out, so an edit that
 * does not change the mapping (a statement, a comment, a line moved) gives
 * the same key, and the log is not read again.
 */
export function measureKey(unit: UnitModel): string {
  const names = (refs: { name: string }[] | undefined) => (refs ?? []).map((r) => r.name);
  const l = unit.learning;
  return JSON.stringify([
    unit.id?.value,
    [l?.log?.path?.value, l?.log?.case?.value, l?.log?.activity?.value, l?.log?.timestamp?.value, l?.log?.resource?.value],
    [...unit.actors].map(([id, a]) => [id, a.kind, names(a.resources)]),
    (unit.steps?.items ?? []).map((s) => [s.id, s.name, names(s.activities), names(s.performers), s.next?.map((n) => n.name) ?? null]),
    unit.exceptions.map((e) => [e.id, e.when, names(e.activities), names(e.at), e.then?.name]),
    (l?.metrics?.items ?? []).map((m) => [m.id, m.kind, m.unit, m.baseline, m.target]),
    (l?.changes?.items ?? []).map((c) => [c.date?.value, c.change]),
  ]);
}

const verdict = (m: MeasuredMetric) => (m.target === null ? 'no target' : `target ${withUnit(m.target, m.unit)} ${m.met ? 'met' : 'not met'}`);
const cases = (n: number) => `${figure(n)} case${n === 1 ? '' : 's'}`;

/**
 * The code lens of a measured metric: "measured 18.2 h (p90 31 h) over 1,203
 * cases — target 24 h met"; undefined for a kind not measured from a log.
 */
export function metricLensTitle(m: MeasuredMetric): string | undefined {
  if (m.cases === null) return undefined;
  if (m.value === null) return `not measured: ${m.kind === 'cycle-time' ? 'no case reached the end' : 'too few cases'} (${cases(m.cases)} in the log)`;
  const p90 = m.p90 !== null ? ` (p90 ${withUnit(m.p90, m.unit)})` : '';
  return `measured ${withUnit(m.value, m.unit)}${p90} over ${cases(m.cases)} — ${verdict(m)}`;
}

/**
 * The hover of a measured metric (or, without `index`, of every measured
 * one, for the `learning.log` key): the figure, p90, cases, baseline and
 * target, then a before/after table per dated `learning.changes` entry.
 * Every text from the files is escaped. `logName`: the log as the unit names
 * it (its `learning.log` path), rather than where the host found it.
 */
export function measuredHoverMarkdown(r: Measurement, index?: number, logName: string = r.log): string {
  const metrics = r.metrics.map((m, i) => ({ m, i })).filter(({ m, i }) => m.cases !== null && (index === undefined || i === index));
  const out: string[] = [`**Measured** from ${mdCode(logName)}: ${cases(r.cases)}, ${figure(r.events)} events`];
  if (metrics.length === 0) return out.join('\n\n');
  out.push(
    [
      '| metric | measured | p90 | cases | baseline | target |',
      '|---|---|---|---|---|---|',
      ...metrics.map(
        ({ m }) =>
          `| ${m.id === null ? '—' : mdCode(m.id, { inTable: true })} | ${withUnit(m.value, m.unit)} | ${m.p90 === null ? '—' : withUnit(m.p90, m.unit)} | ${m.cases === null ? '—' : figure(m.cases)} | ${m.baseline === null ? '—' : withUnit(m.baseline, m.unit)} | ${m.target === null ? '—' : `${withUnit(m.target, m.unit)} (${m.met ? 'met' : 'not met'})`} |`,
      ),
    ].join('\n'),
  );
  if (r.changes.length === 0) {
    out.push('No dated `learning.changes` entry to measure before and after.');
    return out.join('\n\n');
  }
  const head = metrics.flatMap(({ m }) => {
    const name = m.id === null ? 'metric' : mdCode(m.id, { inTable: true });
    return [`${name} before`, `${name} after`];
  });
  out.push(
    [
      `| date | change | ${head.join(' | ')} |`,
      `|---|---|${head.map(() => '---|').join('')}`,
      ...r.changes.map((c) => {
        const cells = metrics.flatMap(({ m }) => (m.id === null ? ['—', '—'] : [withUnit(c.before[m.id] ?? null, m.unit), withUnit(c.after[m.id] ?? null, m.unit)]));
        // mdText escapes `|` too: a change's text cannot split a cell.
        return `| ${mdText(c.date)} | ${c.change === null ? '—' : mdText(c.change)} | ${cells.join(' | ')} |`;
      }),
    ].join('\n'),
  );
  return out.join('\n\n');
}

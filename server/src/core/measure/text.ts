/** A measurement as a short plain-text report (`workunit measure`'s text output). */
import type { Measurement, MeasuredMetric } from './measure';

/** A figure for people: three significant digits, whole numbers from 100 up, thousands separated. */
export function figure(n: number | null): string {
  if (n === null) return '—';
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

const plural = (n: number, word: string) => `${figure(n)} ${word}${n === 1 ? '' : 's'}`;

export const SHORT_UNIT: Record<string, string> = { minutes: 'min', hours: 'h', days: 'd', weeks: 'wk', percent: '%' };

/** "18.2 h", "12 %", "52.3 per week". */
export function withUnit(n: number | null, unit: string | null): string {
  if (n === null) return '—';
  return unit ? `${figure(n)} ${SHORT_UNIT[unit] ?? unit}` : figure(n);
}

/** "measured 18.2 h (p90 31 h) over 1,203 cases — target 24 met". */
export function metricLine(m: MeasuredMetric): string {
  if (m.cases === null) return 'not measured from a log';
  if (m.value === null) return `no figure: ${m.kind === 'cycle-time' ? 'no case reached the end' : 'too few cases'}`;
  const p90 = m.p90 !== null ? ` (p90 ${withUnit(m.p90, m.unit)})` : '';
  const verdict = m.target === null ? 'no target' : `target ${figure(m.target)} ${m.met ? 'met' : 'not met'}`;
  const baseline = m.baseline === null ? '' : `baseline ${figure(m.baseline)}, `;
  return `measured ${withUnit(m.value, m.unit)}${p90} over ${plural(m.cases, 'case')} — ${baseline}${verdict}`;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

export function measurementText(r: Measurement): string {
  const out: string[] = [];
  out.push(`${r.unit ?? '(unit without id)'}: ${plural(r.cases, 'case')}, ${plural(r.events, 'event')} from ${r.log} (${r.format.toUpperCase()})`);
  out.push(
    `  exception rate ${withUnit(r.exceptionRate, 'percent')}, conformance ${withUnit(r.conformance, 'percent')}, throughput ${withUnit(r.throughputPerWeek, 'per week')}`,
  );
  if (r.metrics.length > 0) {
    out.push('', 'Metrics');
    const w = Math.max(...r.metrics.map((m) => (m.id ?? '(no id)').length));
    for (const m of r.metrics) out.push(`  ${(m.id ?? '(no id)').padEnd(w)}  ${metricLine(m)}`);
  }
  if (r.boundary.length > 0) {
    out.push('', 'Boundary as run (shares of events by human / AI agent / automation)');
    const w = Math.max(...r.boundary.map((b) => b.step.length));
    for (const b of r.boundary) {
      const shares = b.human + b.aiAgent + b.automation === 0 ? 'no known resource' : `${pct(b.human)} / ${pct(b.aiAgent)} / ${pct(b.automation)}`;
      out.push(`  ${b.step.padEnd(w)}  ${b.declared.padEnd(10)} ${plural(b.events, 'event').padStart(13)}  ${shares}${b.drifted ? '  DRIFTED' : ''}`);
    }
  }
  if (r.changes.length > 0) {
    out.push('', 'Before and after each change');
    for (const c of r.changes) {
      const figures = Object.keys({ ...c.before, ...c.after }).map((id) => `${id} ${figure(c.before[id] ?? null)} → ${figure(c.after[id] ?? null)}`);
      out.push(`  ${c.date}  ${c.change ?? ''}${figures.length > 0 ? `: ${figures.join(', ')}` : ''}`);
    }
  }
  if (r.unmappedEvents > 0) {
    const top = r.unmappedActivities.slice(0, 5).map((a) => `${a.activity} (${figure(a.events)})`);
    const more = r.unmappedActivities.length > 5 ? `, and ${r.unmappedActivities.length - 5} more` : '';
    out.push('', `Unmapped: ${plural(r.unmappedEvents, 'event')} of activities no step or exception rule names — ${top.join(', ')}${more}`);
  }
  if (r.skipped.notComplete > 0) out.push('', `Left out: ${plural(r.skipped.notComplete, 'event')} whose lifecycle:transition is not complete (only complete events count)`);
  if (r.skipped.bad > 0) {
    out.push('', `Bad rows or events: ${figure(r.skipped.bad)} (not counted)`);
    for (const b of r.skipped.badRows) out.push(`  line ${b.line}: ${b.reason}`);
    if (r.skipped.bad > r.skipped.badRows.length) out.push(`  … and ${figure(r.skipped.bad - r.skipped.badRows.length)} more`);
  }
  return `${out.join('\n')}\n`;
}

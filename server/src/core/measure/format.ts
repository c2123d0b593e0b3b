/** Measured figures as the editor writes them (code lens, hover, findings, the preview's per-step lines). */
import { SHORT_UNIT } from './text';

/**
 * A figure as the editor shows it: whole numbers from 100 up, thousands
 * separated ("1,203"); one decimal where needed from 1 up ("18.2", "31");
 * two significant digits below 1 ("0.25").
 */
export function figure(n: number): string {
  const a = Math.abs(n);
  if (a >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toLocaleString('en-US', a >= 1 ? { maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 });
}

/** "18.2 h", "7.4 %", "52 per week"; "—" for no figure. */
export function withUnit(n: number | null, unit: string | null): string {
  if (n === null) return '—';
  return unit ? `${figure(n)} ${SHORT_UNIT[unit] ?? unit}` : figure(n);
}

/**
 * A step's figures from the unit's log as the diagram writes them under its
 * node (the layout measures these lines; the SVG's tooltip repeats them).
 */
import { figure } from '../measure/format';
import type { MeasuredStep } from '../measure/measure';
import type { StepFigures } from './types';

/** Between a figure and its unit: a no-break space, so a narrow node never puts "min" or "%" on a line of its own. */
const NBSP = '\u00A0';

/** A duration for people: minutes below an hour, days from 48 hours, else hours ("2.1 h"). */
function hoursText(h: number): string {
  if (h < 1) return `${figure(h * 60)}${NBSP}min`;
  if (h >= 48) return `${figure(h / 24)}${NBSP}d`;
  return `${figure(h)}${NBSP}h`;
}

/** The measured line under a node: "412 events · median 2.1 h". */
export function figuresLine(f: StepFigures): string {
  const events = `${figure(f.events)}${NBSP}event${f.events === 1 ? '' : 's'}`;
  return f.medianHours === null ? events : `${events} · median ${hoursText(f.medianHours)}`;
}

/** The drift mark: "⚠ drifted: people did 14 %". */
export function driftLine(d: NonNullable<StepFigures['drift']>): string {
  return `⚠ drifted: ${d.by} did ${Math.round(d.share * 100)}${NBSP}%`;
}

/** The figures of each step from a measurement's boundary (`boundary[i]` is step i). */
export function stepFigures(boundary: readonly MeasuredStep[]): StepFigures[] {
  return boundary.map((b) => {
    const f: StepFigures = { events: b.events, medianHours: b.medianHours ?? null };
    if (b.drifted) f.drift = b.declared === 'machine' ? { by: 'people', share: b.human } : { by: 'machines', share: b.aiAgent + b.automation };
    return f;
  });
}

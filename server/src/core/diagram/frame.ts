/**
 * The fixed parts of the diagram's geometry that the layout and the renderer
 * both need: the constants, the header (title, outcome, the four elements,
 * metrics, counts), the band extents and the legend. Computed the same way on
 * both sides from the `Diagram` contract alone, so the contract carries no
 * extra fields (the preview validates it field by field). Browser-safe.
 */
import { fitText, formatNumber, oneLine, textWidth } from './text';
import type { Diagram } from './types';
import { maxOf, minOf } from '../collections';

export const G = {
  margin: 24,
  /** The strip at the far left with the rotated PEOPLE / MACHINES band names. */
  bandStrip: 30,
  /** The lane header: glyph, actor id, kind badge, role/model/system. */
  laneLabel: 200,
  /** Between the lane headers and the first step column (room for entering edges). */
  firstGap: 56,
  nodeW: 172,
  decisionW: 256,
  /** Between step columns: edges, crossing marks and end markers live here. */
  colGap: 112,
  laneH: 112,
  /** A lane that holds a one-lane decision diamond is taller, so the diamond can hold its question. */
  decisionLaneH: 156,
  nodeH: 68,
  /** How far a node that spans lanes keeps from the outer edges of its first and last lane. */
  spanMargin: 20,
  diamondMargin: 10,
  /** The height of a band with no lanes (no people, or no machines), drawn with a note. */
  emptyBandH: 96,
  /** Exception routes and loops run on tracks in a gutter above or below the lanes. */
  trackFirst: 24,
  trackGap: 30,
  gutterPad: 12,
  endR: 9,
  minWidth: 1240,
} as const;

/** The room an exception route's label gets on its track (the layout reserves it, the renderer fills it). */
export const EXCEPTION_LABEL_MIN = 520;

export const FONT = {
  title: 21,
  body: 13,
  small: 11,
  node: 12.5,
  id: 10.5,
  lane: 13,
} as const;

/** Left edge of the lane rectangles (after the band strip). */
export const LANES_LEFT = G.margin + G.bandStrip;
/** Left edge of the first step column. */
export const FIRST_COLUMN_X = LANES_LEFT + G.laneLabel + G.firstGap;

export interface Chip {
  x: number;
  y: number;
  width: number;
  /** What is drawn (already fitted). */
  text: string;
  /** The full text, for the tooltip. */
  full: string;
}

export interface HeaderGeometry {
  height: number;
  /** Baselines of the rows. */
  titleY: number;
  statementY: number;
  elementsY: number;
  metricsY: number;
  counts: string;
  title: string;
  statement: string;
  statementFull: string;
  elementChips: (Chip & { present: boolean; name: string })[];
  /** The lens label, fitted after the chips. */
  label: Chip;
  metricChips: Chip[];
}

export type HeaderInput = Pick<Diagram, 'title' | 'unitId' | 'statement' | 'within' | 'elements' | 'metrics' | 'crossings' | 'handoffs'> & {
  /** Steps with a missing accountable human. */
  gaps: number;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 crossings · 2 hand-offs · 1 accountability gap". */
export function countsText(h: Pick<HeaderInput, 'crossings' | 'handoffs' | 'gaps'>): string {
  const parts = [plural(h.crossings.length, 'crossing', 'crossings'), plural(h.handoffs.length, 'hand-off', 'hand-offs')];
  if (h.gaps > 0) parts.push(plural(h.gaps, 'accountability gap', 'accountability gaps'));
  return parts.join(' · ');
}

/** "cycle-time: 40 → 24 hours" (a missing baseline or target reads "?"). */
export function metricText(m: Diagram['metrics'][number]): string {
  const base = m.baseline !== undefined ? formatNumber(m.baseline) : '?';
  const target = m.target !== undefined ? formatNumber(m.target) : '?';
  return oneLine(`${m.id}: ${base} → ${target}${m.unit ? ` ${m.unit}` : ''}`);
}

export const ELEMENT_CHIPS: { key: 'outcome' | 'logic' | 'structure' | 'learning'; name: string }[] = [
  { key: 'outcome', name: 'outcome' },
  { key: 'logic', name: 'execution logic' },
  { key: 'structure', name: 'execution structure' },
  { key: 'learning', name: 'learning loop' },
];

export const HEADER_LABEL_W = 104;

export function headerGeometry(h: HeaderInput, width: number): HeaderGeometry {
  const left = G.margin;
  const right = width - G.margin;
  const counts = countsText(h);
  const countsW = textWidth(counts, FONT.body, { bold: true }) + 24;
  const titleY = G.margin + 22;
  const statementY = titleY + 30;
  const elementsY = statementY + 30;
  const metricsY = elementsY + 32;
  const title = fitText(h.title, right - left - countsW - 24, FONT.title, { bold: true });

  const valueLeft = left + HEADER_LABEL_W;
  const statementFull = h.statement !== undefined ? oneLine(h.statement) + (h.within ? ` · within ${oneLine(h.within)}` : '') : 'missing — no outcome statement';
  const statement = fitText(statementFull, right - valueLeft, FONT.body);

  const elementChips: HeaderGeometry['elementChips'] = [];
  let x = valueLeft;
  for (const e of ELEMENT_CHIPS) {
    const present = h.elements[e.key];
    const text = `${present ? '✓' : '✗'} ${e.name}`;
    const w = textWidth(text, FONT.small, { bold: true }) + 16;
    elementChips.push({ x, y: elementsY, width: w, text, full: `${e.name}: ${present ? 'present' : 'missing'}`, present, name: e.name });
    x += w + 6;
  }
  const labelX = x + 10;
  const label: Chip = { x: labelX, y: elementsY, width: Math.max(0, right - labelX), text: fitText(h.elements.label, Math.max(0, right - labelX), FONT.body, { bold: true }), full: h.elements.label };

  const metricChips: Chip[] = [];
  const rowH = 26;
  let row = 0;
  x = valueLeft;
  for (const m of h.metrics) {
    const full = metricText(m) + (m.kind ? ` (${m.kind})` : '');
    const maxW = right - valueLeft;
    let text = metricText(m);
    let w = textWidth(text, FONT.small) + 16;
    if (w > maxW) {
      text = fitText(text, maxW - 16, FONT.small);
      w = maxW;
    }
    if (x + w > right && x > valueLeft) {
      row++;
      x = valueLeft;
    }
    metricChips.push({ x, y: metricsY + row * rowH, width: w, text, full });
    x += w + 8;
  }
  const height = metricsY + row * rowH + 20 - G.margin + 8;
  return { height, titleY, statementY, elementsY, metricsY, counts, title, statement, statementFull, elementChips, label, metricChips };
}

/** The legend's entries, in drawing order; the renderer draws a sample for each key. */
export const LEGEND_ITEMS: { key: string; text: string }[] = [
  { key: 'lane-human', text: 'Person: a human actor’s lane (above)' },
  { key: 'lane-ai-agent', text: 'AI agent: striped lane (below)' },
  { key: 'lane-automation', text: 'Automation: dotted lane (below)' },
  { key: 'boundary', text: 'Human–machine boundary' },
  { key: 'step', text: 'Step in its performer’s lane, in file order' },
  { key: 'decision', text: 'Decision point and its question' },
  { key: 'hybrid', text: 'Hybrid step: person and machine share it' },
  { key: 'flow', text: 'Flow to the next step' },
  { key: 'exception', text: 'Exception route: trigger · owner' },
  { key: 'crossing', text: 'Crossing: work passes people ↔ machines' },
  { key: 'handoff', text: 'Hand-off: exception sends the case to a person' },
  { key: 'accountable', text: 'Link to the accountable human’s lane' },
  { key: 'gap', text: 'Gap: no accountable human where one is due' },
  { key: 'findings', text: 'Findings: error, warning (hover to read)' },
  { key: 'end', text: 'End of the flow' },
  { key: 'unassigned', text: 'Unassigned or unknown: on neither side yet' },
];

export interface LegendGeometry {
  y: number;
  height: number;
  columns: number;
  columnWidth: number;
  rowHeight: number;
  items: { key: string; text: string; x: number; y: number }[];
}

export function legendHeight(width: number): number {
  const { columns } = legendColumns(width);
  return 40 + Math.ceil(LEGEND_ITEMS.length / columns) * 30;
}

function legendColumns(width: number): { columns: number; columnWidth: number } {
  const inner = width - 2 * G.margin;
  const columns = Math.max(1, Math.min(4, Math.floor(inner / 330)));
  // A wide diagram keeps its legend compact, at the left.
  return { columns, columnWidth: Math.min(inner / columns, 360) };
}

/** The legend sits at the bottom of the diagram. */
export function legendGeometry(d: Pick<Diagram, 'width' | 'height'>): LegendGeometry {
  const height = legendHeight(d.width);
  const y = d.height - G.margin - height;
  const { columns, columnWidth } = legendColumns(d.width);
  const rowHeight = 30;
  const perColumn = Math.ceil(LEGEND_ITEMS.length / columns);
  const items = LEGEND_ITEMS.map((item, i) => ({
    ...item,
    x: G.margin + Math.floor(i / perColumn) * columnWidth,
    y: y + 44 + (i % perColumn) * rowHeight,
  }));
  return { y, height, columns, columnWidth, rowHeight, items };
}

/** The vertical extent of the two bands (a band with no lanes still shows, `G.emptyBandH` high). */
export function bandExtents(d: Pick<Diagram, 'lanes' | 'boundaryY'>): { peopleTop: number; machineBottom: number } {
  const people = d.lanes.filter((l) => l.band === 'human');
  const machines = d.lanes.filter((l) => l.band === 'machine');
  const peopleTop = people.length > 0 ? minOf(people.map((l) => l.y)) : d.boundaryY - G.emptyBandH;
  const machineBottom = machines.length > 0 ? maxOf(machines.map((l) => l.y + l.height)) : d.boundaryY + G.emptyBandH;
  return { peopleTop, machineBottom };
}

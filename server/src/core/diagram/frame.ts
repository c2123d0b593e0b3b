/**
 * The frame around the lanes: the header (title, the crossing counts, the
 * outcome, the four elements, the metrics) and the legend, laid out to a
 * given width — every text wrapped, never cut — and the sizes every phase
 * shares.
 */
import { lineHeightOf, textBlock } from './geometry';
import { formatNumber, oneLine, textWidth } from './text';
import { STATE_MARK } from '../navigation/elements';
import type { Diagram, DiagramHeader, DiagramLegend, DiagramCrossing, DiagramHandoff } from './types';

export const FONT = {
  title: 20,
  body: 13,
  small: 11,
  node: 12.5,
  question: 11.5,
  lane: 13,
} as const;

export const G = {
  margin: 20,
  /** Across: the strip at the far left naming the bands. Down: the row above the lane headers. */
  bandStrip: 26,
  /** Across: the lane headers' column. */
  laneHead: 184,
  /** Across: between the lane headers and the first step. */
  firstGap: 44,
  nodeW: 188,
  decisionW: 208,
  /** Between ranks: edges turn here; end markers and branch labels live here. */
  rankGap: { horizontal: 104, vertical: 64 },
  /** Inside a lane, around its nodes. */
  lanePad: 16,
  /** The neutral band is set apart from the machines by this much. */
  neutralGap: 12,
  /** Down: the narrowest and widest lane column. */
  laneMin: 84,
  laneMax: 260,
  trackGap: 20,
  gutterPad: 16,
  endR: 9,
  /** A decision's pointed ends. */
  tip: 14,
  /** The narrowest diagram across (header and legend need the room). */
  minWidth: 760,
} as const;

export type HeaderInput = Pick<Diagram, 'title' | 'statement' | 'within' | 'elements' | 'metrics'> & {
  crossings: DiagramCrossing[];
  handoffs: DiagramHandoff[];
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

/** The header across `width`, its top at the margin. Keys sit left of their values, or above them when narrow. */
export function headerLayout(h: HeaderInput, width: number): DiagramHeader {
  const left = G.margin;
  const right = width - G.margin;
  const inner = right - left;
  const counts = countsText(h);
  const countsW = textWidth(counts, FONT.body, { bold: true }) + 24;
  const stacked = inner < 560;
  let y = G.margin;
  // Title, with the counts pill to its right, or under it when there is no room.
  const titleW = stacked || inner - countsW - 16 < 240 ? inner : inner - countsW - 16;
  const title = textBlock(h.title, { x: left, top: y, width: titleW, size: FONT.title, style: 'bold' });
  let pillY = y + 2;
  let pillX = right - countsW;
  if (titleW === inner) {
    pillY = y + title.box.height + 6;
    pillX = left;
  }
  const countsBlock = textBlock(counts, { x: pillX + 12, top: pillY + 3, width: countsW, size: FONT.body, style: 'bold' });
  const pill = { x: pillX, y: pillY, width: countsW, height: countsBlock.box.height + 6 };
  y = Math.max(title.box.y + title.box.height, pill.y + pill.height) + 10;

  const keyW = 96;
  const valueLeft = stacked ? left : left + keyW;
  const valueW = right - valueLeft;
  const key = (text: string) => {
    const b = textBlock(text, { x: left, top: y, width: keyW, size: FONT.small, style: 'bold' });
    if (stacked) y += b.box.height + 2;
    return b;
  };
  const outcomeKey = key('OUTCOME');
  const statementFull = h.statement !== undefined ? oneLine(h.statement) + (h.within ? ` · within ${oneLine(h.within)}` : '') : 'missing — no outcome statement';
  const statement = textBlock(statementFull, { x: valueLeft, top: y, width: valueW, size: FONT.body });
  y += statement.box.height + 10;

  const elementsKey = key('ELEMENTS');
  const chips: DiagramHeader['elementChips'] = [];
  let x = valueLeft;
  const chipH = lineHeightOf(FONT.small) + 6;
  for (const e of ELEMENT_CHIPS) {
    const state = h.elements.states[e.key];
    const text = `${STATE_MARK[state]} ${e.name}`;
    const w = Math.min(valueW, textWidth(text, FONT.small, { bold: true }) + 16);
    if (x + w > right && x > valueLeft) {
      x = valueLeft;
      y += chipH + 6;
    }
    const block = textBlock(text, { x: x + 8, top: y + 3, width: w - 16, size: FONT.small, style: 'bold' });
    const detail = h.elements.lines[ELEMENT_CHIPS.indexOf(e)] ?? `${e.name}: ${state}`;
    chips.push({ name: e.name, state, detail, box: { x, y, width: w, height: Math.max(chipH, block.box.height + 6) }, text: block });
    x += w + 6;
  }
  const statusW = textWidth(h.elements.label, FONT.body, { bold: true });
  if (x + 4 + statusW > right && x > valueLeft) {
    x = valueLeft;
    y += chipH + 6;
  } else x += 4;
  const status = textBlock(h.elements.label, { x, top: y + 1, width: right - x, size: FONT.body, style: 'bold' });
  y = Math.max(y + chipH, status.box.y + status.box.height) + 10;

  const learningKey = key('LEARNING');
  const metricChips: DiagramHeader['metricChips'] = [];
  let noMetrics: DiagramHeader['noMetrics'];
  x = valueLeft;
  let rowBottom = y;
  if (h.metrics.length === 0) {
    noMetrics = textBlock(h.elements.learning ? 'no metrics' : 'missing — no learning loop', { x: valueLeft, top: y, width: valueW, size: FONT.small, style: 'bold' });
    rowBottom = y + noMetrics.box.height;
  }
  for (const m of h.metrics) {
    const text = metricText(m);
    const w = Math.min(valueW, textWidth(text, FONT.small) + 16);
    if (x + w > right && x > valueLeft) {
      x = valueLeft;
      y = rowBottom + 6;
    }
    const block = textBlock(text, { x: x + 8, top: y + 3, width: w - 16, size: FONT.small });
    const box = { x, y, width: w, height: block.box.height + 6 };
    metricChips.push({ full: text + (m.kind ? ` (${m.kind})` : ''), box, text: block });
    rowBottom = Math.max(rowBottom, box.y + box.height);
    x += w + 8;
  }
  const bottom = rowBottom + 12;
  return {
    box: { x: left, y: G.margin, width: inner, height: bottom - G.margin },
    title,
    counts: { text: counts, pill, block: countsBlock },
    keys: { outcome: outcomeKey, elements: elementsKey, learning: learningKey },
    statement,
    elementChips: chips,
    status,
    metricChips,
    ...(noMetrics ? { noMetrics } : {}),
  };
}

/** The legend's entries, in drawing order; the renderer draws a sample for each key. */
export const LEGEND_ITEMS: { key: string; text: string }[] = [
  { key: 'lane-human', text: 'Person: a human actor’s lane' },
  { key: 'lane-ai-agent', text: 'AI agent: striped lane' },
  { key: 'lane-automation', text: 'Automation: dotted lane' },
  { key: 'boundary', text: 'Human–machine boundary: people on one side, machines on the other' },
  { key: 'step', text: 'Step in its performer’s lane, in file order' },
  { key: 'decision', text: 'Decision point, its question and labelled branches' },
  { key: 'hybrid', text: 'Hybrid step: person and machine share it' },
  { key: 'flow', text: 'Flow to the next step' },
  { key: 'exception', text: 'Exception route: trigger · owner' },
  { key: 'crossing', text: 'Crossing: work passes people ↔ machines' },
  { key: 'handoff', text: 'Hand-off: exception sends the case to a person' },
  { key: 'accountable', text: 'Link to the accountable human’s lane' },
  { key: 'gap', text: 'Gap: no accountable human where one is due' },
  { key: 'findings', text: 'Findings: error, warning (hover to read)' },
  { key: 'end', text: 'End of the flow' },
  { key: 'dangling', text: 'Reference to a step that does not exist' },
  { key: 'unassigned', text: 'Unassigned or unknown: on neither side yet' },
];

/** The legend under everything, from `top`, in as many columns as `width` holds. */
export function legendLayout(width: number, top: number): DiagramLegend {
  const inner = width - 2 * G.margin;
  const columns = Math.max(1, Math.min(4, Math.floor(inner / 300)));
  const columnWidth = Math.min(inner / columns, 340);
  const title = textBlock('LEGEND', { x: G.margin, top: top + 12, width: 120, size: FONT.small, style: 'bold' });
  const perColumn = Math.ceil(LEGEND_ITEMS.length / columns);
  const items: DiagramLegend['items'] = [];
  let bottom = title.box.y + title.box.height;
  for (let c = 0; c < columns; c++) {
    let y = title.box.y + title.box.height + 10;
    for (const item of LEGEND_ITEMS.slice(c * perColumn, (c + 1) * perColumn)) {
      const x = G.margin + c * columnWidth;
      const text = textBlock(item.text, { x: x + 58, top: y, width: columnWidth - 66, size: FONT.small });
      const h = Math.max(22, text.box.height);
      items.push({ key: item.key, sample: { x, y: y + h / 2 - 11, width: 48, height: 22 }, text });
      y += h + 8;
      bottom = Math.max(bottom, y);
    }
  }
  return { box: { x: G.margin, y: top, width: inner, height: bottom - top }, title, items };
}


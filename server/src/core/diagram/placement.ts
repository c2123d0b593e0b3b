/**
 * Phase 3: coordinates for the bands, the lanes and the nodes, in either
 * orientation.
 *
 * Both orientations are laid out on two axes: `u` runs along the flow (one
 * rank after another) and `v` across it (one lane beside another). Across
 * (horizontal), u is x and v is y: the lanes are rows, as tall as their
 * tallest node needs. Down (vertical), u is y and v is x: the lanes are
 * columns that share the width given, none narrower than its longest word,
 * and each rank is as tall as its node needs. The routing phase works on the
 * same two axes, so it is written once.
 */
import { maxOf } from '../collections';
import { FONT, G } from './frame';
import { lineHeightOf, textBlock } from './geometry';
import { widestWord } from './text';
import type { LayoutGraph } from './graph';
import type { LanePlan, LaneSpec } from './lanes';
import { nodeContent, nodeWidthForWords, type NodeContent } from './nodes';
import type { Ordering } from './ordering';
import type { Band, Box, DiagramBand, DiagramLane, Orientation, Point, TextBlock } from './types';

export interface Span {
  lo: number;
  hi: number;
}

/** A node on the two axes. */
export interface NodeUV {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

export interface Placement {
  orientation: Orientation;
  /** Screen point of (u, v). */
  at(u: number, v: number): Point;
  lanes: DiagramLane[];
  bands: DiagramBand[];
  notes: TextBlock[];
  /** Each lane's body across the flow. */
  laneV: Span[];
  nodes: NodeUV[];
  nodeBoxes: Box[];
  content: NodeContent[];
  /** Where the lanes' bodies start and end along the flow. */
  flow: Span;
  /** The boundary's position across the flow. */
  boundaryV: number;
  /** The people side is at low v. Gutter tracks: `near` on the people side, `far` beyond the last lane. */
  trackV(side: 'near' | 'far', track: number): number;
  /** The extent of everything placed so far. */
  right: number;
  bottom: number;
}

const BAND_NAME: Record<Band, string> = { human: 'PEOPLE', machine: 'MACHINES', neutral: 'NO SIDE YET' };
const EMPTY_NOTE: Record<'human' | 'machine', string> = {
  human: 'No people in this unit: no human actor performs a step.',
  machine: 'No machines in this unit: no AI agent or automation.',
};

/** The lane header's parts, laid out from (0, 0) in a header `width` wide. */
function laneHead(l: LaneSpec, width: number): { height: number; glyph: Box; texts: DiagramLane['texts'] } {
  // Narrow (a column, down), or too narrow for a word of the label beside the glyph: the glyph on a row of its
  // own, the text the full width under it.
  const narrow = width < 150 || widestWord(l.label, FONT.lane, 'bold') > width - 44;
  const textLeft = narrow ? 8 : 36;
  const textTop = narrow ? 34 : 8;
  const label = textBlock(l.label, { x: textLeft, top: textTop, width: width - textLeft - 8, size: FONT.lane, style: 'bold' });
  const kindName = l.actor.startsWith('~') ? 'no performer' : { human: 'human', 'ai-agent': 'AI agent', automation: 'automation', unknown: 'unknown' }[l.kind];
  const kind = textBlock(kindName, { x: textLeft, top: label.box.y + label.box.height + 1, width: width - textLeft - 8, size: FONT.small, style: 'bold' });
  let bottom = kind.box.y + kind.box.height;
  const texts: DiagramLane['texts'] = { label, kind };
  if (l.detail !== undefined) {
    texts.detail = textBlock(l.detail, { x: 8, top: bottom + 3, width: width - 16, size: FONT.small });
    bottom = texts.detail.box.y + texts.detail.box.height;
  }
  return { height: Math.ceil(bottom + 8), glyph: { x: 8, y: 8, width: 22, height: 22 }, texts };
}

const shiftBlock = (b: TextBlock, dx: number, dy: number): TextBlock => ({ ...b, x: b.x + dx, y: b.y + dy, box: { ...b.box, x: b.box.x + dx, y: b.box.y + dy } });
const shiftBox = (b: Box, dx: number, dy: number): Box => ({ ...b, x: b.x + dx, y: b.y + dy });

function laneOut(l: LaneSpec, box: Box, head: Box, parts: ReturnType<typeof laneHead>): DiagramLane {
  const texts: DiagramLane['texts'] = { label: shiftBlock(parts.texts.label, head.x, head.y), kind: shiftBlock(parts.texts.kind, head.x, head.y) };
  if (parts.texts.detail) texts.detail = shiftBlock(parts.texts.detail, head.x, head.y);
  const lane: DiagramLane = { actor: l.actor, kind: l.kind, band: l.band, label: l.label, ...box, head, glyph: shiftBox(parts.glyph, head.x, head.y), texts };
  if (l.detail !== undefined) lane.detail = l.detail;
  return lane;
}

/** Which lanes a node covers, the chips it shows, and the accountable it names inside. */
function nodeParts(graph: LayoutGraph, plan: LanePlan, i: number): { span: Span; chips: LaneSpec[]; inline?: string } {
  const s = plan.steps[i]!;
  const chips = s.chips.map((a) => plan.lanes.find((l) => l.actor === a)!).filter(Boolean);
  const acc = graph.steps[i]!.accountable;
  let inline: string | undefined;
  if (acc && 'actor' in acc) {
    const li = plan.lanes.findIndex((l) => l.actor === acc.actor);
    if (li >= s.lo && li <= s.hi && !graph.steps[i]!.performers.includes(acc.actor)) inline = acc.actor;
  }
  return { span: { lo: s.lo, hi: s.hi }, chips, ...(inline !== undefined ? { inline } : {}) };
}

/** The bands in order, with their lanes (index ranges) — an empty people or machine band still shows. */
function bandRuns(lanes: LaneSpec[]): { band: Band; lo: number; hi: number }[] {
  const runs: { band: Band; lo: number; hi: number }[] = [];
  for (const band of ['human', 'machine', 'neutral'] as const) {
    const idx = lanes.map((l, i) => (l.band === band ? i : -1)).filter((i) => i >= 0);
    if (idx.length > 0) runs.push({ band, lo: idx[0]!, hi: idx[idx.length - 1]! });
    else if (band !== 'neutral') runs.push({ band, lo: -1, hi: -1 });
  }
  return runs;
}

export function placeAcross(graph: LayoutGraph, plan: LanePlan, order: Ordering, top: number): Placement {
  const n = graph.steps.length;
  const laneLeft = G.margin + G.bandStrip;
  const parts = graph.steps.map((_, i) => nodeParts(graph, plan, i));
  const widths = graph.steps.map((s) => (s.isDecision ? G.decisionW : G.nodeW));
  const content = graph.steps.map((s, i) => nodeContent(s, widths[i]!, parts[i]!.chips, parts[i]!.inline));
  const heads = plan.lanes.map((l) => laneHead(l, G.laneHead));
  // Lane heights: the header, and every node that sits in the lane alone.
  const heights = plan.lanes.map((_, li) => {
    let h = Math.max(96, heads[li]!.height + 12);
    for (let i = 0; i < n; i++) if (parts[i]!.span.lo === li && parts[i]!.span.hi === li) h = Math.max(h, content[i]!.height + 2 * G.lanePad);
    return h;
  });
  // A node across several lanes: grow its last lane until it fits.
  for (let i = 0; i < n; i++) {
    const { lo, hi } = parts[i]!.span;
    if (lo === hi) continue;
    let sum = 0;
    for (let l = lo; l <= hi; l++) sum += heights[l]!;
    const need = content[i]!.height + 2 * G.lanePad;
    if (sum < need) heights[hi]! += need - sum;
  }
  const rankW = (r: number) => widths[order.rank.indexOf(r)] ?? G.nodeW;
  const flowStart = laneLeft + G.laneHead + G.firstGap;
  const uOfRank: number[] = [];
  let u = flowStart;
  for (let r = 0; r < n; r++) {
    uOfRank.push(u);
    u += rankW(r) + G.rankGap.horizontal;
  }
  const flowEnd = n > 0 ? u : flowStart + G.nodeW + G.rankGap.horizontal;
  const nearH = order.tracks.near > 0 ? G.gutterPad + order.tracks.near * G.trackGap : 0;
  const farH = order.tracks.far > 0 ? G.gutterPad + order.tracks.far * G.trackGap : 0;

  // Across the flow (y): bands one under another; an empty band is a placeholder with a note.
  const laneV: Span[] = [];
  const bands: DiagramBand[] = [];
  const notes: TextBlock[] = [];
  const lanes: DiagramLane[] = [];
  const lanesTop = top + 12 + nearH;
  let v = lanesTop;
  let boundaryV = lanesTop;
  for (const run of bandRuns(plan.lanes)) {
    if (run.band === 'neutral') v += G.neutralGap;
    if (run.band === 'machine') boundaryV = v;
    const v0 = v;
    if (run.lo < 0) {
      const note = textBlock(EMPTY_NOTE[run.band as 'human' | 'machine'], { x: laneLeft + 12, top: v + 24, width: flowEnd - laneLeft - 24, size: FONT.small, style: 'italic' });
      notes.push(note);
      v += Math.max(72, note.box.height + 48);
    } else {
      for (let l = run.lo; l <= run.hi; l++) {
        laneV[l] = { lo: v, hi: v + heights[l]! };
        const box = { x: laneLeft, y: v, width: flowEnd - laneLeft, height: heights[l]! };
        const head = { x: laneLeft, y: v, width: G.laneHead, height: heights[l]! };
        lanes.push(laneOut(plan.lanes[l]!, box, head, heads[l]!));
        v += heights[l]!;
      }
    }
    bands.push(bandStrip(run.band, { x: G.margin, y: v0, width: G.bandStrip - 4, height: v - v0 }, true));
  }
  const lanesBottom = v;

  const nodes: NodeUV[] = [];
  const nodeBoxes: Box[] = [];
  for (let i = 0; i < n; i++) {
    const { lo, hi } = parts[i]!.span;
    const u0 = uOfRank[order.rank[i]!]!;
    const c = content[i]!;
    let v0: number;
    let v1: number;
    if (lo === hi) {
      const mid = (laneV[lo]!.lo + laneV[lo]!.hi) / 2;
      v0 = mid - c.height / 2;
      v1 = mid + c.height / 2;
    } else {
      v0 = laneV[lo]!.lo + G.lanePad;
      v1 = laneV[hi]!.hi - G.lanePad;
    }
    nodes.push({ u0, u1: u0 + widths[i]!, v0, v1 });
    nodeBoxes.push({ x: u0, y: v0, width: widths[i]!, height: v1 - v0 });
  }
  return {
    orientation: 'horizontal',
    at: (uu, vv) => ({ x: uu, y: vv }),
    lanes,
    bands,
    notes,
    laneV,
    nodes,
    nodeBoxes,
    content,
    flow: { lo: flowStart, hi: flowEnd },
    boundaryV,
    trackV: (side, t) => (side === 'near' ? lanesTop - G.gutterPad - t * G.trackGap : lanesBottom + G.gutterPad + t * G.trackGap),
    right: flowEnd + G.margin,
    bottom: lanesBottom + farH,
  };
}

/**
 * Down, the narrowest each lane column can be without breaking a word of its
 * header or of a node in it between characters (a node sits 8 px in from each
 * side; one over several lanes asks each for its share), between G.laneMin
 * and G.laneMax. A column too narrow for "Capture" would draw "Captur" over
 * "e".
 */
function laneFloorsForWords(graph: LayoutGraph, plan: LanePlan, parts: ReturnType<typeof nodeParts>[]): number[] {
  // G.laneMin already holds the widest kind name under a header ("automation"); the texts are 8 px in from each
  // side (laneHead puts the glyph on a row of its own where the label's words would not fit beside it).
  const floors = plan.lanes.map((l) => Math.max(G.laneMin, widestWord(l.label, FONT.lane, 'bold') + 16, widestWord(l.detail ?? '', FONT.small) + 16));
  parts.forEach((p, i) => {
    const share = (nodeWidthForWords(graph.steps[i]!, p.chips, p.inline) + 16) / (p.span.hi - p.span.lo + 1);
    for (let l = p.span.lo; l <= p.span.hi; l++) floors[l] = Math.max(floors[l]!, share);
  });
  return floors.map((f) => Math.min(G.laneMax, Math.ceil(f)));
}

/**
 * The columns' widths: an equal share of `avail` (at most G.laneMax), each at
 * least its floor. Where the floors take more than their share, the other
 * columns give up theirs, down to their own floors; past that the diagram is
 * drawn wider than the panel and the preview opens at the zoom that fits it —
 * whole words at a smaller size read better than "Captur / e incide / nt".
 */
function columnWidths(floors: readonly number[], avail: number): number[] {
  // The share that, with the columns whose floors are wider kept at them, fills `avail` (widest floors first);
  // none when every floor is wider than what is left: then each column is at its floor.
  const sorted = [...floors].sort((a, b) => b - a);
  let share = 0;
  let fixed = 0;
  for (let k = 0; k < sorted.length; k++) {
    const rest = (avail - fixed) / (sorted.length - k);
    if (sorted[k]! <= rest) {
      share = Math.min(G.laneMax, rest);
      break;
    }
    fixed += sorted[k]!;
  }
  return floors.map((f) => Math.floor(Math.max(f, share)));
}

/** Down the page in `width`: lane columns share what the gutters leave. */
export function placeDown(graph: LayoutGraph, plan: LanePlan, order: Ordering, top: number, width: number): Placement {
  const n = graph.steps.length;
  const parts = graph.steps.map((_, i) => nodeParts(graph, plan, i));
  const nearW = order.tracks.near > 0 ? G.gutterPad + order.tracks.near * G.trackGap : 0;
  const farW = order.tracks.far > 0 ? G.gutterPad + order.tracks.far * G.trackGap : 0;
  const runs = bandRuns(plan.lanes);
  const placeholders = runs.filter((r) => r.lo < 0).length;
  const neutral = runs.some((r) => r.band === 'neutral');
  const avail = width - 2 * G.margin - nearW - farW - (neutral ? G.neutralGap : 0);
  // Each lane's column, then the empty bands' placeholder columns (as narrow as a lane may be).
  const widths = columnWidths([...laneFloorsForWords(graph, plan, parts), ...new Array<number>(placeholders).fill(G.laneMin)], avail);
  const laneW = (l: number) => widths[l]!;
  const placeholderW = widths[plan.lanes.length] ?? G.laneMin;
  const heads = plan.lanes.map((l, i) => laneHead(l, laneW(i)));
  const headTop = top + 12 + G.bandStrip;
  const headH = Math.max(40, maxOf(heads.map((h) => h.height)));
  const flowStart = headTop + headH + 28;

  // Across the flow (x): band after band, lane columns side by side.
  const laneV: Span[] = [];
  const colOf: { band: Band; v0: number; v1: number; lane?: number }[] = [];
  let v = G.margin + nearW;
  let boundaryV = v;
  for (const run of runs) {
    if (run.band === 'neutral') v += G.neutralGap;
    if (run.band === 'machine') boundaryV = v;
    if (run.lo < 0) {
      colOf.push({ band: run.band, v0: v, v1: v + placeholderW });
      v += placeholderW;
      continue;
    }
    for (let l = run.lo; l <= run.hi; l++) {
      laneV[l] = { lo: v, hi: v + laneW(l) };
      colOf.push({ band: run.band, v0: v, v1: v + laneW(l), lane: l });
      v += laneW(l);
    }
  }
  const lanesLeft = G.margin + nearW;
  const lanesRight = v;

  // Along the flow (y): each rank as tall as its node.
  const content = graph.steps.map((s, i) => {
    const { lo, hi } = parts[i]!.span;
    return nodeContent(s, laneV[hi]!.hi - laneV[lo]!.lo - 16, parts[i]!.chips, parts[i]!.inline);
  });
  const nodes: NodeUV[] = new Array(n);
  const nodeBoxes: Box[] = new Array(n);
  let u = flowStart;
  const byRank = order.rank.map((r, i) => [r, i] as const).sort((a, b) => a[0] - b[0]);
  for (const [, i] of byRank) {
    const { lo, hi } = parts[i]!.span;
    const h = content[i]!.height;
    nodes[i] = { u0: u, u1: u + h, v0: laneV[lo]!.lo + 8, v1: laneV[hi]!.hi - 8 };
    nodeBoxes[i] = { x: laneV[lo]!.lo + 8, y: u, width: laneV[hi]!.hi - laneV[lo]!.lo - 16, height: h };
    u += h + G.rankGap.vertical;
  }
  const flowEnd = n > 0 ? u : flowStart + 120;

  const lanes: DiagramLane[] = [];
  const bands: DiagramBand[] = [];
  const notes: TextBlock[] = [];
  for (const run of runs) {
    const cols = colOf.filter((c) => c.band === run.band);
    const v0 = cols[0]!.v0;
    const v1 = cols[cols.length - 1]!.v1;
    bands.push(bandStrip(run.band, { x: v0, y: top + 12, width: v1 - v0, height: G.bandStrip - 4 }, false));
    if (run.lo < 0) {
      notes.push(textBlock(EMPTY_NOTE[run.band as 'human' | 'machine'], { x: v0 + 8, top: headTop + 8, width: placeholderW - 16, size: FONT.small, style: 'italic' }));
    }
  }
  for (let l = 0; l < plan.lanes.length; l++) {
    const box = { x: laneV[l]!.lo, y: headTop, width: laneW(l), height: flowEnd - headTop };
    lanes.push(laneOut(plan.lanes[l]!, box, { x: laneV[l]!.lo, y: headTop, width: laneW(l), height: headH }, heads[l]!));
  }
  const noteBottom = Math.max(0, maxOf(notes.map((t) => t.box.y + t.box.height)));
  return {
    orientation: 'vertical',
    at: (uu, vv) => ({ x: vv, y: uu }),
    lanes,
    bands,
    notes,
    laneV,
    nodes,
    nodeBoxes,
    content,
    flow: { lo: flowStart, hi: Math.max(flowEnd, noteBottom + 12) },
    boundaryV,
    trackV: (side, t) => (side === 'near' ? lanesLeft - G.gutterPad - t * G.trackGap : lanesRight + G.gutterPad + t * G.trackGap),
    right: lanesRight + farW + G.margin,
    bottom: Math.max(flowEnd, noteBottom + 12),
  };
}

function bandStrip(band: Band, strip: Box, across: boolean): DiagramBand {
  const name = BAND_NAME[band];
  const size = FONT.small;
  if (across) {
    // The name reads up the strip, where the strip is tall enough.
    const w = textBlock(name, { x: 0, top: 0, width: 400, size, style: 'bold' }).box.width;
    if (strip.height < w + 16) return { band, strip, rotated: true };
    const cx = strip.x + strip.width / 2;
    const cy = strip.y + strip.height / 2;
    const block = textBlock(name, { x: cx, top: cy - lineHeightOf(size) / 2, width: 400, size, style: 'bold', anchor: 'middle' });
    // Rotated -90° about its centre: its box is the strip's middle.
    return { band, strip, rotated: true, name: { ...block, box: { x: cx - lineHeightOf(size) / 2, y: cy - w / 2, width: lineHeightOf(size), height: w } } };
  }
  const block = textBlock(name, { x: strip.x + strip.width / 2, top: strip.y + (strip.height - lineHeightOf(size)) / 2, width: Math.max(strip.width - 8, 40), size, style: 'bold', anchor: 'middle' });
  if (block.lines.length > 1) return { band, strip, rotated: false };
  return { band, strip, rotated: false, name: block };
}

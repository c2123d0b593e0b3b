/**
 * Phase 5: what is written on and beside the routes — the crossing markers,
 * the labels of exception routes, branches, dangling references and the links
 * into people's lanes — each placed where it overlaps nothing already there
 * (nodes, lane headers, markers, other labels). Labels carry a halo in the
 * drawing, so a line passing behind one never strikes through its text.
 *
 * Placement is greedy and deterministic: candidates near the anchor first, in
 * a fixed order, then rings further out; the first free one wins.
 */
import { FONT, G } from './frame';
import { boxesOverlap, inflate, moveBlock, textBlock } from './geometry';
import type { Box, Point, TextBlock } from './types';

export interface Bounds {
  left: number;
  top: number;
  right: number;
}

export class Placer {
  private readonly taken: Box[] = [];

  constructor(
    private readonly bounds: Bounds,
    obstacles: readonly Box[],
  ) {
    for (const o of obstacles) this.taken.push(o);
  }

  block(b: Box): void {
    this.taken.push(b);
  }

  isFree(b: Box, pad = 2): boolean {
    if (b.x < this.bounds.left || b.x + b.width > this.bounds.right || b.y < this.bounds.top) return false;
    return !this.taken.some((t) => boxesOverlap(b, t, pad));
  }

  /** The block at the first free top-left position among `candidates`, then on rings around the first; the block is then taken. */
  place(block: TextBlock, candidates: Point[]): TextBlock {
    const w = block.box.width;
    const h = block.box.height;
    const tryAt = (p: Point) => {
      const box = { x: p.x, y: p.y, width: w, height: h };
      return this.isFree(inflate(box, 2)) ? box : undefined;
    };
    let found: Box | undefined;
    for (const c of candidates) if ((found = tryAt(c))) break;
    const origin = candidates[0] ?? { x: this.bounds.left, y: this.bounds.top };
    for (let r = 8; !found && r <= 2400; r += 8) {
      for (const [dx, dy] of [[0, r], [0, -r], [r, 0], [-r, 0], [r, r], [-r, r], [r, -r], [-r, -r]] as const) {
        const p = { x: Math.min(Math.max(origin.x + dx, this.bounds.left), this.bounds.right - w), y: origin.y + dy };
        if ((found = tryAt(p))) break;
      }
    }
    const box = found ?? { x: this.bounds.left, y: this.bottom() + 8, width: w, height: h };
    this.taken.push(inflate(box, 2));
    return moveBlock(block, box.x, box.y);
  }

  /** A marker of radius `r` at the first free point of `candidates` (or the first, when none is free); it is then taken. */
  marker(candidates: Point[], r: number): Point | undefined {
    if (candidates.length === 0) return undefined;
    const boxAt = (p: Point) => ({ x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r });
    const chosen = candidates.find((p) => this.isFree(boxAt(p), 1)) ?? candidates[0]!;
    this.taken.push(boxAt(chosen));
    return chosen;
  }

  bottom(): number {
    let b = this.bounds.top;
    for (const t of this.taken) b = Math.max(b, t.y + t.height);
    return b;
  }
}

/** A label's text block, not yet placed. */
export function labelBlock(text: string, width: number, style: TextBlock['style'] = 'bold'): TextBlock {
  return textBlock(text, { x: 0, top: 0, width, size: FONT.small, style });
}

/** Points every `step` along a polyline (its corners excluded), the segment `prefer` first. */
export function alongRoute(points: Point[], step = 8, keepClear = 14): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const len = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    if (len < 2 * keepClear) continue;
    // From the segment's middle outwards.
    const mids: number[] = [];
    for (let d = 0; d <= len / 2 - keepClear; d += step) mids.push(len / 2 - d, len / 2 + d);
    for (const t of mids) out.push({ x: a.x + ((b.x - a.x) * t) / len, y: a.y + ((b.y - a.y) * t) / len });
  }
  return out;
}

/** Top-left positions for a box `w`×`h` beside point `p`, in the order: after, below, above, before. */
export function besidePoint(p: Point, w: number, h: number, gap = 6): Point[] {
  return [
    { x: p.x + gap, y: p.y - h / 2 },
    { x: p.x - w / 2, y: p.y + gap },
    { x: p.x - w / 2, y: p.y - h - gap },
    { x: p.x - w - gap, y: p.y - h / 2 },
    { x: p.x + gap, y: p.y + gap },
    { x: p.x + gap, y: p.y - h - gap },
  ];
}

/** Top-left positions for a box `w`×`h` along a polyline, beside each sample point. */
export function besideRoute(points: Point[], w: number, h: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const horizontal = a.y === b.y;
    const len = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    for (const t of [0.5, 0.25, 0.75, 0.1, 0.9]) {
      const p = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      if (len < 20 && t !== 0.5) continue;
      if (horizontal) out.push({ x: p.x - w / 2, y: p.y - h - 4 }, { x: p.x - w / 2, y: p.y + 4 }, { x: Math.min(a.x, b.x) + 6, y: p.y - h - 4 });
      else out.push({ x: p.x + 6, y: p.y - h / 2 }, { x: p.x - w - 6, y: p.y - h / 2 });
    }
  }
  return out;
}

export const MARKER_R = 9;
export const END_R = G.endR;

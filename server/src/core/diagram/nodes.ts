/**
 * Phase 3a: what a node holds, and how tall that makes it at a given width —
 * its id and finding badges, the name, the decision's question, the expected
 * duration, the performers it shows on chips, "accountable: …" when that
 * person's lane is its own, and the gap pill. Everything wraps to the node's
 * width; the node grows to hold it all.
 */
import { maxOf } from '../collections';
import { FONT, G } from './frame';
import { lineHeightOf, moveBlock, textBlock } from './geometry';
import type { GraphStep } from './graph';
import type { LaneSpec } from './lanes';
import { oneLine, widestWord } from './text';
import { driftLine, figuresLine } from './figures';
import type { Box, DiagramBadge, DiagramChip, DiagramNode, TextBlock } from './types';

const PAD_X = 10;
const PAD_Y = 8;
const ROW_GAP = 4;
const BADGE = 19;
// Lower case: narrower than capitals, so it wraps between words even in a narrow column.
export const GAP_TEXT = 'no accountable human';

export interface NodeContent {
  height: number;
  /** The parts, placed for a node whose box is `box` (content centred in a taller box). */
  at(box: Box): Pick<DiagramNode, 'texts' | 'chips' | 'badges' | 'gap'>;
}

/** A text centred in a node, before it is wrapped to the node's width. */
interface CentredText {
  text: string;
  size: number;
  style: TextBlock['style'];
}

/**
 * The texts centred under a node's id, top to bottom — the one list both the
 * layout of a node and the width its words need are read from.
 */
function centredTexts(step: GraphStep, inlineAccountable: string | undefined) {
  const t = (text: string, size: number, style: TextBlock['style']): CentredText => ({ text, size, style });
  return {
    label: t(step.label, FONT.node, 'bold'),
    question: step.isDecision ? t(step.question ? `“${oneLine(step.question)}”` : 'decision', FONT.question, 'italic') : undefined,
    duration: step.duration !== undefined ? t(`expected: ${oneLine(step.duration)}`, FONT.small, 'plain') : undefined,
    accountable: inlineAccountable !== undefined ? t(`accountable: ${inlineAccountable}`, FONT.small, 'bold') : undefined,
    measured: step.figures ? t(figuresLine(step.figures), FONT.small, 'plain') : undefined,
    drift: step.figures?.drift ? t(driftLine(step.figures.drift), FONT.small, 'bold') : undefined,
  };
}

/**
 * The narrowest node that breaks no word of `step`'s texts between characters
 * (a column too narrow for "Capture" would draw "Captur" over "e"). Words
 * still wrap between them; a word wider than any lane is still broken.
 */
export function nodeWidthForWords(step: GraphStep, chips: LaneSpec[], inlineAccountable: string | undefined): number {
  const needs = [widestWord(step.key, FONT.small, 'mono')];
  for (const c of Object.values(centredTexts(step, inlineAccountable))) if (c) needs.push(widestWord(c.text, c.size, c.style));
  // A chip's text sits after its glyph (24 px) and keeps 6 px clear of its end.
  for (const lane of chips) needs.push(widestWord(lane.label, FONT.small, 'bold') + 30);
  if (step.accountable && 'missing' in step.accountable) needs.push(widestWord(GAP_TEXT, FONT.small, 'bold') + 12);
  const inset = step.isDecision ? G.tip : 0;
  return Math.ceil(maxOf(needs) + 2 * (inset + PAD_X));
}

/** The content of `step` in a node `width` wide; `chips` are performers shown on chips, `inlineAccountable` a person whose lane the node covers. */
export function nodeContent(step: GraphStep, width: number, chips: LaneSpec[], inlineAccountable: string | undefined): NodeContent {
  const inset = step.isDecision ? G.tip : 0;
  const left = inset + PAD_X;
  const inner = Math.max(40, width - 2 * left);
  const cx = width / 2;
  // Laid out from (0, 0); `at` moves everything to the node's box.
  const badges = step.findings.filter((f) => f.severity !== 'hint');
  const shown = badges.slice(0, badges.length > 3 ? 2 : 3);
  const badgeCount = shown.length + (badges.length > shown.length ? 1 : 0);
  // The id beside the badges where there is room for it, else on a row of its own under them.
  const besideBadges = inner - badgeCount * BADGE;
  const idOwnRow = badgeCount > 0 && besideBadges < textBlock(step.key, { x: 0, top: 0, width: 10_000, size: FONT.small, style: 'mono' }).box.width && besideBadges < 80;
  const idTop = idOwnRow ? PAD_Y + 20 : PAD_Y;
  const idBlock = textBlock(step.key, { x: left, top: idTop, width: idOwnRow ? inner : besideBadges, size: FONT.small, style: 'mono' });
  let y = Math.max(idTop + idBlock.box.height, PAD_Y + (badgeCount > 0 ? 18 : 0)) + ROW_GAP;
  const block = ({ text, size, style }: CentredText) => {
    const b = textBlock(text, { x: cx, top: y, width: inner, size, style, anchor: 'middle' });
    y += b.box.height + ROW_GAP;
    return b;
  };
  const texts = centredTexts(step, inlineAccountable);
  const label = block(texts.label);
  const question = texts.question && block(texts.question);
  const duration = texts.duration && block(texts.duration);
  const accountable = texts.accountable && block(texts.accountable);
  const measured = texts.measured && block(texts.measured);
  const drift = texts.drift && block(texts.drift);
  const chipParts = chips.map((lane) => {
    const text = textBlock(lane.label, { x: left + 24, top: y + 3, width: inner - 30, size: FONT.small, style: 'bold' });
    const h = Math.max(lineHeightOf(FONT.small) + 6, text.box.height + 6);
    const w = Math.min(inner, text.box.width + 32);
    const box = { x: cx - w / 2, y, width: w, height: h };
    const part = { lane, box, text: moveBlock(text, box.x + 24, y + 3), glyph: { x: box.x + 5, y: y + h / 2 - 8, width: 16, height: 16 } };
    y += h + ROW_GAP;
    return part;
  });
  let gap: { pill: Box; text: TextBlock } | undefined;
  if (step.accountable && 'missing' in step.accountable) {
    const text = textBlock(GAP_TEXT, { x: cx, top: y + 3, width: inner - 12, size: FONT.small, style: 'bold', anchor: 'middle' });
    const pill = { x: cx - text.box.width / 2 - 7, y, width: text.box.width + 14, height: text.box.height + 6 };
    gap = { pill, text };
    y += pill.height + ROW_GAP;
  }
  const contentH = y - ROW_GAP + PAD_Y;
  // A decision's pointed ends need height to read as such.
  const height = Math.max(step.isDecision ? 72 : 60, Math.ceil(contentH));

  return {
    height,
    at(box: Box) {
      const dx = box.x;
      // Content taller boxes centre their content (below the id row).
      const dy = box.y + Math.max(0, (box.height - height) / 2);
      const mv = (b: TextBlock) => moveBlock(b, b.box.x + dx, b.box.y + dy);
      const mb = (b: Box): Box => ({ x: b.x + dx, y: b.y + dy, width: b.width, height: b.height });
      const texts: DiagramNode['texts'] = { id: moveBlock(idBlock, idBlock.box.x + dx, idBlock.box.y + box.y), label: mv(label) };
      if (question) texts.question = mv(question);
      if (duration) texts.duration = mv(duration);
      if (accountable) texts.accountable = mv(accountable);
      if (measured) texts.measured = mv(measured);
      if (drift) texts.drift = mv(drift);
      const placedChips: DiagramChip[] = chipParts.map((c) => ({ actor: c.lane.actor, kind: c.lane.kind, box: mb(c.box), glyph: mb(c.glyph), text: mv(c.text) }));
      const badgeList: DiagramBadge[] = shown.map((f, i) => ({
        severity: f.severity === 'hint' ? 'info' : f.severity,
        rule: f.rule,
        tip: f.message,
        text: f.severity === 'info' ? 'i' : '!',
        cx: box.x + width - inset - 12 - i * BADGE,
        cy: box.y + PAD_Y + 9,
      }));
      if (badges.length > shown.length) {
        const rest = badges.slice(shown.length);
        badgeList.push({
          severity: rest.some((f) => f.severity === 'error') ? 'error' : 'warning',
          tip: rest.map((f) => f.message).join('\n'),
          text: `+${rest.length}`,
          cx: box.x + width - inset - 12 - shown.length * BADGE,
          cy: box.y + PAD_Y + 9,
        });
      }
      const parts: Pick<DiagramNode, 'texts' | 'chips' | 'badges' | 'gap'> = { texts, chips: placedChips, badges: badgeList };
      if (gap) parts.gap = { outline: { x: box.x - 5, y: box.y - 5, width: box.width + 10, height: box.height + 10 }, pill: mb(gap.pill), text: mv(gap.text) };
      return parts;
    },
  };
}

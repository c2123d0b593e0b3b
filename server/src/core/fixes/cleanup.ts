/** Removing what is not needed: an unused actor's entry, an unused name in a suppression comment. */
import { parseDirectives } from '../config/suppressions';
import type { Span } from '../text/span';
import { type FixBuilder } from './common';
import { contentEnd, definesUsedAnchor, lastLineOf, mapValue, pairIn, rootMap, startsLine, type Writer } from './yamlEdit';
import type { TextEdit } from './types';

/** Deletes whole lines `[first, last]`, line break included. */
function deleteLines(w: Writer, first: number, last: number): TextEdit {
  const li = w.unit.lines;
  if (last + 1 < li.lineCount) return { start: li.lineStart(first), end: li.lineStart(last + 1), newText: '' };
  // The last line of the file: take the line break before it instead.
  return { start: first > 0 ? li.lineEnd(first - 1) : 0, end: li.lineEnd(last), newText: '' };
}

function hasCommentIn(w: Writer, s: Span): boolean {
  return w.unit.comments.some((c) => c.offset >= s.start && c.offset < s.end);
}

export const unusedActor: FixBuilder = ({ unit, finding, w }) => {
  const name = String(finding.data?.name ?? '');
  // Removing the only actor would leave the unit without execution structure.
  if (unit.actors.size <= 1) return [];
  const map = mapValue(pairIn(rootMap(unit), 'actors'));
  const pair = pairIn(map, name);
  if (!map || !pair || !pair.key.range || definesUsedAnchor(unit, pair)) return [];
  const title = `Remove the unused actor \`${name}\``;
  if (map.flow) {
    const items = map.items;
    const i = items.indexOf(pair as (typeof items)[number]);
    const span =
      i > 0
        ? { start: contentEnd(w.text, items[i - 1]), end: contentEnd(w.text, pair) }
        : items.length > 1 && (items[1].key as { range?: number[] } | null)?.range
          ? { start: pair.key.range[0], end: (items[1].key as { range: number[] }).range[0] }
          : undefined;
    if (!span || hasCommentIn(w, span)) return [];
    return [{ title, edits: [{ ...span, newText: '' }] }];
  }
  const li = unit.lines;
  if (!startsLine(w, pair.key.range[0])) return [];
  const last = lastLineOf(w, pair);
  const rest = w.text.slice(contentEnd(w.text, pair), li.lineEnd(last)).trim();
  if (rest !== '' && !rest.startsWith('#')) return [];
  return [{ title, edits: [deleteLines(w, li.lineAt(pair.key.range[0]), last)] }];
};

export const unusedSuppression: FixBuilder = ({ unit, finding, w }) => {
  const comment = unit.comments.find((c) => c.offset <= finding.span.start && finding.span.start < c.offset + c.text.length);
  if (!comment) return [];
  const names = parseDirectives([comment], unit.lines)[0]?.names ?? [];
  const i = names.findIndex((n) => n.span.start === finding.span.start);
  if (i < 0) return [];
  const name = names[i].name;
  if (names.length > 1) {
    const span = i < names.length - 1 ? { start: names[i].span.start, end: names[i + 1].span.start } : { start: names[i - 1].span.end, end: names[i].span.end };
    return [{ title: `Remove \`${name}\` from the suppression`, edits: [{ ...span, newText: '' }], preferred: true }];
  }
  const title = 'Remove the unused suppression comment';
  if (startsLine(w, comment.offset)) {
    const line = unit.lines.lineAt(comment.offset);
    return [{ title, edits: [deleteLines(w, line, line)], preferred: true }];
  }
  let start = comment.offset;
  while (start > 0 && /[ \t]/.test(w.text[start - 1])) start--;
  return [{ title, edits: [{ start, end: comment.offset + comment.text.length, newText: '' }], preferred: true }];
};

export function cleanupBuilders(): Record<string, FixBuilder> {
  return { 'unused-actor': unusedActor, 'unused-suppression': unusedSuppression };
}

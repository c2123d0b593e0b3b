/**
 * Text helpers shared by the layout and every renderer: XML escaping, a
 * deterministic estimate of how wide a string is drawn, and truncation with
 * an ellipsis. No DOM and no font metrics: the estimate is deliberately a
 * little generous (it is tuned on DejaVu Sans, wider than the UI fonts of
 * VS Code), so text that "fits" here fits on screen. Browser-safe: no Node
 * imports (the preview's webview renders with this code).
 */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Any string from the file, made safe for XML text and attribute values (both
 * quote styles). Characters XML 1.0 forbids (C0 controls other than tab, LF
 * and CR; U+FFFE/U+FFFF; lone surrogates) become U+FFFD, so a hostile file
 * cannot make the SVG unparseable either.
 */
export function escapeXml(value: unknown): string {
  const s = String(value ?? '');
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Text is one line on a diagram: newlines and runs of blanks become one space. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const NARROW = new Set([...'iljtfrI!|.,:;\'"`()[]{} ']);
const WIDE = new Set([...'mwMWOQGDHNU@%&—']);

/** Estimated advance width of `s` at `fontSize` px (sans-serif; `mono` for monospace; `bold` adds ~8%). */
export function textWidth(s: string, fontSize: number, opts: { bold?: boolean; mono?: boolean } = {}): number {
  if (opts.mono) return [...s].length * 0.61 * fontSize;
  let em = 0;
  for (const ch of s) {
    if (NARROW.has(ch)) em += 0.34;
    else if (WIDE.has(ch)) em += 0.9;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if (ch.charCodeAt(0) > 0x2000) em += 1; // symbols, arrows, CJK: assume a full em
    else em += 0.6;
  }
  return em * fontSize * (opts.bold ? 1.08 : 1);
}

/** `s` on one line, cut with an ellipsis so that it is at most `width` px wide. */
export function fitText(s: string, width: number, fontSize: number, opts: { bold?: boolean; mono?: boolean } = {}): string {
  const text = oneLine(s);
  if (textWidth(text, fontSize, opts) <= width) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // The longest prefix that fits with the ellipsis.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(chars.slice(0, mid).join('').trimEnd() + '…', fontSize, opts) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? (textWidth('…', fontSize, opts) <= width ? '…' : '') : chars.slice(0, lo).join('').trimEnd() + '…';
}

/**
 * Word-wraps `s` into at most `widths.length` lines, line i at most
 * `widths[i]` px wide; what does not fit is cut with an ellipsis on the last
 * line. A word longer than a line is cut too.
 */
export function wrapText(s: string, widths: number[], fontSize: number, opts: { bold?: boolean; mono?: boolean } = {}): string[] {
  const words = oneLine(s).split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let i = 0;
  for (let line = 0; line < widths.length && i < words.length; line++) {
    const width = widths[line]!;
    const last = line === widths.length - 1;
    let current = '';
    while (i < words.length) {
      const candidate = current ? `${current} ${words[i]}` : words[i]!;
      if (textWidth(candidate, fontSize, opts) <= width) {
        current = candidate;
        i++;
      } else break;
    }
    if (current === '') {
      // A single word wider than the line: cut it here.
      lines.push(fitText(words[i]!, width, fontSize, opts));
      i++;
      if (!last) continue;
      break;
    }
    if (last && i < words.length) current = fitText(`${current} ${words.slice(i).join(' ')}`, width, fontSize, opts);
    lines.push(current);
  }
  if (i < words.length && lines.length > 0 && !lines[lines.length - 1]!.endsWith('…')) {
    const lastWidth = widths[lines.length - 1]!;
    lines[lines.length - 1] = fitText(`${lines[lines.length - 1]} ${words.slice(i).join(' ')}`, lastWidth, fontSize, opts);
  }
  return lines;
}

/** A number as a diagram shows it: integers plain, others to at most 3 decimals. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

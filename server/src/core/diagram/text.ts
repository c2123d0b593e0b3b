/**
 * Text helpers shared by the layout and every renderer: XML escaping, a
 * deterministic estimate of how wide a string is drawn, and word wrapping that
 * never cuts. No DOM and no font metrics: the estimate is deliberately a
 * little generous (it is tuned on DejaVu Sans, wider than the UI fonts of
 * VS Code, and counts a CJK ideograph as a full em, as Noto CJK draws it), so
 * text that "fits" here fits on screen — test/browser/ measures it. Browser-safe:
 * no Node imports (the preview's webview renders with this code).
 */

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

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

/**
 * Text is one line on a diagram: newlines and runs of blanks become one space.
 * A no-break space stays: a line never breaks there (a figure and its unit).
 */
export function oneLine(s: string): string {
  return s.replace(/[^\S\u00A0]+/g, ' ').trim();
}

const NARROW = new Set([...'iljtfrI!|.,:;\'"`()[]{} \u00A0']);
const WIDE = new Set([...'mwMWOQGDHNU@%&—']);

/** Estimated advance width of `s` at `fontSize` px (sans-serif; `mono` for monospace; `bold` adds ~8%). */
export function textWidth(s: string, fontSize: number, opts: { bold?: boolean; mono?: boolean } = {}): number {
  if (opts.mono) return [...s].length * 0.61 * fontSize;
  let em = 0;
  for (const ch of s) {
    if (NARROW.has(ch)) em += 0.34;
    else if (WIDE.has(ch)) em += 0.9;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if (ch.charCodeAt(0) > 0x2000)
      em += 1; // symbols, arrows, CJK: assume a full em
    else em += 0.6;
  }
  return em * fontSize * (opts.bold ? 1.1 : 1);
}

/** How a text block is set, for the width estimate. */
export type TextFont = 'plain' | 'bold' | 'mono' | 'italic';

const fontOpts = (style: TextFont): { bold?: boolean; mono?: boolean } => (style === 'bold' ? { bold: true } : style === 'mono' ? { mono: true } : {});

/** Where a hyphenated word may part: after each hyphen that is not its last character. */
const AFTER_HYPHEN = /(?<=-)(?=.)/;

/**
 * Word-wraps `s` into lines at most `width` px wide, keeping every character:
 * a word longer than a line is broken between characters. Nothing is ever
 * cut — a diagram shows each label in full and lets its box grow.
 */
export function wrapAll(s: string, width: number, fontSize: number, style: TextFont = 'plain'): string[] {
  const opts = fontOpts(style);
  const fits = (t: string) => textWidth(t, fontSize, opts) <= width;
  const lines: string[] = [];
  let current = '';
  for (const word of oneLine(s).split(' ')) {
    if (word === '') continue;
    const candidate = current ? `${current} ${word}` : word;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    // A hyphenated word goes onto the line in pieces, broken after a hyphen, where the whole does not fit.
    const pieces = word.length > 1 ? word.split(AFTER_HYPHEN) : [word];
    if (pieces.length > 1 && !fits(candidate)) {
      const head = current ? `${current} ` : '';
      let used = 0;
      while (used < pieces.length && fits(head + pieces.slice(0, used + 1).join(''))) used++;
      if (used > 0) {
        lines.push(head + pieces.slice(0, used).join(''));
      } else if (current) lines.push(current);
      current = '';
      for (const piece of pieces.slice(used)) {
        if (current && fits(current + piece)) current += piece;
        else {
          if (current) lines.push(current);
          current = piece;
          if (!fits(current)) current = breakChars(current, fits, lines);
        }
      }
      continue;
    }
    if (current) lines.push(current);
    current = breakChars(word, fits, lines);
  }
  if (current || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * Ideographs, kana and full-width forms: Chinese and Japanese have no spaces
 * and break between any two of these, so a line break there breaks no word.
 */
const BETWEEN_IDEOGRAPHS = /(?=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF])|(?<=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF])/u;

/**
 * The width below which `wrapAll` would break a word of `s` where a reader
 * would not: its widest word — for a hyphenated word its widest piece
 * (wrapAll breaks after a hyphen first); in Chinese or Japanese text, where
 * any two ideographs may part, its widest character.
 */
export function widestWord(s: string, fontSize: number, style: TextFont = 'plain'): number {
  const opts = fontOpts(style);
  let w = 0;
  for (const word of oneLine(s).split(' ')) {
    for (const piece of word.split(AFTER_HYPHEN)) {
      for (const run of piece.split(BETWEEN_IDEOGRAPHS)) w = Math.max(w, textWidth(run, fontSize, opts));
    }
  }
  return w;
}

/** Breaks a word wider than a line between characters: full lines go to `lines`, the rest is returned. */
function breakChars(word: string, fits: (t: string) => boolean, lines: string[]): string {
  let rest = [...word];
  while (rest.length > 0 && !fits(rest.join(''))) {
    let n = 1;
    while (n < rest.length && fits(rest.slice(0, n + 1).join(''))) n++;
    lines.push(rest.slice(0, n).join(''));
    rest = rest.slice(n);
  }
  return rest.join('');
}

/** The widest of `lines` as drawn. */
export function linesWidth(lines: readonly string[], fontSize: number, style: TextFont = 'plain'): number {
  let w = 0;
  for (const l of lines) w = Math.max(w, textWidth(l, fontSize, fontOpts(style)));
  return w;
}

/** A number as a diagram shows it: integers plain, others to at most 3 decimals. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

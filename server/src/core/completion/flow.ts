/**
 * Flow collections on one line: `performer: [analyst, |]` and
 * `analyst: { kind: | }`. Which brackets are open at the cursor, and what the
 * open collection already holds (after the cursor too), so that completion
 * neither repeats an item nor a key.
 */

export interface OpenBracket {
  ch: '[' | '{';
  /** Column of the bracket. */
  pos: number;
}

export interface PrefixScan {
  /** The cursor is inside a `# comment`. */
  inComment: boolean;
  /** Brackets open at the cursor, outermost first. */
  open: OpenBracket[];
}

const SPACE = /[ \t]/;

/**
 * Reads the line up to the cursor. A bracket opens a flow collection only
 * where a value starts (after `key:`, `- `, or another flow separator): in
 * `name: Fix a[b`, the bracket is plain text. A quote opens a quoted scalar
 * only at the start of a token, so the apostrophe in `customer's` is text.
 */
export function scanPrefix(prefix: string): PrefixScan {
  const open: OpenBracket[] = [];
  let quote: '"' | "'" | undefined;
  /** The last non-blank character outside quotes: what the next token follows. */
  let prevSignificant = '';
  for (let i = 0; i < prefix.length; i++) {
    const ch = prefix[i];
    if (quote) {
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) {
        quote = undefined;
        prevSignificant = ch;
      }
      continue;
    }
    if (SPACE.test(ch)) continue;
    if (ch === '#' && (i === 0 || SPACE.test(prefix[i - 1]))) return { inComment: true, open };
    // Where a new value starts: inside a flow collection after `[`, `{`, `,` or `:`;
    // in block context at the start of the line, or after `key:` or `- ` and a space.
    const startsValue =
      open.length > 0 ? prevSignificant !== '' && '[{,:'.includes(prevSignificant) : (i === 0 || SPACE.test(prefix[i - 1])) && (prevSignificant === '' || prevSignificant === ':' || prevSignificant === '-');
    if ((ch === '"' || ch === "'") && startsValue) {
      quote = ch;
      continue;
    }
    if ((ch === '[' || ch === '{') && startsValue) open.push({ ch, pos: i });
    else if (open.length > 0 && (ch === ']' || ch === '}') && (ch === ']') === (open[open.length - 1].ch === '[')) open.pop();
    prevSignificant = ch;
  }
  return { inComment: false, open };
}

export interface FlowPart {
  /** Columns of the part's text inside the collection (between separators). */
  start: number;
  end: number;
  text: string;
}

/**
 * The top-level parts of the collection opened at `openPos`, up to its
 * closing bracket or the end of the line (it may be unclosed while typing).
 */
export function flowParts(line: string, openPos: number): FlowPart[] {
  const parts: FlowPart[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = openPos + 1;
  let i = openPos + 1;
  for (; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if ((ch === '"' || ch === "'") && (i === start || /^\s*$/.test(line.slice(start, i)))) quote = ch;
    else if (ch === '#' && SPACE.test(line[i - 1] ?? ' ')) break;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) {
      parts.push({ start, end: i, text: line.slice(start, i) });
      start = i + 1;
    }
  }
  parts.push({ start, end: i, text: line.slice(start, i) });
  return parts;
}

/** The part of a flow collection's text that holds a column (the cursor's part). */
export function partAt(parts: FlowPart[], col: number): FlowPart | undefined {
  return parts.find((p) => col >= p.start && col <= p.end);
}

/** `key: value` inside a flow mapping part: the key, and the column where its value starts. */
export function flowKey(part: string): { key: string; valueAt: number } | undefined {
  const m = /^\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'[\]{},:][^,:]*?)\s*:(?=\s|$)/.exec(part);
  if (!m) return undefined;
  const raw = m[1];
  const key = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") ? raw.slice(1, -1) : raw;
  return { key, valueAt: m[0].length };
}

/** A flow list item as written, without quotes. */
export function flowItem(part: string): string {
  const t = part.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.endsWith(t[0]) ? t.slice(1, -1) : t;
}

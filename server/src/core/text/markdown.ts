/**
 * Markdown from file content, safe by construction: the one place text from
 * a unit file becomes Markdown (hovers, completion documentation, the
 * catalog report).
 *
 * - `mdText` escapes with a backslash every ASCII punctuation character that
 *   can take part in markup (CommonMark renders an escaped punctuation
 *   character as itself): no emphasis, link, image, HTML, entity, code span,
 *   heading, list or table cell can form. And no bare URL is auto-linked: an
 *   escaped `:`, `.` or `@` splits the text where a linkifier looks for
 *   `http://`, `www.`, a domain or an e-mail address (markdown-it with
 *   linkify, GFM's extended autolinks). Escaping, unlike a zero-width joiner,
 *   renders the text exactly as written and copies back unchanged. Line
 *   breaks (and every other run of white space) become one space, so the
 *   text cannot start a new block; `-` and `+`, which only open a block at
 *   the start of a line, are escaped there. `,;?/'"%` stay as they are: they
 *   make no markup on their own.
 * - `mdCode` builds a code span whose backtick fence is longer than any run
 *   of backticks inside, on one line.
 * - `markdownToPlainText` reads the Markdown these build back as plain text,
 *   for a client that takes no Markdown.
 */

/** Plain text from a file, inline: one line, every character shown as written, no markup. */
export function mdText(s: string): string {
  return oneLine(s)
    .replace(/[\\`*_{}[\]()<>#.!|~&:@=$^]/g, '\\$&')
    .replace(/^[-+]/, '\\$&');
}

/**
 * A code span of `s`: one line, a fence longer than any backtick run inside,
 * padded with a space where the text starts or ends with a backtick (the
 * renderer strips one space each side). `inTable`: `|` is escaped too, as
 * GFM splits table cells before it reads code spans. Empty text gives ''.
 */
export function mdCode(s: string, options: { inTable?: boolean } = {}): string {
  let t = oneLine(s);
  if (options.inTable) t = t.replace(/\|/g, '\\|');
  if (t === '') return '';
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((x) => x.length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * The Markdown this server builds — `mdText`, `mdCode`, headings, `**bold**`,
 * `*emphasis*`, `- ` lists and the tool's own code spans — as plain text:
 * escapes resolved, code spans unfenced, heading marks and emphasis dropped.
 */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => inlineToPlain(line.replace(/^#{1,6} /, '')))
    .join('\n');
}

function inlineToPlain(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1])) {
      out += line[i + 1];
      i += 2;
    } else if (c === '`') {
      const fence = /^`+/.exec(line.slice(i))![0];
      const close = line.indexOf(fence, i + fence.length);
      if (close < 0) {
        out += fence;
        i += fence.length;
        continue;
      }
      let inner = line.slice(i + fence.length, close);
      if (inner.length > 1 && inner.startsWith(' ') && inner.endsWith(' ')) inner = inner.slice(1, -1);
      out += inner.replace(/\\\|/g, '|');
      i = close + fence.length;
    } else if (c === '*') {
      i += line.startsWith('**', i) ? 2 : 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Placeholder text that renders two ways: as snippet syntax (tab stops the
 * author tabs through, literal text escaped) or as plain text (each
 * placeholder's default). Fix builders write templates with the helpers
 * below; `renderFix` numbers the tab stops in order of appearance across a
 * fix's edits and decides whether the fix is a snippet at all.
 */
import type { Fix, FixOptions, TextEdit } from './types';

const OPEN = '\u0001';
const SEP = '\u0002';
const CLOSE = '\u0003';
const ALT = '\u001f';

/** A tab stop whose default text is `text`. */
export function ph(text: string): string {
  return `${OPEN}P${SEP}${text}${CLOSE}`;
}

/** A tab stop offering a choice; the first option is the default. */
export function choice(options: readonly string[]): string {
  return options.length === 1 ? options[0] : `${OPEN}C${SEP}${options.join(ALT)}${CLOSE}`;
}

/** Text that only plain rendering shows (a `# TODO` where a snippet has a tab stop instead). */
export function plainOnly(text: string): string {
  return `${OPEN}T${SEP}${text}${CLOSE}`;
}

export function hasMarkers(text: string): boolean {
  return text.includes(OPEN);
}

/** The template's text without any snippet syntax: what `plain` rendering gives. */
export function plainText(template: string): string {
  return render(template, false, { n: 0 });
}

/** Literal text: `$` and `\` always; `}` only inside a placeholder, where it would close it. */
function escapeSnippet(s: string, inPlaceholder = false): string {
  return s.replace(inPlaceholder ? /[\\$}]/g : /[\\$]/g, (c) => `\\${c}`);
}

function escapeChoice(s: string): string {
  return s.replace(/[\\,|$}]/g, (c) => `\\${c}`);
}

function render(template: string, snippets: boolean, counter: { n: number }): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf(OPEN, i);
    const literal = template.slice(i, open < 0 ? template.length : open);
    out += snippets ? escapeSnippet(literal) : literal;
    if (open < 0) break;
    const kind = template[open + 1];
    const close = template.indexOf(CLOSE, open);
    // A marker character in the file's own text (an actor named `\u0001x`) is no placeholder: keep it as
    // written (without this, a missing CLOSE sent `i` back to 0 and the output grew until it overflowed).
    if (!'PCT'.includes(kind) || template[open + 2] !== SEP || close < 0) {
      out += OPEN;
      i = open + 1;
      continue;
    }
    const body = template.slice(open + 3, close);
    if (kind === 'P') out += snippets ? `\${${++counter.n}:${escapeSnippet(body, true)}}` : body;
    else if (kind === 'C') {
      const options = body.split(ALT);
      out += snippets ? `\${${++counter.n}|${options.map(escapeChoice).join(',')}|}` : options[0];
    } else if (kind === 'T') out += snippets ? '' : body;
    i = close + 1;
  }
  return out;
}

export interface FixDraft {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

/** Renders a drafted fix for the client: snippet syntax when it supports it, plain text otherwise. */
export function renderFix(rule: string, draft: FixDraft, opts: FixOptions): Fix {
  const counter = { n: 0 };
  const tabStops = draft.edits.some((e) => /\u0001[PC]/.test(e.newText));
  const snippets = opts.snippets && tabStops;
  const edits = draft.edits.map((e) => ({ start: e.start, end: e.end, newText: render(e.newText, snippets, counter) }));
  return { title: plainText(draft.title), rule, edits, preferred: draft.preferred ?? false, snippet: snippets };
}

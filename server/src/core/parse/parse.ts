/**
 * The one parser: text → YAML document with source ranges, its comments and
 * its syntax errors. Errors are returned as data, never thrown.
 *
 * The CST is built once and fed to the composer, so collecting comments (for
 * suppression directives) costs no second parse.
 */
import { Composer, Document, Parser } from 'yaml';
import { mayHoldDirective } from '../config/directiveMark';
import type { Span } from '../text/span';

export interface Comment {
  /** The comment text including its leading `#`. */
  text: string;
  /** Offset of the `#`. */
  offset: number;
}

export interface SyntaxProblem {
  message: string;
  span: Span;
  code: string;
}

export interface ParsedText {
  text: string;
  doc: Document.Parsed;
  /** Comments in source order. Only collected when `collectComments` says so. */
  comments: Comment[];
  syntaxErrors: SyntaxProblem[];
}

/** Options shared by every parse, so the editor and the CLI read YAML alike. */
const COMPOSE_OPTIONS = {
  // `<<: *defaults` is common in hand-written YAML; honour it.
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  // Beyond this, expanding aliases is a resource attack ("billion laughs").
  maxAliasCount: 1000,
  // The library's warnings (a collection used as a key, stringified for the schema check) would go to
  // the server's stderr as process warnings; the findings already say what is wrong with such a file.
  logLevel: 'error',
} as const;

/**
 * The largest text parsed, in UTF-16 code units (about bytes, for ASCII).
 * Why 1 MB: a unit is one process. The examples are 2 KB; a 2,000-step unit
 * (the largest the benchmarks compare) is 250 KB; 1 MB holds an 8,000-step
 * unit, more steps than anyone governs as one outcome. Every keystroke in a
 * unit pays for its whole analysis on the server's one thread, and that cost
 * grows with the text: `npm run bench` ("Limits") measures open →
 * diagnostics of the 1 MB unit, the most a file this limit admits can cost.
 * A larger text gets one `yaml-syntax` finding on its first line instead of
 * a parse, at once. The workspace catalog leaves such files out
 * (host/workspaceFiles.ts).
 */
export const MAX_UNIT_TEXT_LENGTH = 1024 * 1024;

/**
 * The deepest nesting of collections parsed. Why 100: a unit's own structure
 * is four levels deep (unit → steps → step → performer list), six with a
 * flow map in a list; 100 leaves any hand-written unit far inside. Past it
 * is a generated or hostile text: the YAML composer recurses per level and
 * runs out of stack somewhere near 1,000, and the CST parser's time and
 * memory grow with depth (2 MB of `[` takes 10 s and 1.8 GB). A deeper text
 * gets one `yaml-syntax` finding where the limit is crossed instead of a parse.
 */
export const MAX_NESTING_DEPTH = 100;

/**
 * The most items parsed — lines, plus entries of flow collections (`[a, b]`).
 * Why 50,000: it admits every unit the size limit admits, with a third to
 * spare — the 1 MB generated unit (8,000 steps) has 34,430 lines and 3,222
 * flow entries, 37,652 items, since real lines average 30 bytes. What it
 * refuses is a text of many tiny items (`[q, q, q, …]`, `- a` lines), which
 * costs the parser far more per byte than a unit does: 1 MB of one-letter
 * entries is 330,000 items. At 50,000 the densest such text costs less than
 * the 1 MB unit the size limit lets in (`npm run bench`, "Limits", has both),
 * so no file under the limits costs more than the largest real unit. Past
 * it, one `yaml-syntax` finding where the limit is crossed instead of a parse.
 */
export const MAX_ITEMS = 50_000;

/**
 * The codes of problems this parser states whole — a file refused for its
 * size, depth, item count or binary content, and the count of problems left
 * out — whose messages already say what to do (the yaml-syntax rule adds no
 * "fix the YAML here" to them).
 */
export const SELF_EXPLAINED_CODES: ReadonlySet<string> = new Set(['TOO_LARGE', 'TOO_DEEP', 'TOO_MANY_ITEMS', 'BINARY', 'TOO_MANY_ERRORS']);

/**
 * After this many YAML problems the rest are summed up in one more. Why 100:
 * past the first few, YAML problems are echoes of the first one (a stray
 * indent breaks every line after it), and a binary file has hundreds; a
 * hundred squiggles is already more than anyone reads, and the cap keeps the
 * diagnostics a file sends small.
 */
const MAX_SYNTAX_ERRORS = 100;

export interface ParseOptions {
  /**
   * Which comments to collect: all (the default: fixes and the editor want
   * them), none, or `'directives'` — all where the text may hold a
   * suppression directive, else none: what a lint needs, which so skips a
   * walk of the CST that costs a tenth of the parse.
   */
  collectComments?: boolean | 'directives';
}

export function parseText(text: string, opts: ParseOptions = {}): ParsedText {
  // Refused before any parsing: too large, binary, or nested too deep for the parser itself (a cheap scan).
  const refused = tooLarge(text) ?? binary(text);
  if (refused) return unparsed(text, refused);
  const scan = scanStructure(text);
  if ('problem' in scan) return unparsed(text, scan.problem);
  const tokens = Array.from(new Parser().parse(text));
  // One walk of the CST, only when needed: the exact nesting depth where the scan could not rule
  // out too deep a nesting (block mappings nest by indentation), and the comments where there may be some.
  const wantComments = opts.collectComments === 'directives' ? mayHoldDirective(text) : opts.collectComments !== false && text.includes('#');
  const walked = scan.mayBeTooDeep || wantComments ? walkCst(tokens, text, wantComments) : { comments: [] };
  if (walked.deep) return unparsed(text, walked.deep);
  const docs = Array.from(new Composer(COMPOSE_OPTIONS).compose(tokens, true, text.length)) as Document.Parsed[];
  const doc = docs[0];
  const syntaxErrors: SyntaxProblem[] = doc.errors.map((e) => ({
    code: e.code,
    // The composer catches its own stack overflow; say what it means.
    message: e.code === 'RESOURCE_EXHAUSTION' ? `The YAML is nested too deeply to read (${firstLine(e.message)})` : firstLine(e.message),
    span: errorSpan(e.pos, text.length),
  }));
  for (const extra of docs.slice(1)) {
    const start = extra.range[0];
    syntaxErrors.push({
      code: 'MULTIPLE_DOCS',
      message: 'A work unit file holds one YAML document; this file has more than one (remove the extra `---`)',
      span: { start, end: Math.min(text.length, start + 3) },
    });
    for (const e of extra.errors) {
      syntaxErrors.push({ code: e.code, message: firstLine(e.message), span: errorSpan(e.pos, text.length) });
    }
  }
  // Characters YAML does not allow, which the yaml library lets through: said first.
  const strange = strangeCharacter(text);
  if (strange) syntaxErrors.unshift(strange);
  const comments = walked.comments;
  return { text, doc, comments, syntaxErrors: capped(syntaxErrors) };
}

/** The text, not parsed: an empty document and the one problem that says why. */
function unparsed(text: string, problem: SyntaxProblem): ParsedText {
  const doc = Array.from(new Composer(COMPOSE_OPTIONS).compose(new Parser().parse(''), true, 0))[0] as Document.Parsed;
  return { text, doc, comments: [], syntaxErrors: [problem] };
}

function tooLarge(text: string): SyntaxProblem | undefined {
  if (text.length <= MAX_UNIT_TEXT_LENGTH) return undefined;
  const lineEnd = text.indexOf('\n');
  return {
    code: 'TOO_LARGE',
    message: `This file is ${megabytes(text.length)}, more than the ${megabytes(MAX_UNIT_TEXT_LENGTH)} a work unit may have, so it is not checked: split it into one unit per process`,
    span: { start: 0, end: lineEnd < 0 ? text.length : lineEnd },
  };
}

/** A NUL character: a binary file (an image, an archive…) named like a unit, or text in UTF-16. */
function binary(text: string): SyntaxProblem | undefined {
  const at = text.indexOf('\u0000');
  if (at < 0) return undefined;
  return {
    code: 'BINARY',
    message: 'This file holds a NUL character here: it looks like binary data, not YAML text, so it is not checked (a unit is UTF-8 text)',
    span: { start: at, end: at + 1 },
  };
}

/**
 * The first character YAML does not allow in a file — a control character
 * other than tab and line breaks — or a U+FFFD replacement character, which
 * is where bytes that are not UTF-8 were decoded (the editor and the CLI
 * both decode so).
 */
function strangeCharacter(text: string): SyntaxProblem | undefined {
  const m = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.exec(text);
  if (!m) return undefined;
  const span = { start: m.index, end: m.index + 1 };
  if (m[0] === '\ufffd') {
    return { code: 'INVALID_UTF8', message: 'The file is not valid UTF-8 here: bytes that could not be decoded show as �. Save the file as UTF-8', span };
  }
  const hex = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return { code: 'CONTROL_CHARACTER', message: `A control character (U+${hex}) here, which YAML does not allow: remove it, or write it as an escape in a double-quoted string`, span };
}

function megabytes(length: number): string {
  return `${(length / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

function tooDeep(offset: number, text: string): SyntaxProblem {
  return {
    code: 'TOO_DEEP',
    message: `The YAML is nested more than ${MAX_NESTING_DEPTH} levels deep here, so it is not checked (a work unit needs four)`,
    span: { start: offset, end: Math.min(text.length, offset + 1) },
  };
}

/**
 * A linear scan for what makes the CST parser itself slow and hungry: flow
 * brackets (`[[[[…`, `{a: {a: …`) and runs of block indicators opening a
 * line (`- - - - …`). It skips comments and quoted scalars; it overcounts
 * only where a file holds a hundred unbalanced brackets in plain text, and
 * what it undercounts the CST check catches.
 */
function scanStructure(text: string): { problem: SyntaxProblem } | { mayBeTooDeep: boolean } {
  let flow = 0;
  let items = 0;
  let maxIndent = 0;
  let maxOpen = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (++items > MAX_ITEMS) return { problem: tooMany(i, text) };
    // The start of a line: indentation, then a run of `- ` / `? ` / `: `, each one more block collection.
    const lineStart = i;
    while (text.charCodeAt(i) === 0x20) i++;
    if (i - lineStart > maxIndent) maxIndent = i - lineStart;
    let run = 0;
    while (isBlockIndicator(text.charCodeAt(i)) && isBlank(text.charCodeAt(i + 1))) {
      if (++run + flow > MAX_NESTING_DEPTH) return { problem: tooDeep(i, text) };
      i += 2;
      while (text.charCodeAt(i) === 0x20) i++;
    }
    if (run + flow > maxOpen) maxOpen = run + flow;
    // The rest of the line.
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) break;
      if (c === 0x5b || c === 0x7b) {
        if (++flow > MAX_NESTING_DEPTH) return { problem: tooDeep(i, text) };
        if (flow > maxOpen) maxOpen = flow;
      } else if (c === 0x5d || c === 0x7d) {
        if (flow > 0) flow--;
      } else if (c === 0x2c && flow > 0) {
        if (++items > MAX_ITEMS) return { problem: tooMany(i, text) };
      } else if (c === 0x23 && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
        // A comment: skip to the end of the line.
        const end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
        break;
      } else if ((c === 0x22 || c === 0x27) && (i === 0 || opensScalar(text.charCodeAt(i - 1)))) {
        // A quoted scalar (it may span lines): to its closing quote. `\"` escapes in double quotes;
        // `''` in single quotes closes and reopens, which comes to the same.
        let j = i + 1;
        while (j < n && text.charCodeAt(j) !== c) j += c === 0x22 && text.charCodeAt(j) === 0x5c ? 2 : 1;
        i = j;
      }
    }
    i++; // past the newline
  }
  // Each block collection nested in another is indented further, but for a list at its key's own
  // indentation (`key:\n- item`): at most two levels per column, plus what opens within a line.
  return { mayBeTooDeep: 2 * (maxIndent + 1) + maxOpen >= MAX_NESTING_DEPTH };
}

function tooMany(offset: number, text: string): SyntaxProblem {
  return {
    code: 'TOO_MANY_ITEMS',
    message: `This file has more than ${MAX_ITEMS.toLocaleString('en')} items (lines and list entries) by here, more than a work unit may have, so it is not checked: split it into one unit per process`,
    span: { start: offset, end: Math.min(text.length, offset + 1) },
  };
}

function isBlockIndicator(c: number): boolean {
  return c === 0x2d || c === 0x3f || c === 0x3a; // - ? :
}

/** A space, tab or line break — or the end of the text (NaN). */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || Number.isNaN(c);
}

/** Whether a quote after this character starts a quoted scalar (not one inside a plain `don't`). */
function opensScalar(prev: number): boolean {
  return isBlank(prev) || prev === 0x5b || prev === 0x7b || prev === 0x2c || prev === 0x3a || prev === 0x2d || prev === 0x3f;
}

/** At most MAX_SYNTAX_ERRORS problems, and one more that says how many are left out. */
function capped(errors: SyntaxProblem[]): SyntaxProblem[] {
  if (errors.length <= MAX_SYNTAX_ERRORS) return errors;
  const kept = errors.slice(0, MAX_SYNTAX_ERRORS);
  kept.push({ code: 'TOO_MANY_ERRORS', message: `${errors.length - MAX_SYNTAX_ERRORS} more YAML problems from here on are not listed`, span: errors[MAX_SYNTAX_ERRORS].span });
  return kept;
}

/**
 * An error's range, inside the text: the yaml library places some errors one
 * past its end (an unclosed `{` at the end of the file gives [length, length + 1]),
 * which is no range a finding may have.
 */
function errorSpan(pos: [number, number], length: number): Span {
  const start = Math.max(0, Math.min(pos[0], length));
  return { start, end: Math.max(start, Math.min(pos[1], length)) };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0].trim();
  // The yaml library appends " at line N, column M"; the range already says where.
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** The fields of CST tokens that hold other tokens (the yaml library's CST is plain objects). */
const CST_CHILDREN = ['start', 'key', 'sep', 'value', 'items', 'end', 'props'] as const;
const COLLECTIONS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * One walk of the CST, without recursion: the first collection nested deeper
 * than the limit (then nothing else), and — when asked — every comment token,
 * in source order.
 */
function walkCst(tokens: unknown[], text: string, wantComments: boolean): { deep?: SyntaxProblem; comments: Comment[] } {
  const comments: Comment[] = [];
  const nodes: unknown[] = [];
  const depths: number[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    nodes.push(tokens[i]);
    depths.push(0);
  }
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        nodes.push(node[i]);
        depths.push(depth);
      }
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const tok = node as Record<string, unknown> & { type?: string; source?: unknown; offset?: unknown };
    if (tok.type === 'comment') {
      if (wantComments && typeof tok.source === 'string' && typeof tok.offset === 'number') comments.push({ text: tok.source, offset: tok.offset });
      continue;
    }
    let itemDepth = depth;
    if (tok.type !== undefined && COLLECTIONS.has(tok.type)) {
      if (depth + 1 > MAX_NESTING_DEPTH) return { deep: tooDeep(typeof tok.offset === 'number' ? tok.offset : 0, text), comments: [] };
      itemDepth = depth + 1;
    }
    for (let k = CST_CHILDREN.length - 1; k >= 0; k--) {
      const child = tok[CST_CHILDREN[k]];
      if (child === undefined || child === null || typeof child !== 'object') continue;
      nodes.push(child);
      depths.push(CST_CHILDREN[k] === 'items' ? itemDepth : depth);
    }
  }
  return { comments: comments.sort((a, b) => a.offset - b.offset) };
}

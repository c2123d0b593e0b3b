/**
 * What the conformance suite checks on a recorded session (`TestClient.wire`):
 * every message the server sent against the LSP 3.17 meta model, every range
 * inside the document it names (UTF-16), the versions of published
 * diagnostics, and edits that apply.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MetaModel } from './metaModel';
import type { WireMessage } from './lspClient';

const model = new MetaModel();

/** Notifications a server may send before its InitializeResult (LSP 3.17, "initialize"). */
const BEFORE_INITIALIZED = new Set(['window/showMessage', 'window/logMessage', 'telemetry/event', '$/progress']);

interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Every problem of the session's server messages against the meta model, and of its lifecycle order. */
export function protocolProblems(wire: WireMessage[]): string[] {
  const problems: string[] = [];
  const sent = new Map<string | number, string>();
  let initialized = false;
  for (const { from, message: m } of wire) {
    if (from === 'client') {
      if (m.method !== undefined && m.id !== undefined && m.id !== null) sent.set(m.id, m.method);
      continue;
    }
    if (m.method === undefined) {
      // A response to one of the client's requests.
      const method = sent.get(m.id as string | number) ?? '?';
      if (method === 'initialize') initialized = true;
      if (m.error !== undefined) {
        if (!Number.isInteger(m.error.code) || typeof m.error.message !== 'string') problems.push(`${method}: malformed error ${JSON.stringify(m.error)}`);
        if (/\n\s+at /.test(m.error.message)) problems.push(`${method}: a stack trace in the error sent to the client: ${m.error.message}`);
      } else if (model.hasRequest(method)) {
        problems.push(...model.checkResult(method, m.result));
      }
      continue;
    }
    if (!initialized && !BEFORE_INITIALIZED.has(m.method)) problems.push(`${m.method} sent before the InitializeResult`);
    if (m.method.startsWith('workunit/')) {
      // The server's own notifications and requests: no params where none are declared.
      if (m.method === 'workunit/catalogChanged' && 'params' in m && m.params !== undefined) problems.push(`workunit/catalogChanged sent with params ${JSON.stringify(m.params)}`);
      continue;
    }
    problems.push(...model.checkServerMessage(m.id !== undefined ? 'request' : 'notification', m.method, m.params));
  }
  return problems;
}

/** The requests of the session and their results (errors left out), by method. */
export function results(wire: WireMessage[]): { method: string; params: unknown; result: unknown }[] {
  const sent = new Map<string | number, { method: string; params: unknown }>();
  const out: { method: string; params: unknown; result: unknown }[] = [];
  for (const { from, message: m } of wire) {
    if (from === 'client' && m.method !== undefined && m.id !== undefined && m.id !== null) sent.set(m.id, { method: m.method, params: m.params });
    else if (from === 'server' && m.method === undefined && m.error === undefined) {
      const req = sent.get(m.id as string | number);
      if (req) out.push({ ...req, result: m.result });
    }
  }
  return out;
}

/** The server's notifications (and requests) of a method, their params in order. */
export function serverMessages(wire: WireMessage[], method: string): unknown[] {
  return wire.filter((w) => w.from === 'server' && w.message.method === method).map((w) => w.message.params);
}

function isPosition(v: unknown): v is Position {
  const p = v as Position;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

function isRange(v: unknown): v is Range {
  const r = v as Range;
  return typeof r === 'object' && r !== null && isPosition(r.start) && isPosition(r.end);
}

/** Every range in a value, with the document URI it refers to (`uri` fields, `textDocument`, `changes` keys; else `defaultUri`). */
export function rangesIn(value: unknown, defaultUri: string | undefined): { uri: string | undefined; range: Range; path: string }[] {
  const out: { uri: string | undefined; range: Range; path: string }[] = [];
  const walk = (v: unknown, uri: string | undefined, path: string) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, uri, `${path}[${i}]`));
    if (v === null || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (isRange(o)) {
      out.push({ uri, range: o, path });
      return;
    }
    const own = typeof o.uri === 'string' ? o.uri : typeof (o.textDocument as { uri?: unknown })?.uri === 'string' ? (o.textDocument as { uri: string }).uri : uri;
    for (const [k, x] of Object.entries(o)) {
      if (k === 'changes' && x && typeof x === 'object') for (const [u, edits] of Object.entries(x)) walk(edits, u, `${path}.changes[${u}]`);
      else if (k !== 'data') walk(x, own, `${path}.${k}`);
    }
  };
  walk(value, defaultUri, '');
  return out;
}

/** Lines of a text as the protocol counts them (`\n`, `\r\n` and `\r` end a line), each without its terminator. */
function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** What is wrong with a range in `text` in UTF-16 code units: past a line's end, past the last line, inside a surrogate pair, reversed. */
export function rangeProblem(text: string, range: Range): string | undefined {
  const lines = linesOf(text);
  for (const p of [range.start, range.end]) {
    if (p.line < 0 || p.line >= lines.length) return `line ${p.line} outside the ${lines.length} lines`;
    const line = lines[p.line];
    if (p.character < 0 || p.character > line.length) return `character ${p.character} past the end of line ${p.line} (${line.length} UTF-16 units)`;
    const c = line.charCodeAt(p.character - 1);
    if (p.character > 0 && c >= 0xd800 && c <= 0xdbff) return `character ${p.character} of line ${p.line} splits a surrogate pair`;
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return 'end before start';
  return undefined;
}

/** The text of a document: as the client sent it, else read from disk. */
export function textOf(uri: string, open: ReadonlyMap<string, string>): string | undefined {
  const t = open.get(uri);
  if (t !== undefined) return t;
  try {
    return readFileSync(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}

function offsetAt(text: string, p: Position): number {
  const re = /\r\n|\r|\n/g;
  let offset = 0;
  for (let line = 0; line < p.line; line++) {
    const m = re.exec(text);
    if (!m) return text.length;
    offset = m.index + m[0].length;
  }
  return offset + p.character;
}

/** `text` with the edits applied (all relative to `text`); throws when two overlap. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const spans = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].end) throw new Error(`edits overlap at offset ${spans[i].start}`);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The text edits of a workspace edit, by document, from `changes` or `documentChanges`. */
export function editsByUri(edit: { changes?: Record<string, { range: Range; newText: string }[]>; documentChanges?: unknown[] }): Map<string, { range: Range; newText: string }[]> {
  const out = new Map<string, { range: Range; newText: string }[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.set(uri, [...(out.get(uri) ?? []), ...edits]);
  for (const d of (edit.documentChanges ?? []) as { textDocument: { uri: string }; edits: { range: Range; newText: string }[] }[]) out.set(d.textDocument.uri, [...(out.get(d.textDocument.uri) ?? []), ...d.edits]);
  return out;
}

/**
 * Where a unit's log is and how its bytes become text: the path in
 * `learning.log` resolved against the unit's folder (or a path given on the
 * command line), the bytes read through the host's file system chunk by
 * chunk, gunzipped through the web-standard `DecompressionStream` when they
 * start with gzip's magic number, decoded as UTF-8 (a byte-order mark
 * dropped). XES when the text starts with `<`, else CSV.
 */
import { LogReadError, type CatalogFileSystem } from '../catalog/fileSystem';
import { parentUri, resolveUri } from '../catalog/uris';
import type { UnitModel } from '../model/types';
import type { ColumnChoice } from './csv';
import type { LogProblem } from './events';

export interface LogSource {
  /** The log file. */
  uri: string;
  /** Column names `learning.log` gives (the rest take the defaults). */
  columns: ColumnChoice;
}

/** What the measuring needs from the host: bytes, chunk by chunk (else the text, whole), and a file's name for messages. */
export type LogFileSystem = Pick<CatalogFileSystem, 'read' | 'readBytes' | 'display'>;

/** The log `learning.log` names, relative to the unit's file; undefined when the unit names none. */
export function logSourceOf(unit: UnitModel, unitUri: string): LogSource | undefined {
  const log = unit.learning?.log;
  const path = log?.path?.value.trim();
  if (!log || !path) return undefined;
  const folder = parentUri(unitUri) ?? unitUri;
  return { uri: resolveUri(folder, path), columns: columnsOf(unit) };
}

/** The columns `learning.log` names (for a log given on the command line instead of its `path`). */
export function columnsOf(unit: UnitModel): ColumnChoice {
  const log = unit.learning?.log;
  const out: ColumnChoice = {};
  for (const key of ['case', 'activity', 'timestamp', 'resource'] as const) {
    const v = log?.[key]?.value.trim();
    if (v) out[key] = v;
  }
  return out;
}

export async function openBytes(fs: LogFileSystem, uri: string): Promise<AsyncIterable<Uint8Array> | LogProblem> {
  if (fs.readBytes) {
    const r = await fs.readBytes(uri);
    if ('missing' in r) return { problem: `cannot read the log ${fs.display(uri)}: no such file` };
    if ('problem' in r) return { problem: `cannot read the log ${fs.display(uri)}: ${r.problem}` };
    return r.chunks;
  }
  const r = await fs.read(uri);
  if ('missing' in r) return { problem: `cannot read the log ${fs.display(uri)}: no such file` };
  if ('problem' in r) return { problem: `cannot read the log ${fs.display(uri)}: ${r.problem}` };
  return oneChunk(new TextEncoder().encode(r.text));
}

async function* oneChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** The bytes as text: gunzipped when they are gzip, UTF-8 decoded in a stream (a BOM dropped), no empty chunks. */
export async function* decodeLog(bytes: AsyncIterable<Uint8Array>): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of gunzipIfGzip(bytes)) {
    const s = decoder.decode(chunk, { stream: true });
    if (s !== '') yield s;
  }
  const end = decoder.decode();
  if (end !== '') yield end;
}

async function* gunzipIfGzip(bytes: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const it = bytes[Symbol.asyncIterator]();
  let first = await it.next();
  while (!first.done && first.value.length === 0) first = await it.next();
  if (first.done) return;
  const head = first.value;
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => it };
  if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
    yield head;
    yield* rest;
    return;
  }
  const input = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
    },
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  for (;;) {
    // The stream fails on data that is not gzip (a TypeError in browsers, a zlib error in Node): the log's problem. A
    // read error from below is already one.
    const { done, value } = await reader.read().catch((e: unknown) => {
      throw e instanceof LogReadError ? e : new LogReadError(`the gzip data does not read: ${(e as Error).message}`);
    });
    if (done) return;
    yield value;
  }
}

/** The first text chunk tells the format: XML starts with `<` (after white space). */
export function looksLikeXml(firstText: string): boolean {
  return /^\s*</.test(firstText);
}

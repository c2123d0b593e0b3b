/**
 * The open units' logs, measured off the requests' path (issue 18, "in the
 * editor"): when a unit with a `learning.log` is opened or changed
 * (debounced), and when its log changes on disk. The host measures (a worker
 * thread on Node, slices in the web worker); this class schedules, caches
 * and tells: the document's diagnostics are finished again with the measured
 * rules, the code lenses refreshed, and `workunit/measured` sent so the
 * preview asks for its figures.
 *
 * The cache key is the log's URI, its size and mtime, and the unit's
 * `measureKey` (everything of the unit the figures depend on): an edit that
 * does not change the mapping reads no log. A measurement is used for a
 * version of the unit only when that version's `measureKey` is the one it
 * was measured for, so `metrics[i]` and `boundary[i]` still follow the
 * unit's items.
 */
import { DidChangeWatchedFilesNotification, type Connection, type FileEvent } from 'vscode-languageserver';
import { checkMeasured } from '../core/analyze';
import type { LevelResolver } from '../core/config/levels';
import { parentUri, uriBasename } from '../core/catalog/uris';
import { measureKey } from '../core/measure/editor';
import type { LogProblem } from '../core/measure/events';
import type { Measurement } from '../core/measure/measure';
import { logSourceOf } from '../core/measure/source';
import type { UnitModel } from '../core/model/types';
import type { RawFinding } from '../core/rules/types';
import type { ServerHost } from '../host/host';
import { MEASURED_NOTIFICATION, type MeasuredParams } from '../protocol';
import { errorLog, runLogged, type Log } from './guard';
import type { SupportOf } from './server';

type Result = Measurement | LogProblem;

/** How long after the last change a unit is measured: typing a word is one measuring, not five. */
export const MEASURE_DEBOUNCE_MS = 300;
/** Measurements kept by key (a few units, or one unit's mapping toggled back and forth). */
const CACHE_SIZE = 16;

interface DocumentMeasure {
  /** The unit's `measureKey` and log (its key) the result is for. */
  unitKey?: string;
  logKey?: string;
  /** The full cache key of `result`. */
  key?: string;
  result?: Result;
  job?: AbortController;
  /** The cache key the running job measures for. */
  jobKey?: string;
  /** Bumped at each change: a debounced run for an older one does nothing. */
  generation: number;
}

/** What the measuring needs of the open documents. */
export interface MeasuredDocuments {
  /** The newest model of the document whose text parsed. */
  unitOf(uri: string): UnitModel | undefined;
  /** Its diagnostics (and everything else) must take the new measurement: finish it again. */
  republish(uris: Iterable<string>): void;
}

export class LogMeasurements {
  private readonly docs = new Map<string, DocumentMeasure>();
  private readonly cache = new Map<string, Result>();
  /** Logs a watcher was registered for (by key). */
  private readonly watched = new Set<string>();
  private readonly log: Log;
  /** Each model's key, made once (the lens, the hover, the diagram and the diagnostics ask for the same model). */
  private readonly keys = new WeakMap<UnitModel, string>();

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly supportOf: SupportOf,
    private readonly documents: () => MeasuredDocuments,
  ) {
    this.log = errorLog(connection);
  }

  /**
   * The measured rules' findings for this version of a unit: `[]` when it
   * names no log (nothing to measure), undefined while its measurement is
   * not in (then suppressions of measured rules are not judged).
   */
  findingsFor(uri: string, unit: UnitModel, levels: LevelResolver): RawFinding[] | undefined {
    if (!logSourceOf(unit, uri)) return [];
    const result = this.resultFor(uri, unit);
    return result && checkMeasured(unit, result, levels);
  }

  /** The measurement (or the log's problem) that holds for this version of the unit, if it is in. */
  resultFor(uri: string, unit: UnitModel): Result | undefined {
    const d = this.docs.get(uri);
    const source = logSourceOf(unit, uri);
    if (!d?.result || !source || d.unitKey !== this.unitKey(unit) || d.logKey !== this.keyOf(source.uri)) return undefined;
    return d.result;
  }

  /** The document changed (or opened): measure it once the changes pause. */
  changed(uri: string): void {
    const d = this.state(uri);
    const generation = ++d.generation;
    this.host.scheduler.after(MEASURE_DEBOUNCE_MS, () => {
      if (this.docs.get(uri)?.generation !== generation) return;
      runLogged(this.log, `Measuring the log of ${uri}`, () => this.run(uri));
    });
  }

  closed(uri: string): void {
    this.docs.get(uri)?.job?.abort();
    this.docs.delete(uri);
  }

  /** Files changed on disk: the units whose log is among them are measured again. */
  filesChanged(changes: FileEvent[]): void {
    const logs = new Set(changes.map((c) => this.keyOf(c.uri)));
    // The same size and mtime can still be new content (a coarse clock): nothing kept for these logs holds.
    for (const key of [...this.cache.keys()]) if (logs.has(key.slice(0, key.indexOf('\n')))) this.cache.delete(key);
    for (const [uri, d] of this.docs) {
      if (d.logKey === undefined || !logs.has(d.logKey)) continue;
      d.key = undefined;
      d.job?.abort(); // it may be reading the old content
      d.jobKey = undefined;
      this.changed(uri);
    }
  }

  private state(uri: string): DocumentMeasure {
    let d = this.docs.get(uri);
    if (!d) this.docs.set(uri, (d = { generation: 0 }));
    return d;
  }

  private unitKey(unit: UnitModel): string {
    let key = this.keys.get(unit);
    if (key === undefined) this.keys.set(unit, (key = measureKey(unit)));
    return key;
  }

  private keyOf(uri: string): string {
    return this.host.keyOf(uri) ?? uri;
  }

  /**
   * Any unit's measurement, on request (the catalog report measures every
   * unit that names a log, open or not): the open document's own where it
   * holds, else one kept for the same log and mapping, else the log read now.
   * `logKey` names the log as the host keys files. Undefined for a unit that
   * names no log, or when `signal` aborts first.
   */
  async measureFor(uri: string, unit: UnitModel, signal: AbortSignal): Promise<{ result: Result; logKey: string } | undefined> {
    const source = logSourceOf(unit, uri);
    if (!source) return undefined;
    const logKey = this.keyOf(source.uri);
    const open = this.resultFor(uri, unit);
    if (open) return { result: open, logKey };
    const key = await this.cacheKey(logKey, source.uri, this.unitKey(unit));
    const kept = this.cache.get(key);
    if (kept) return { result: kept, logKey };
    const result = await this.host.measurer.measure(unit.text, uri, signal);
    if (result === undefined || signal.aborted) return undefined;
    this.remember(key, result);
    return { result, logKey };
  }

  /** What a measurement is kept under: the log, its size and mtime as read now, and the unit's `measureKey`. */
  private async cacheKey(logKey: string, logUri: string, unitKey: string): Promise<string> {
    const st = await this.host.fs.stat(logUri);
    return `${logKey}\n${'missing' in st ? 'missing' : `${st.size}:${st.mtime ?? ''}`}\n${unitKey}`;
  }

  private async run(uri: string): Promise<void> {
    const d = this.docs.get(uri);
    const unit = this.documents().unitOf(uri);
    if (!d || !unit) return;
    const source = logSourceOf(unit, uri);
    if (!source) {
      // No log (any more): nothing measured, and the figures of an earlier log go.
      if (d.result) this.settle(uri, d, {});
      return;
    }
    const generation = d.generation;
    const unitKey = this.unitKey(unit);
    const logKey = this.keyOf(source.uri);
    this.watch(source.uri);
    const key = await this.cacheKey(logKey, source.uri, unitKey);
    if (this.docs.get(uri) !== d || d.generation !== generation) return;
    if (d.key === key && d.result) return;
    // Already being measured for this very key (an edit that changes no figure while a big log is read): let it finish.
    if (d.job && d.jobKey === key) return;
    const cached = this.cache.get(key);
    if (cached) {
      this.settle(uri, d, { unitKey, logKey, key, result: cached });
      return;
    }
    d.job?.abort();
    const job = new AbortController();
    d.job = job;
    d.jobKey = key;
    this.notify(uri, 'measuring');
    const result = await this.host.measurer.measure(unit.text, uri, job.signal);
    if (result === undefined || job.signal.aborted || this.docs.get(uri) !== d) return;
    this.remember(key, result);
    this.settle(uri, d, { unitKey, logKey, key, result });
  }

  private settle(uri: string, d: DocumentMeasure, next: Pick<DocumentMeasure, 'unitKey' | 'logKey' | 'key' | 'result'>): void {
    // A job still running measures something older: it would only overwrite this.
    if (next.key !== d.jobKey) d.job?.abort();
    Object.assign(d, { unitKey: undefined, logKey: undefined, key: undefined, result: undefined, job: undefined, jobKey: undefined }, next);
    this.documents().republish([uri]);
    if (this.supportOf().codeLensRefresh) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    this.notify(uri, 'done');
  }

  private notify(uri: string, state: MeasuredParams['state']): void {
    void this.connection.sendNotification(MEASURED_NOTIFICATION, { uri, state } satisfies MeasuredParams);
  }

  private remember(key: string, result: Result): void {
    this.cache.delete(key);
    this.cache.set(key, result);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }

  /**
   * Asks the client to watch a log (once per log): its own folder and name
   * where the client takes a relative pattern, else its name anywhere.
   */
  private watch(logUri: string): void {
    const support = this.supportOf();
    const key = this.keyOf(logUri);
    if (!support.watchedFilesRegistration || this.watched.has(key)) return;
    this.watched.add(key);
    const base = parentUri(logUri);
    const name = uriBasename(logUri) ?? logUri;
    const globPattern = support.watchedFilesRelativePattern && base ? { baseUri: base, pattern: name } : `**/${name}`;
    void this.connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }] })
      .catch((e: unknown) => this.connection.console.warn(`Could not watch the log ${logUri}: ${(e as Error).message ?? e}`));
  }
}

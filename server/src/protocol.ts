/**
 * What the server and the client agree on, declared once; the client imports
 * this same file. Custom requests and webview messages join it as they come.
 */

export const LANGUAGE_ID = 'workunit';
/** Files the server handles, whatever language id the editor gives them. */
export const UNIT_FILE_PATTERN = /\.workunit\.ya?ml$/i;
export const UNIT_FILE_GLOB = '**/*.workunit.{yaml,yml}';
export const CONFIG_FILE_GLOB = '**/workunit.config.yaml';
/** The settings section the server reads (`workunit.rules`…). */
export const SETTINGS_SECTION = 'workunit';
export const DIAGNOSTIC_SOURCE = 'workunit';

import type { Diagram } from './core/diagram/types';
import type { ElementSummary } from './core/navigation/elements';

/**
 * `workunit/diagram`: the boundary diagram of an open unit, laid out by the
 * server. While the YAML is broken the last good diagram comes back with
 * `stale: true`, so the preview can keep it under a banner.
 */
export const DIAGRAM_REQUEST = 'workunit/diagram';
export interface DiagramParams {
  uri: string;
  /** The space to fit, in CSS px at 100% (the preview panel's): a space taller than wide gets the flow top to bottom. */
  width?: number;
  height?: number;
}
export interface DiagramResult {
  diagram?: Diagram;
  /** The document version the diagram was laid out from. */
  version?: number;
  /** The current text does not parse; this is the last good diagram. */
  stale: boolean;
  /** Why there is no diagram (not a unit file, nothing parsed yet). */
  reason?: string;
}

/**
 * `workunit/catalog`: every unit the workspace index knows (answered once the
 * first scan is done), with its four-element status and finding counts — for
 * the "Work Units" tree.
 */
export const CATALOG_REQUEST = 'workunit/catalog';
export type CatalogParams = Record<string, never>;
/** Presence, state and the spec's label for each of the four elements (the same words as the code lens). */
export type CatalogUnitElements = ElementSummary;
export interface CatalogUnitFindings {
  error: number;
  warning: number;
  info: number;
}
export interface CatalogViewUnit {
  /** The file, as the client spells it when open (else a `file:` URI). */
  uri: string;
  id?: string;
  name?: string;
  valueStream?: string;
  elements: CatalogUnitElements;
  findings: CatalogUnitFindings;
}
export interface CatalogResult {
  units: CatalogViewUnit[];
}

/** `workunit/catalogReport`: the catalog report of the workspace, as Markdown. */
export const CATALOG_REPORT_REQUEST = 'workunit/catalogReport';
export interface CatalogReportResult {
  markdown: string;
}

/**
 * `workunit/catalogChanged` (server → client, no params): the set of units or
 * some unit's summary changed; sent at most once per event-loop turn.
 */
export const CATALOG_CHANGED_NOTIFICATION = 'workunit/catalogChanged';

/**
 * `workunit/serverStatus`: the server process as it sees itself — for the
 * *Work Unit Studio: Show Server Status* command, the tests (same process,
 * closed documents forgotten) and the benchmark's memory figures. The heap
 * figure is taken after a full collection when the server runs with
 * `--expose-gc` (the benchmark starts it that way), so it is comparable over time.
 */
export const SERVER_STATUS_REQUEST = 'workunit/serverStatus';
export interface ServerStatusResult {
  /** Where the server runs: a Node process, or a web worker (vscode.dev, github.dev). */
  host: 'node' | 'webworker';
  /** The process id (0 in a web worker). */
  pid: number;
  version: string;
  /** Seconds since the process started. */
  uptime: number;
  /** Documents the server holds (open in the editor). */
  openDocuments: number;
  /** Documents whose analyses the server keeps: the open unit files, never a closed one. */
  analysesHeld: number;
  heapUsedBytes: number;
  rssBytes: number;
  /** Whether `heapUsedBytes` was measured right after a full garbage collection. */
  collected: boolean;
  /** Full collections the server ran on its own once quiet after analysing a big document (host/node/idleCollection.ts). */
  idleCollections: number;
}

/**
 * The catalog's file system in the web worker (server → client): the worker
 * has no disk, so the client answers through `workspace.fs`, which serves
 * any file system the editor has (github.dev's repository, vscode.dev's
 * local folder). Each takes a URI and answers as `CatalogFileSystem` does.
 */
export const FS_LIST_REQUEST = 'workunit/fs/list';
export const FS_READ_REQUEST = 'workunit/fs/read';
export const FS_STAT_REQUEST = 'workunit/fs/stat';
export interface FsParams {
  uri: string;
}
export type { ListResult as FsListResult, ReadResult as FsReadResult, StatResult as FsStatResult } from './core/catalog/fileSystem';

export interface WorkunitSettings {
  /** Rule id → level; wins over `workunit.config.yaml` for this user. */
  rules?: Record<string, string>;
}

export function isUnitFile(uriOrPath: string): boolean {
  return UNIT_FILE_PATTERN.test(uriOrPath.replace(/[?#].*$/, ''));
}

/**
 * `workunit/importBpmn`: draft units from a BPMN 2.0 file's text (the client
 * reads the file and writes the units). `error` is the one line that says why
 * nothing was imported.
 */
export const IMPORT_BPMN_REQUEST = 'workunit/importBpmn';
export interface ImportBpmnParams {
  /** The BPMN XML. */
  text: string;
  /** The file's name, for the units' header comment. */
  fileName: string;
}
export interface ImportedBpmnUnit {
  id: string;
  /** The unit's YAML. */
  text: string;
  /** "5 steps from 5 activities, 3 actors (3 from lanes), 0 exception rules". */
  summary: string;
  /** The four-element test and the placeholders left to fill. */
  test: string;
}
export interface ImportBpmnResult {
  units: ImportedBpmnUnit[];
  notes: string[];
  error?: string;
}

/**
 * `workunit/measured` (server → client): the measuring of an open unit's log
 * (`learning.log`) started or ended. At `done` its diagnostics, code lenses,
 * hover and diagram figures are current, and the preview asks for the
 * diagram again. The log is measured off the requests' path (a worker thread
 * on Node, in slices in the web worker).
 */
export const MEASURED_NOTIFICATION = 'workunit/measured';
export interface MeasuredParams {
  uri: string;
  state: 'measuring' | 'done';
}

/**
 * `workunit/fs/readBytes` (server → client, web worker): a slice of a file's
 * bytes, base64-encoded, for reading a log in chunks; `size` is the whole
 * file's. The client keeps the file's bytes while it is read slice by slice.
 */
export const FS_READ_BYTES_REQUEST = 'workunit/fs/readBytes';
export interface FsReadBytesParams {
  uri: string;
  offset: number;
  length: number;
}
export type FsReadBytesResult = { base64: string; size: number } | { missing: true } | { problem: string };

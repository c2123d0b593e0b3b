/**
 * The messages between the extension host and the boundary preview's webview,
 * declared once: the panel (host side) and the webview script import this same
 * file. Every message that crosses the boundary is checked by a validator that
 * looks at every field's type and rejects anything else — unknown `type`s,
 * missing or extra fields, accessors, objects that are not plain (a spoofed
 * prototype, `__proto__` keys). The diagram data reaches the page only through
 * these messages, never inside the HTML.
 */
import type {
  Box,
  Diagram,
  DiagramBadge,
  DiagramBand,
  DiagramChip,
  DiagramCrossing,
  DiagramEdge,
  DiagramFinding,
  DiagramHandoff,
  DiagramHeader,
  DiagramLane,
  DiagramLegend,
  DiagramLink,
  DiagramNode,
  Point,
  TextBlock,
} from '../../../server/src/core/diagram/types';

/** Host → webview. */
export type HostMessage =
  /** A diagram to draw. `uri` is the unit it belongs to (the webview persists it for restore). */
  | { type: 'diagram'; uri: string; diagram: Diagram; stale: boolean; version: number }
  /** Mark the step under the editor's cursor; `null` clears the mark. */
  | { type: 'highlight'; step: string | null }
  /** There is no diagram to show for the unit, and why. */
  | { type: 'error'; message: string };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; step: string }
  | { type: 'exportSvg' }
  | { type: 'state'; uri: string; zoom: number }
  /** The canvas's size in CSS px: the host lays the diagram out to fit it. */
  | { type: 'size'; width: number; height: number };

/** What the webview keeps with `setState` (and VS Code hands to the panel serializer after a reload). */
export interface WebviewState {
  uri: string;
  zoom: number;
  x: number;
  y: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 8;

// ---------------------------------------------------------------------------
// Checks

type Check = (v: unknown) => boolean;
/** A check for every field of T, so a field added to the type without a check here does not compile. */
type Shape<T> = { [K in keyof T]-?: Check };

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A plain data object: its prototype is `Object.prototype` of some realm (or null), and every own key is a data property. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return false;
  if (Object.getOwnPropertySymbols(v).length > 0) return false;
  for (const k of Object.getOwnPropertyNames(v)) {
    const d = Object.getOwnPropertyDescriptor(v, k);
    if (!d || !('value' in d) || !d.enumerable) return false;
  }
  return true;
}

const str: Check = (v) => typeof v === 'string';
const nonEmpty: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= 10_000;
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const int: Check = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const bool: Check = (v) => typeof v === 'boolean';
const literal =
  (...values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const optional =
  (c: Check): Check =>
  (v) =>
    v === undefined || c(v);
const nullable =
  (c: Check): Check =>
  (v) =>
    v === null || c(v);
const arrayOf =
  (c: Check): Check =>
  (v) =>
    Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype && everyIndex(v, c);

/** Every index, holes included (`Array.prototype.every` skips holes). */
function everyIndex(a: unknown[], c: Check): boolean {
  for (let i = 0; i < a.length; i++) if (!Object.prototype.hasOwnProperty.call(a, i) || !c(a[i])) return false;
  return true;
}
const anyOf =
  (...cs: Check[]): Check =>
  (v) =>
    cs.some((c) => c(v));

/** An object with exactly these keys (optional ones may be absent), each passing its check. */
function record<T>(shape: Shape<T>): Check {
  const s = shape as Record<string, Check>;
  return (v) => {
    if (!isPlainObject(v)) return false;
    for (const k of Object.keys(v)) if (!hasOwn(s, k)) return false;
    for (const k of Object.keys(s)) if (!s[k]!(hasOwn(v, k) ? v[k] : undefined)) return false;
    return true;
  };
}

// ---------------------------------------------------------------------------
// The diagram (types.ts), checked field by field

const point = record<Point>({ x: num, y: num });
const box = record<Box>({ x: num, y: num, width: num, height: num });
const textBlock = record<TextBlock>({
  lines: arrayOf(str),
  x: num,
  y: num,
  anchor: literal('start', 'middle', 'end'),
  size: num,
  lineHeight: num,
  style: literal('plain', 'bold', 'mono', 'italic'),
  width: num,
  box,
});
const laneKind = literal('human', 'ai-agent', 'automation', 'unknown');
const finding = record<DiagramFinding>({ rule: str, severity: literal('error', 'warning', 'info', 'hint'), message: str });
const lane = record<DiagramLane>({
  actor: str,
  kind: laneKind,
  band: literal('human', 'machine', 'neutral'),
  label: str,
  detail: optional(str),
  x: num,
  y: num,
  width: num,
  height: num,
  head: box,
  glyph: box,
  texts: record<DiagramLane['texts']>({ label: textBlock, kind: textBlock, detail: optional(textBlock) }),
});
const band = record<DiagramBand>({ band: literal('human', 'machine', 'neutral'), strip: box, name: optional(textBlock), rotated: bool });
const badge = record<DiagramBadge>({ severity: literal('error', 'warning', 'info'), rule: optional(str), tip: str, text: str, cx: num, cy: num });
const chip = record<DiagramChip>({ actor: str, kind: laneKind, box, glyph: box, text: textBlock });
const link = record<DiagramLink>({ kind: literal('accountable', 'handoff'), actor: str, exception: optional(str), points: arrayOf(point), text: textBlock });
const node = record<DiagramNode>({
  step: nonEmpty,
  index: int,
  label: str,
  mode: literal('human', 'machine', 'hybrid', 'unassigned', 'unknown'),
  isDecision: bool,
  question: optional(str),
  expectedDuration: optional(str),
  performers: arrayOf(str),
  lanes: arrayOf(str),
  straddles: bool,
  x: num,
  y: num,
  width: num,
  height: num,
  split: optional(
    record<NonNullable<DiagramNode['split']>>({
      people: box,
      machines: box,
      machineKind: laneKind,
      line: (v) => Array.isArray(v) && v.length === 2 && arrayOf(point)(v),
    }),
  ),
  texts: record<DiagramNode['texts']>({
    id: textBlock,
    label: textBlock,
    question: optional(textBlock),
    duration: optional(textBlock),
    accountable: optional(textBlock),
    measured: optional(textBlock),
    drift: optional(textBlock),
  }),
  measured: optional(
    record<NonNullable<DiagramNode['measured']>>({
      events: int,
      medianHours: anyOf(num, literal(null)),
      drift: optional(record<NonNullable<NonNullable<DiagramNode['measured']>['drift']>>({ by: literal('people', 'machines'), share: num })),
    }),
  ),
  chips: arrayOf(chip),
  badges: arrayOf(badge),
  accountable: optional(anyOf(record<{ actor: string }>({ actor: str }), record<{ missing: true }>({ missing: literal(true) }))),
  gap: optional(record<NonNullable<DiagramNode['gap']>>({ outline: box, pill: box, text: textBlock })),
  links: arrayOf(link),
  findings: arrayOf(finding),
  source: record<DiagramNode['source']>({ start: int, end: int }),
});
const edge = record<DiagramEdge>({
  from: str,
  to: str,
  kind: literal('next', 'fall-through', 'exception'),
  points: arrayOf(point),
  crossing: bool,
  exception: optional(record<NonNullable<DiagramEdge['exception']>>({ id: str, when: optional(str), owner: optional(str) })),
  branch: optional(str),
  dangling: optional(literal(true)),
  marker: optional(point),
  text: optional(textBlock),
});
const crossing = record<DiagramCrossing>({ from: str, to: str, via: literal('flow', 'exception'), exception: optional(str) });
const handoff = record<DiagramHandoff>({ exception: str, at: str, owner: str });
const elementState = literal('missing', 'incomplete', 'complete');
const elements = record<Diagram['elements']>({
  outcome: bool,
  logic: bool,
  structure: bool,
  learning: bool,
  count: int,
  label: str,
  states: record<Diagram['elements']['states']>({ outcome: elementState, logic: elementState, structure: elementState, learning: elementState }),
  lines: arrayOf(str),
});
const metric = record<Diagram['metrics'][number]>({ id: str, kind: optional(str), unit: optional(str), baseline: optional(num), target: optional(num) });
const header = record<DiagramHeader>({
  box,
  title: textBlock,
  counts: record<DiagramHeader['counts']>({ text: str, pill: box, block: textBlock }),
  keys: record<DiagramHeader['keys']>({ outcome: textBlock, elements: textBlock, learning: textBlock }),
  statement: textBlock,
  elementChips: arrayOf(record<DiagramHeader['elementChips'][number]>({ name: str, state: elementState, detail: str, box, text: textBlock })),
  status: textBlock,
  metricChips: arrayOf(record<DiagramHeader['metricChips'][number]>({ full: str, box, text: textBlock })),
  noMetrics: optional(textBlock),
});
const legend = record<DiagramLegend>({ box, title: textBlock, items: arrayOf(record<DiagramLegend['items'][number]>({ key: str, sample: box, text: textBlock })) });

const diagramCheck = record<Diagram>({
  title: str,
  unitId: optional(str),
  statement: optional(str),
  within: optional(str),
  elements,
  metrics: arrayOf(metric),
  orientation: literal('horizontal', 'vertical'),
  width: num,
  height: num,
  boundary: record<Diagram['boundary']>({ from: point, to: point, pill: box, text: textBlock }),
  header,
  legend,
  bands: arrayOf(band),
  lanes: arrayOf(lane),
  nodes: arrayOf(node),
  edges: arrayOf(edge),
  ends: arrayOf(point),
  crossings: arrayOf(crossing),
  handoffs: arrayOf(handoff),
  notes: arrayOf(textBlock),
});

export function isDiagram(v: unknown): v is Diagram {
  return diagramCheck(v);
}

// ---------------------------------------------------------------------------
// The messages

type ShapeOf<U extends { type: string }> = { [T in U['type']]: Shape<Extract<U, { type: T }>> };

const hostShapes: ShapeOf<HostMessage> = {
  diagram: { type: literal('diagram'), uri: nonEmpty, diagram: isDiagram, stale: bool, version: int },
  highlight: { type: literal('highlight'), step: nullable(nonEmpty) },
  error: { type: literal('error'), message: str },
};

const zoom: Check = (v) => num(v) && (v as number) >= MIN_ZOOM && (v as number) <= MAX_ZOOM;
const extent: Check = (v) => num(v) && (v as number) >= 0 && (v as number) <= 100_000;

const webviewShapes: ShapeOf<WebviewMessage> = {
  ready: { type: literal('ready') },
  reveal: { type: literal('reveal'), step: nonEmpty },
  exportSvg: { type: literal('exportSvg') },
  state: { type: literal('state'), uri: nonEmpty, zoom },
  size: { type: literal('size'), width: extent, height: extent },
};

function checkMessage(shapes: Record<string, Record<string, Check>>, v: unknown): boolean {
  if (!isPlainObject(v) || !hasOwn(v, 'type') || typeof v.type !== 'string' || !hasOwn(shapes, v.type)) return false;
  return record(shapes[v.type]!)(v);
}

export function isHostMessage(v: unknown): v is HostMessage {
  return checkMessage(hostShapes, v);
}

export function isWebviewMessage(v: unknown): v is WebviewMessage {
  return checkMessage(webviewShapes, v);
}

const stateCheck = record<WebviewState>({ uri: nonEmpty, zoom, x: num, y: num });

export function isWebviewState(v: unknown): v is WebviewState {
  return stateCheck(v);
}

/** The unit a restored panel showed: the `uri` of the state the webview persisted, if it is one. */
export function persistedUri(state: unknown): string | undefined {
  return isPlainObject(state) && hasOwn(state, 'uri') && nonEmpty(state.uri) ? (state.uri as string) : undefined;
}

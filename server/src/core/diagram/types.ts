/**
 * The boundary diagram as data: what the layout computes from a unit model
 * and every renderer draws (the SVG renderer for the CLI, the tests and the
 * preview panel's webview). Coordinates are in SVG user units, origin
 * top-left. Every coordinate a renderer needs is here — the renderer only
 * draws (rectangles, lines, the text blocks as wrapped), it measures nothing.
 * Declared once: the server sends this shape to the client (see protocol.ts).
 */
import type { ElementState, ElementSummary } from '../navigation/elements';
export type LaneKind = 'human' | 'ai-agent' | 'automation' | 'unknown';
export type NodeMode = 'human' | 'machine' | 'hybrid' | 'unassigned' | 'unknown';
/** People, machines, and what stands on neither side yet (no performer, an unknown one). */
export type Band = 'human' | 'machine' | 'neutral';
/** `horizontal`: the flow runs left to right, lanes are rows. `vertical`: top to bottom, lanes are columns. */
export type Orientation = 'horizontal' | 'vertical';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How a text block is set: the renderer maps it to a font, the layout measured it with it. */
export type TextStyle = 'plain' | 'bold' | 'mono' | 'italic';

/**
 * A block of text, already wrapped: one `<text>` with a line per entry. Nothing
 * is ever cut: the lines together are the whole text.
 */
export interface TextBlock {
  lines: string[];
  /** The anchor x (start, middle or end of each line, per `anchor`) and the first line's baseline. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** Font size in px (never below 11). */
  size: number;
  lineHeight: number;
  style: TextStyle;
  /** The width the lines were wrapped to: no line is wider (the browser test checks the real widths). */
  width: number;
  /** The block's extent (what collision checks and a halo use). */
  box: Box;
}

export interface DiagramLane {
  /**
   * The actor id (or `~unassigned` for the lane of steps without a performer).
   * Undeclared performers and actors without a valid kind get a lane too, of
   * kind `unknown`, in the neutral band with `~unassigned`.
   */
  actor: string;
  kind: LaneKind;
  band: Band;
  label: string;
  /** Role, model or system, as the actor declares it. */
  detail?: string;
  /** The lane's whole extent, header included. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The header: a glyph, the actor id, its kind, its detail. */
  head: Box;
  glyph: Box;
  texts: { label: TextBlock; kind: TextBlock; detail?: TextBlock };
}

export interface DiagramBand {
  band: Band;
  /** The strip that names the band (left of the lanes across, above them down). */
  strip: Box;
  name?: TextBlock;
  /** The name reads along the strip (rotated) when the strip is tall and narrow. */
  rotated: boolean;
}

export interface DiagramFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
}

export interface DiagramBadge {
  severity: 'error' | 'warning' | 'info';
  /** The rule, or absent for the "+N more" badge. */
  rule?: string;
  /** The tooltip: the finding's message (all of them for "+N"). */
  tip: string;
  text: string;
  cx: number;
  cy: number;
}

export interface DiagramChip {
  actor: string;
  kind: LaneKind;
  box: Box;
  glyph: Box;
  text: TextBlock;
}

/** A line from a machine step into a person's lane: the accountable link (dotted, a dot) or a hand-off (an arrow). */
export interface DiagramLink {
  kind: 'accountable' | 'handoff';
  /** The person. */
  actor: string;
  /** For a hand-off: the exception rule. */
  exception?: string;
  points: Point[];
  text: TextBlock;
}

/** A step's figures from the unit's log: drawn under the node ("412 events · median 2.1 h", "⚠ drifted: people did 14 %"). */
export interface StepFigures {
  events: number;
  /** The median of its events' durations (time since the case's previous event), in hours; null without one. */
  medianHours: number | null;
  /** The boundary as run drifted from the declared mode: the share of events the other side did (0–1). */
  drift?: { by: 'people' | 'machines'; share: number };
}

export interface DiagramNode {
  /** The step id, or `#<index+1>` for a step without one. */
  step: string;
  index: number;
  label: string;
  mode: NodeMode;
  isDecision: boolean;
  question?: string;
  expectedDuration?: string;
  /** Performer actor ids. */
  performers: string[];
  /** The lanes the node covers (a contiguous run), by actor id. */
  lanes: string[];
  /** A hybrid node drawn across the boundary. */
  straddles: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  /** A straddling node's two halves: the people part and the machine part, split on the boundary. */
  split?: { people: Box; machines: Box; machineKind: LaneKind; line: [Point, Point] };
  texts: { id: TextBlock; label: TextBlock; question?: TextBlock; duration?: TextBlock; accountable?: TextBlock; measured?: TextBlock; drift?: TextBlock };
  /** The step as its log measured it (the preview's per-step figures), where the unit's log is measured. */
  measured?: StepFigures;
  /** Performers whose lanes the node does not cover. */
  chips: DiagramChip[];
  badges: DiagramBadge[];
  /**
   * For machine and hybrid steps: the accountable human, or a visible gap when
   * missing. A gap is where the rules want a person and none is named — the
   * step has an AI-agent performer, or it decides and no human performs it —
   * or where `accountable` names something that is not a declared human.
   * Absent for human, unassigned and unknown steps, and for machine steps that
   * need no one (automation only, deciding nothing).
   */
  accountable?: { actor: string } | { missing: true };
  /** The gap drawn: a red outline and a pill. */
  gap?: { outline: Box; pill: Box; text: TextBlock };
  /** The accountable link and the hand-offs that leave this node. */
  links: DiagramLink[];
  findings: DiagramFinding[];
  /** Where the step is in the source (UTF-16 offsets), to reveal it in the editor. */
  source: { start: number; end: number };
}

export interface DiagramEdge {
  from: string;
  /** A node's `step`, `end`, or — for a dangling edge — the unknown name. */
  to: string;
  kind: 'next' | 'fall-through' | 'exception';
  /** The route: an orthogonal polyline. For an edge to `end` or a dangling one, the last point is its marker's centre. */
  points: Point[];
  /** The edge crosses the human–machine boundary (spec: different modes at its two ends). */
  crossing: boolean;
  /** For exception routes: the rule's id, trigger and owner. */
  exception?: { id: string; when?: string; owner?: string };
  /** The branch's label (a decision's `next` map key). */
  branch?: string;
  /** The target names no step: the edge ends in a dangling marker. */
  dangling?: boolean;
  /** Where the crossing marker sits (one per crossing edge). */
  marker?: Point;
  /** The edge's label: the exception's id, trigger and owner; the branch; or the unknown target's name. */
  text?: TextBlock;
}

export interface DiagramCrossing {
  from: string;
  to: string;
  via: 'flow' | 'exception';
  exception?: string;
}

export interface DiagramHandoff {
  /** The exception rule's id. */
  exception: string;
  /** The machine or hybrid step it fires at. */
  at: string;
  /** The human who receives the case. */
  owner: string;
}

export interface DiagramHeader {
  box: Box;
  title: TextBlock;
  /** "3 crossings · 2 hand-offs · 1 accountability gap" in a pill. */
  counts: { text: string; pill: Box; block: TextBlock };
  keys: { outcome: TextBlock; elements: TextBlock; learning: TextBlock };
  statement: TextBlock;
  /** One chip per element: its state's mark and name; `detail` is its line of the status ("◐ 2. execution logic: incomplete (1 finding)"). */
  elementChips: { name: string; state: ElementState; detail: string; box: Box; text: TextBlock }[];
  status: TextBlock;
  metricChips: { full: string; box: Box; text: TextBlock }[];
  noMetrics?: TextBlock;
}

export interface DiagramLegend {
  box: Box;
  title: TextBlock;
  items: { key: string; sample: Box; text: TextBlock }[];
}

export interface Diagram {
  title: string;
  unitId?: string;
  statement?: string;
  within?: string;
  elements: ElementSummary;
  metrics: { id: string; kind?: string; unit?: string; baseline?: number; target?: number }[];
  orientation: Orientation;
  width: number;
  height: number;
  /** The human–machine boundary: a line between the people band and the machine band, and its pill. */
  boundary: { from: Point; to: Point; pill: Box; text: TextBlock };
  header: DiagramHeader;
  legend: DiagramLegend;
  bands: DiagramBand[];
  lanes: DiagramLane[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** End markers (centres). */
  ends: Point[];
  crossings: DiagramCrossing[];
  handoffs: DiagramHandoff[];
  /** Notes where a band is empty ("No people in this unit…"). */
  notes: TextBlock[];
}

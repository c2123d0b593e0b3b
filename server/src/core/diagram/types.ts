/**
 * The boundary diagram as data: what the layout computes from a unit model
 * and every renderer draws (the SVG renderer for the CLI, the tests and the
 * preview panel's webview). Coordinates are in SVG user units, origin top-left.
 * Declared once: the server sends this shape to the client (see protocol.ts).
 */
export type LaneKind = 'human' | 'ai-agent' | 'automation' | 'unknown';
export type NodeMode = 'human' | 'machine' | 'hybrid' | 'unassigned' | 'unknown';

export interface Point {
  x: number;
  y: number;
}

export interface DiagramLane {
  /**
   * The actor id (or `~unassigned` for the lane of steps without a performer).
   * Undeclared performers and actors without a valid kind get a lane too, of
   * kind `unknown`; those and `~unassigned` sit at the bottom of the people band.
   */
  actor: string;
  kind: LaneKind;
  /** People above the boundary, machines below. */
  band: 'human' | 'machine';
  label: string;
  /** Role, model or system, as the actor declares it. */
  detail?: string;
  y: number;
  height: number;
}

export interface DiagramFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
}

export interface DiagramNode {
  /** The step id, or `#<index+1>` for a step without one. */
  step: string;
  index: number;
  label: string;
  mode: NodeMode;
  isDecision: boolean;
  question?: string;
  /** Performer actor ids (lanes the node sits in or spans). */
  performers: string[];
  /** A hybrid node straddles the boundary. */
  straddles: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  /**
   * For machine and hybrid steps: the accountable human (a link to that lane;
   * `laneY` is the centre of that human's lane), or a visible gap when missing.
   * A gap is where the rules want a person and none is named — the step has an
   * AI-agent performer, or it decides and no human performs it — or where
   * `accountable` names something that is not a declared human. Absent for
   * human, unassigned and unknown steps, and for machine steps that need no
   * one (automation only, deciding nothing: automations follow fixed rules).
   */
  accountable?: { actor: string; laneY: number } | { missing: true };
  findings: DiagramFinding[];
  /** Where the step is in the source (UTF-16 offsets), to reveal it in the editor. */
  source: { start: number; end: number };
}

export interface DiagramEdge {
  from: string;
  /** A node's `step`, or `end`. */
  to: string;
  kind: 'next' | 'fall-through' | 'exception';
  /**
   * The route: an orthogonal polyline. Flow leaves the source's right side and
   * ends on the target's left side (the arrow's tip); an exception route leaves
   * the source's bottom (top, above the lanes) and runs on its own track. For an
   * edge to `end`, the last point is the centre of the end marker.
   */
  points: Point[];
  /** The edge crosses the human–machine boundary (spec: different modes at its two ends). */
  crossing: boolean;
  /** For exception routes: the rule's id, trigger and owner. */
  exception?: { id: string; when?: string; owner?: string };
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

export interface Diagram {
  title: string;
  unitId?: string;
  statement?: string;
  within?: string;
  elements: { outcome: boolean; logic: boolean; structure: boolean; learning: boolean; count: number; label: string };
  metrics: { id: string; kind?: string; unit?: string; baseline?: number; target?: number }[];
  width: number;
  height: number;
  /** The y of the boundary line between the people band and the machine band. */
  boundaryY: number;
  lanes: DiagramLane[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  crossings: DiagramCrossing[];
  handoffs: DiagramHandoff[];
}

/**
 * The model of one work unit: what the file says, in the format's terms, with
 * the source span of everything a finding, a fix or a diagram may point at.
 * Built from the YAML AST by `buildModel`; read by rules, features and the
 * diagram. Everything is optional because authors type half-finished files.
 */
import type { Document } from 'yaml';
import type { Comment, SyntaxProblem } from '../parse/parse';
import type { LineIndex } from '../text/lineIndex';
import type { Span } from '../text/span';

export type ActorKind = 'human' | 'ai-agent' | 'automation';
export const ACTOR_KINDS: readonly ActorKind[] = ['human', 'ai-agent', 'automation'];

/** human, machine (ai-agent or automation), both, none, or not knowable (an undeclared performer). */
export type StepMode = 'human' | 'machine' | 'hybrid' | 'unassigned' | 'unknown';

/** A name written in the file that refers to something declared elsewhere. */
export interface Ref {
  name: string;
  /** The written value: the list item in a list, the alias where written through `*alias`. */
  span: Span;
}

/** A `next` target; in a `next` map, with the branch label that leads there. */
export interface BranchRef extends Ref {
  label?: string;
  labelSpan?: Span;
}

/** A scalar value with where it stands. */
export interface Located<T> {
  value: T;
  span: Span;
}

export interface Actor {
  id: string;
  keySpan: Span;
  /** Undefined when `kind` is missing or not one of the three kinds. */
  kind?: ActorKind;
  role?: string;
  model?: string;
  system?: string;
  /** `resources`: the log's resource names that are this actor (1.1); empty when not written (the id is the default). */
  resources: Ref[];
}

export interface Step {
  index: number;
  id?: string;
  /** The `id` value as written, where there is one. */
  idSpan?: Span;
  /** The `id` value, or the step's first line where it has none: where step findings point. */
  anchor: Span;
  /** The whole step node. */
  span: Span;
  name?: string;
  performers: Ref[];
  /** `performer` holds something (even of a wrong type): the step is not "without owner". */
  performerWritten: boolean;
  accountable?: Ref;
  /** True for `decision: true` or a question. */
  isDecision: boolean;
  question?: string;
  /**
   * Undefined when the step has no `next` (it falls through to the following
   * step). A `next` map (1.1) gives one reference per branch, with its label.
   */
  next?: BranchRef[];
  expectedDuration?: string;
  /** `activity`: the log's names for this step's events (1.1); empty when not written (the id, then the name, are the default). */
  activities: Ref[];
}

export interface ExceptionRule {
  index: number;
  id?: string;
  idSpan?: Span;
  anchor: Span;
  span: Span;
  when?: string;
  at: Ref[];
  owner?: Ref;
  then?: Ref;
  /** `activity`: the log's names for this exception being raised (1.1); empty when not written (the id, then the name). */
  activities: Ref[];
}

export interface Metric {
  index: number;
  id?: string;
  idSpan?: Span;
  anchor: Span;
  span: Span;
  kind?: string;
  unit?: string;
  baseline?: number;
  target?: number;
  hasBaseline: boolean;
  hasTarget: boolean;
}

export interface Outcome {
  keySpan: Span;
  statement?: Located<string>;
  /** True when `statement` has any non-null value (a wrong type is the schema rule's business). */
  hasStatement: boolean;
  doneWhen?: string;
  measuredBy: Ref[];
  within?: Located<string>;
}

/** `learning.log` (1.1): where the unit's executions are recorded, and a CSV file's column names. */
export interface LearningLog {
  keySpan: Span;
  /** The whole `log` value. */
  span: Span;
  /** Relative to the unit's file. */
  path?: Located<string>;
  /** CSV column names as written (the defaults apply where absent). */
  case?: Located<string>;
  activity?: Located<string>;
  timestamp?: Located<string>;
  resource?: Located<string>;
}

/** A `learning.changes` entry. */
export interface LearningChange {
  index: number;
  /** The whole entry. */
  span: Span;
  /** `date` as written (YYYY-MM-DD expected; the measuring ignores an entry whose date does not read). */
  date?: Located<string>;
  change?: string;
  effect?: string;
}

export interface Learning {
  keySpan: Span;
  metrics?: { keySpan: Span; items: Metric[]; count: number };
  review?: { keySpan: Span; owner?: Ref; cadence?: string };
  log?: LearningLog;
  changes?: { keySpan: Span; items: LearningChange[] };
}

/** A flow between steps: explicit `next`, falling through to the following step, or an exception route. */
export interface Edge {
  from: number;
  /** A step index, or `end`. */
  to: number | 'end';
  kind: 'next' | 'fall-through' | 'exception';
  /** For exception routes: the exception rule's index. */
  exception?: number;
  /** The written reference that makes the edge (absent for fall-through). */
  ref?: Ref;
  /** The branch label of a `next` map entry (`approved: notify`): the diagram writes it on the edge. */
  label?: string;
}

export interface UnitModel {
  text: string;
  lines: LineIndex;
  doc: Document.Parsed;
  comments: Comment[];
  syntaxErrors: SyntaxProblem[];
  /** The root is a mapping (otherwise nothing else is meaningful). */
  isMapping: boolean;
  id?: Located<string>;
  /** The unit's `id` value, or the first line where there is none: where unit-level findings point. */
  anchor: Span;
  name?: string;
  valueStream?: Located<string>;
  description?: string;
  owner?: Ref;
  /**
   * Element keys whose value is of the wrong shape (a string where a list is
   * due…). The schema rule reports those; element rules stay quiet about them.
   * Nested blocks are named by path: `learning.metrics`, `learning.review`.
   */
  malformed: Set<string>;
  /** Spans of the top-level keys that are present, by key. */
  topKeys: Map<string, Span>;
  outcome?: Outcome;
  /** Declared actors by id, in source order. Empty when `actors` is absent or empty. */
  actors: Map<string, Actor>;
  /** `count` counts every list item, mappings or not (`items` holds the mappings). */
  steps?: { keySpan: Span; items: Step[]; count: number };
  exceptions: ExceptionRule[];
  learning?: Learning;
  edges: Edge[];
}

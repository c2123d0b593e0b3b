/** What the fix builders share: their context, and questions about actors and names. */
import { actorReferences, performerSummary, roleNeedsHuman } from '../model/queries';
import type { Actor, ActorKind, Ref, Step, UnitModel } from '../model/types';
import type { Finding } from '../rules/types';
import type { Span } from '../text/span';
import type { FixDraft } from './snippet';
import { writer, type Writer } from './yamlEdit';

export interface FixContext {
  unit: UnitModel;
  finding: Finding;
  w: Writer;
}

export type FixBuilder = (ctx: FixContext) => FixDraft[];

export function context(unit: UnitModel, finding: Finding): FixContext {
  return { unit, finding, w: writer(unit) };
}

export const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function kindLabel(kind: ActorKind | undefined): string {
  return kind === 'human' ? 'human' : kind === 'ai-agent' ? 'AI agent' : kind === 'automation' ? 'automation' : 'kind not set';
}

export function humans(unit: UnitModel): Actor[] {
  return [...unit.actors.values()].filter((a) => a.kind === 'human');
}

/** The unit's `owner`, when it names a declared human. */
export function humanOwner(unit: UnitModel): string | undefined {
  const name = unit.owner?.name;
  return name !== undefined && unit.actors.get(name)?.kind === 'human' ? name : undefined;
}

/** References where only a person will do (`accountable-not-human` otherwise). */
export const needsHuman = roleNeedsHuman;

export function stepOfPerformer(unit: UnitModel, span: Span): Step | undefined {
  return unit.steps?.items.find((s) => s.performers.some((p) => p.span.start === span.start));
}

/**
 * A decision step with no `accountable` is covered by a human or undeclared
 * performer (`decision-without-human` stays quiet). Does it lose that cover
 * when the performers `leaving` match become machines?
 */
function decisionLosesCover(unit: UnitModel, s: Step, leaving: (p: Ref) => boolean): boolean {
  if (!s.isDecision || s.accountable || !s.performers.some(leaving)) return false;
  const rest = performerSummary(unit, { ...s, performers: s.performers.filter((p) => !leaving(p)) });
  return !rest.human && !rest.unknown;
}

/**
 * Would declaring `name` (undeclared, or of no valid kind) as a machine raise
 * an error its unknown kind kept quiet? Where it is accountable, the unit
 * owner or the review owner (`accountable-not-human`), or the last possible
 * human of a decision step (`decision-without-human`).
 */
export function machineKindRaisesError(unit: UnitModel, name: string): boolean {
  if (actorReferences(unit).some(({ ref, role }) => ref.name === name && needsHuman(role))) return true;
  return (unit.steps?.items ?? []).some((s) => decisionLosesCover(unit, s, (p) => p.name === name));
}

/** The same question for one reference renamed to a declared machine. */
export function machineRefRaisesError(unit: UnitModel, ref: Span, role: unknown): boolean {
  if (needsHuman(role)) return true;
  const s = stepOfPerformer(unit, ref);
  return !!s && decisionLosesCover(unit, s, (p) => p.span.start === ref.start);
}

/**
 * Replaces a written value. A block scalar's span (`>-` and its lines) ends after its last line break:
 * that break stays, or the next line would join the new value.
 */
export function replace(text: string, span: Span, newText: string): { start: number; end: number; newText: string } {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start: span.start, end, newText };
}

/**
 * What the measuring needs to know of a unit, read once: which element an
 * activity names, which actor kind a resource is, where the flow may start,
 * which step may follow which, and which elements reach the end.
 *
 * Elements are coded 0…S−1 for the steps and S…S+E−1 for the exception
 * rules, in file order. Names are compared trimmed and without regard to
 * case. Claims, first in the file winning (steps before exceptions): first
 * each element's `activity` names, or its id where it has no `activity`;
 * then, for a step without `activity`, its name ("whose id, else whose
 * name"). Resources: first the actors' `resources` names, then the id of an
 * actor without `resources`.
 */
import type { ActorKind, UnitModel } from '../model/types';

export const norm = (s: string) => s.trim().toLowerCase();

/** Actor kinds as counted in the boundary; NO_ACTOR for a resource that maps to no actor with a kind. */
export const KIND_CODE: Record<ActorKind, number> = { human: 0, 'ai-agent': 1, automation: 2 };
export const NO_ACTOR = 3;

export class UnitFlow {
  readonly steps: number;
  readonly exceptions: number;
  private readonly claims = new Map<string, number>();
  private readonly resources = new Map<string, number>();
  /** `startable[s]`: step s may open a case (the first step, or one an exception routes to). */
  readonly startable: Uint8Array;
  /** `follows[a * S + b]`: step b may come right after step a (by `next`, falling through, or an exception route). */
  readonly follows: Uint8Array;
  /** `ends[code]`: an event of this element as a case's last mapped event means the case reached the end. */
  readonly ends: Uint8Array;

  constructor(unit: UnitModel) {
    const steps = unit.steps?.items ?? [];
    const exceptions = unit.exceptions;
    this.steps = steps.length;
    this.exceptions = exceptions.length;
    const S = this.steps;
    const claim = (name: string | undefined, code: number) => {
      const key = name === undefined ? '' : norm(name);
      if (key !== '' && !this.claims.has(key)) this.claims.set(key, code);
    };
    steps.forEach((s, i) => (s.activities.length > 0 ? s.activities.forEach((a) => claim(a.name, i)) : claim(s.id, i)));
    exceptions.forEach((e, i) => (e.activities.length > 0 ? e.activities.forEach((a) => claim(a.name, S + i)) : claim(e.id, S + i)));
    steps.forEach((s, i) => s.activities.length === 0 && claim(s.name, i));

    const actors = [...unit.actors.values()];
    const kindOf = (kind: ActorKind | undefined) => (kind ? KIND_CODE[kind] : NO_ACTOR);
    const own = (name: string, kind: ActorKind | undefined) => {
      const key = norm(name);
      if (key !== '' && !this.resources.has(key)) this.resources.set(key, kindOf(kind));
    };
    for (const a of actors) for (const r of a.resources) own(r.name, a.kind);
    for (const a of actors) if (a.resources.length === 0) own(a.id, a.kind);

    this.startable = new Uint8Array(S);
    if (S > 0) this.startable[0] = 1;
    this.follows = new Uint8Array(S * S);
    this.ends = new Uint8Array(S + this.exceptions);
    for (const e of unit.edges) {
      if (e.to === 'end') {
        if (e.kind !== 'exception') this.ends[e.from] = 1;
      } else this.follows[e.from * S + e.to] = 1;
    }
    exceptions.forEach((e, i) => {
      if (e.then?.name === 'end') this.ends[S + i] = 1;
      const to = e.then ? steps.findIndex((s) => s.id === e.then!.name) : -1;
      if (to >= 0) this.startable[to] = 1;
    });
  }

  /** The element an activity names, or -1. */
  codeOf(activity: string): number {
    return this.claims.get(norm(activity)) ?? -1;
  }

  /** The kind code of the actor a resource names (NO_ACTOR when none). */
  kindOf(resource: string): number {
    return resource === '' ? NO_ACTOR : (this.resources.get(norm(resource)) ?? NO_ACTOR);
  }

  /** Step b may come right after step a in a conforming case. */
  mayFollow(a: number, b: number): boolean {
    return a === b || this.follows[a * this.steps + b] === 1;
  }
}

/**
 * What an exported lane's documentation says about its actor, in lines that
 * `workunit import` reads back, so a unit survives the trip through BPMN with
 * its actors' kinds and roles (BPMN has no word for either).
 */
import type { Actor, ActorKind } from '../model/types';

const KIND = /^Work unit actor kind: (human|ai-agent|automation)$/m;
const ROLE = /^Role: (.+)$/m;

export function actorDocumentation(actor: Actor): string {
  return [
    actor.kind ? `Work unit actor kind: ${actor.kind}` : 'Work unit actor: no kind given',
    actor.role && `Role: ${actor.role}`,
    actor.model && `Model: ${actor.model}`,
    actor.system && `System: ${actor.system}`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function statedActor(documentation: string | undefined): { kind?: ActorKind; role?: string } {
  return {
    kind: documentation?.match(KIND)?.[1] as ActorKind | undefined,
    role: documentation?.match(ROLE)?.[1]?.trim(),
  };
}

/** The documentation of the lane that holds the steps nobody performs: it is no actor. */
export const UNASSIGNED_LANE = 'Steps with no performer';

/** The lines `workunit export` writes in a task's documentation. */
export function stepDocumentation(stepId: string, mode: string, performers: { id: string; kind: string }[], accountable: string | undefined, extra: string[]): string {
  return [
    `Work unit step ${stepId}, mode ${mode}`,
    performers.length > 0 && `Performed by: ${performers.map((p) => `${p.id} (${p.kind})`).join(', ')}`,
    accountable && `Accountable: ${accountable}`,
    ...extra,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The performers and the accountable human a task's documentation names, as `stepDocumentation` writes them. */
export function statedStep(documentation: string | undefined): { performers: string[]; accountable?: string } {
  const performers = documentation?.match(/Performed by: ((?:[a-z0-9-]+ \([a-z-]+\)(?:, )?)+)/)?.[1];
  return {
    performers: performers ? [...performers.matchAll(/([a-z0-9-]+) \(/g)].map((m) => m[1]!) : [],
    accountable: documentation?.match(/Accountable: ([a-z0-9-]+)/)?.[1],
  };
}

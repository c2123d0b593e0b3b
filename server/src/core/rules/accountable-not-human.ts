import { actorReferences, roleNeedsHuman, type ActorRole } from '../model/queries';
import { found, fileRule } from './types';

const WHAT: Partial<Record<ActorRole, string>> = { owner: 'The unit owner', accountable: 'The accountable', 'review-owner': 'The review owner' };

export const accountableNotHuman = fileRule({
  id: 'accountable-not-human',
  defaultLevel: 'error',
  summary: '`accountable`, the unit `owner`, or `learning.review.owner` is not a human actor.',
  scope: 'file',
  check(unit) {
    const out = [];
    // The places the format's description reserves for a person.
    for (const { ref, role } of actorReferences(unit)) {
      if (!roleNeedsHuman(role)) continue;
      const kind = unit.actors.get(ref.name)?.kind;
      if (kind === undefined || kind === 'human') continue;
      const what = WHAT[role] ?? 'This reference';
      out.push(found('accountable-not-human', ref.span, `${what} \`${ref.name}\` is ${kind === 'ai-agent' ? 'an AI agent' : 'an automation'}: accountability stays with a person — name a human actor.`, { name: ref.name, kind }));
    }
    return out;
  },
});

import type { Ref } from '../model/types';
import { found, type FileRule } from './types';

export const accountableNotHuman: FileRule = {
  id: 'accountable-not-human',
  defaultLevel: 'error',
  summary: '`accountable`, the unit `owner`, or `learning.review.owner` is not a human actor.',
  scope: 'file',
  check(unit) {
    const refs: { ref: Ref; what: string }[] = [];
    if (unit.owner) refs.push({ ref: unit.owner, what: 'The unit owner' });
    for (const s of unit.steps?.items ?? []) if (s.accountable) refs.push({ ref: s.accountable, what: 'The accountable' });
    const review = unit.learning?.review?.owner;
    if (review) refs.push({ ref: review, what: 'The review owner' });
    const out = [];
    for (const { ref, what } of refs) {
      const kind = unit.actors.get(ref.name)?.kind;
      if (kind === undefined || kind === 'human') continue;
      out.push(found('accountable-not-human', ref.span, `${what} \`${ref.name}\` is ${kind === 'ai-agent' ? 'an AI agent' : 'an automation'}: accountability stays with a person — name a human actor.`, { name: ref.name, kind }));
    }
    return out;
  },
};

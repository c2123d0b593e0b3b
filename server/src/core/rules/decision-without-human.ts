import { performerSummary } from '../model/queries';
import { found, fileRule } from './types';

/**
 * Stays quiet when it cannot know: a performer that is undeclared, or an
 * `accountable` that names a machine or an undeclared actor (those rules
 * explain the problem).
 */
export const decisionWithoutHuman = fileRule({
  id: 'decision-without-human',
  defaultLevel: 'error',
  summary: 'A decision step has neither a human performer nor a human `accountable`.',
  scope: 'file',
  check(unit) {
    const out = [];
    for (const s of unit.steps?.items ?? []) {
      if (!s.isDecision || s.accountable) continue;
      const p = performerSummary(unit, s);
      if (p.human || p.unknown) continue;
      out.push(found('decision-without-human', s.anchor, `Step ${s.id ? `\`${s.id}\`` : 'without an id'} is a decision point with no human: make a person the performer or name a human \`accountable\`.`, { step: s.index }));
    }
    return out;
  },
});

import { reachableSteps } from '../model/queries';
import { found, fileRule } from './types';

export const unreachableStep = fileRule({
  id: 'unreachable-step',
  defaultLevel: 'warning',
  summary: 'No path from the first step reaches this step.',
  scope: 'file',
  check(unit) {
    const steps = unit.steps?.items ?? [];
    if (steps.length < 2) return [];
    const reachable = reachableSteps(unit);
    return steps
      .filter((s) => !reachable.has(s.index))
      .map((s) => found('unreachable-step', s.anchor, `No path from the first step reaches step ${s.id ? `\`${s.id}\`` : 'without an id'}: route to it with \`next\` or an exception's \`then\`, or remove it.`, { step: s.index }));
  },
});

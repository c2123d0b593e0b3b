import { found, fileRule } from './types';

export const stepWithoutOwner = fileRule({
  id: 'step-without-owner',
  defaultLevel: 'warning',
  summary: 'A step has no `performer`.',
  scope: 'file',
  check(unit) {
    return (unit.steps?.items ?? [])
      .filter((s) => !s.performerWritten)
      .map((s) => found('step-without-owner', s.anchor, `Step ${label(s.id)} has no performer: add \`performer:\` with the actor (human, AI agent or automation) that does it.`, { step: s.index }));
  },
});

function label(id: string | undefined): string {
  return id ? `\`${id}\`` : 'without an id';
}

import { actorReferences } from '../model/queries';
import { found, fileRule } from './types';

/** Silent when there are no steps: `missing-execution-logic` explains it. */
export const unusedActor = fileRule({
  id: 'unused-actor',
  defaultLevel: 'hint',
  summary: 'An actor is declared but performs, owns and is accountable for nothing.',
  scope: 'file',
  check(unit) {
    if (!unit.steps || unit.steps.count === 0) return [];
    const used = new Set(actorReferences(unit).map((r) => r.ref.name));
    return [...unit.actors.values()]
      .filter((a) => !used.has(a.id))
      .map((a) => found('unused-actor', a.keySpan, `Actor \`${a.id}\` performs, owns and is accountable for nothing: assign it to a step or remove it.`, { name: a.id }));
  },
});

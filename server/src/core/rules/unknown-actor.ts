import { actorReferences } from '../model/queries';
import { nearest } from '../text/nearest';
import { found, fileRule } from './types';

/** Silent when no actors are declared at all: `missing-execution-structure` explains that. */
export const unknownActor = fileRule({
  id: 'unknown-actor',
  defaultLevel: 'error',
  summary: '`performer`, `accountable`, `owner` or an exception `owner` names an actor that is not declared.',
  scope: 'file',
  check(unit) {
    if (unit.actors.size === 0) return [];
    const out = [];
    for (const { ref, role } of actorReferences(unit)) {
      if (unit.actors.has(ref.name)) continue;
      const suggestion = nearest(ref.name, unit.actors.keys());
      const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : ` Declare it under \`actors\`.`;
      out.push(found('unknown-actor', ref.span, `\`${ref.name}\` is not a declared actor.${hint}`, { name: ref.name, suggestion, role }));
    }
    return out;
  },
});

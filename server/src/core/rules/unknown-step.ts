import { stepIds } from '../model/queries';
import type { Ref } from '../model/types';
import { nearest } from '../text/nearest';
import { safeNextTargets } from './no-path-to-end';
import { found, fileRule } from './types';

/** `end` may close a flow (`next`, `then`) but is not a place an exception can fire (`at`). */
export const unknownStep = fileRule({
  id: 'unknown-step',
  defaultLevel: 'error',
  summary: '`next`, `at` or `then` names a step that does not exist.',
  scope: 'file',
  check(unit) {
    if (!unit.steps || unit.steps.count === 0) return [];
    const ids = stepIds(unit);
    const refs: { ref: Ref; key: string; endAllowed: boolean; candidates: () => Iterable<string> }[] = [];
    for (const s of unit.steps.items) {
      // A suggestion never sends the step to itself, nor closes a loop with no way out.
      for (const r of s.next ?? []) refs.push({ ref: r, key: 'next', endAllowed: true, candidates: () => safeNextTargets(unit, s, r.span) });
    }
    for (const ex of unit.exceptions) {
      for (const r of ex.at) refs.push({ ref: r, key: 'at', endAllowed: false, candidates: () => ids });
      const at = new Set(ex.at.map((r) => r.name));
      if (ex.then) refs.push({ ref: ex.then, key: 'then', endAllowed: true, candidates: () => [...ids].filter((id) => !at.has(id)) });
    }
    const out = [];
    for (const { ref, key, endAllowed, candidates } of refs) {
      if (ids.has(ref.name) || (endAllowed && ref.name === 'end')) continue;
      const suggestion = nearest(ref.name, candidates());
      const tail = suggestion ? ` Did you mean \`${suggestion}\`?` : endAllowed ? ' Name an existing step, or `end`.' : ' Name the step where the exception can fire.';
      out.push(found('unknown-step', ref.span, `\`${key}\` names \`${ref.name}\`, which is not a step of this unit.${tail}`, { name: ref.name, suggestion, key }));
    }
    return out;
  },
});

import { stepMode } from '../model/queries';
import { found, fileRule } from './types';

/**
 * "Machine steps" in the spec's own terms: steps whose performers are all
 * machines (mode `machine`). A hybrid step has a person in it to catch the
 * odd case; the spec says "machine or hybrid" where it means both.
 */
export const noExceptionRules = fileRule({
  id: 'no-exception-rules',
  defaultLevel: 'info',
  summary: 'The unit has machine steps but no exception rules.',
  scope: 'file',
  check(unit) {
    const steps = unit.steps;
    if (!steps || unit.exceptions.length > 0 || unit.malformed.has('exceptions')) return [];
    const machine = steps.items.filter((s) => stepMode(unit, s) === 'machine');
    if (machine.length === 0) return [];
    const names = machine.map((s) => (s.id ? `\`${s.id}\`` : `step ${s.index + 1}`)).join(', ');
    return [found('no-exception-rules', steps.keySpan, `Machines perform ${names} but the unit has no exception rules: add \`exceptions\` that say when a case leaves the machine, and who handles it.`)];
  },
});

import { performerSummary } from '../model/queries';
import { found, type FileRule } from './types';

/** A step with any machine performer (machine or hybrid) counts: machines meet cases they cannot handle. */
export const noExceptionRules: FileRule = {
  id: 'no-exception-rules',
  defaultLevel: 'info',
  summary: 'The unit has machine steps but no exception rules.',
  scope: 'file',
  check(unit) {
    const steps = unit.steps;
    if (!steps || unit.exceptions.length > 0 || unit.malformed.has('exceptions')) return [];
    const machine = steps.items.filter((s) => {
      const p = performerSummary(unit, s);
      return p.aiAgent || p.automation;
    });
    if (machine.length === 0) return [];
    const names = machine.map((s) => (s.id ? `\`${s.id}\`` : `step ${s.index + 1}`)).join(', ');
    return [found('no-exception-rules', steps.keySpan, `Machines perform ${names} but the unit has no exception rules: add \`exceptions\` that say when a case leaves the machine, and who handles it.`)];
  },
};

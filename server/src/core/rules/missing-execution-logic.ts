import { found, fileRule } from './types';

export const missingExecutionLogic = fileRule({
  id: 'missing-execution-logic',
  defaultLevel: 'error',
  summary: 'No `steps`, or an empty list: the unit does not say how the outcome is produced.',
  scope: 'file',
  check(unit) {
    if (unit.malformed.has('steps') || (unit.steps && unit.steps.count > 0)) return [];
    const what = unit.steps ? 'The `steps` list is empty' : 'No steps';
    return [found('missing-execution-logic', unit.anchor, `${what}: add the \`steps\` that produce the outcome, each with an \`id\`, a \`name\` and a \`performer\` (element 2 of 4).`, { element: 'steps' })];
  },
});

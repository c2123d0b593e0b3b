import { found, fileRule } from './types';

export const missingExecutionStructure = fileRule({
  id: 'missing-execution-structure',
  defaultLevel: 'error',
  summary: 'No `actors` declared: the unit does not say who or what performs the work.',
  scope: 'file',
  check(unit) {
    if (unit.malformed.has('actors') || unit.actors.size > 0) return [];
    return [found('missing-execution-structure', unit.anchor, 'No actors declared: add `actors` — each human, AI agent and automation that performs or owns work, with its `kind` (element 3 of 4).', { element: 'actors' })];
  },
});

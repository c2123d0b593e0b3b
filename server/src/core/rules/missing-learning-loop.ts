import { found, fileRule } from './types';

export const missingLearningLoop = fileRule({
  id: 'missing-learning-loop',
  defaultLevel: 'warning',
  summary: 'No `learning`: the unit has no metrics, baselines, targets or review, so it cannot improve.',
  scope: 'file',
  check(unit) {
    if (unit.malformed.has('learning') || unit.learning) return [];
    return [found('missing-learning-loop', unit.anchor, 'No learning loop: add `learning` with metrics (cycle time, exception rate) that have a baseline and a target, and a review owner — without it the unit will plateau (element 4 of 4).', { element: 'learning' })];
  },
});

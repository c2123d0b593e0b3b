import { ruleMeta } from './types';

/** Produced by the suppression pass (`../config/suppressions.ts`), which alone knows what each comment silenced. */
export const unusedSuppression = ruleMeta({
  id: 'unused-suppression',
  defaultLevel: 'info',
  summary: 'A suppression comment silences nothing, or names a rule that does not exist.',
  scope: 'file',
});

import { found, fileRule } from './types';

export const reviewWithoutOwner = fileRule({
  id: 'review-without-owner',
  defaultLevel: 'warning',
  summary: '`learning.review` is missing or has no `owner`.',
  scope: 'file',
  check(unit) {
    const l = unit.learning;
    if (!l || unit.malformed.has('learning.review')) return [];
    if (!l.review) {
      return [found('review-without-owner', l.keySpan, 'The learning loop has no review: add `review` with a `cadence` and a human `owner` who looks at the metrics and decides on changes.', { block: 'learning' })];
    }
    if (!l.review.owner) {
      return [found('review-without-owner', l.review.keySpan, 'The review has no owner: add `owner:` with the person who reviews the metrics.', { block: 'review' })];
    }
    return [];
  },
});

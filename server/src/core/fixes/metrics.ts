/**
 * A metric's missing `baseline` or `target`. Only the author knows the
 * figure: a snippet selects a stand-in for typing over; plain text writes
 * a `<…>` placeholder. Never preferred: fix-all must not invent data.
 */
import { type FixBuilder } from './common';
import { before, METRIC_KEYS } from './assign';
import { numberToFill } from './elements';
import { upsertKey, writtenMap } from './yamlEdit';

function addNumber(key: 'baseline' | 'target', what: string): FixBuilder {
  return ({ unit, finding, w }) => {
    const metric = unit.learning?.metrics?.items[finding.data?.metric as number];
    const map = metric && writtenMap(unit, metric.span);
    const edits = map && upsertKey(w, map, key, numberToFill(key), before(METRIC_KEYS, key));
    return edits ? [{ title: `Add \`${key}:\` (${what})`, edits }] : [];
  };
}

export function metricBuilders(): Record<string, FixBuilder> {
  return {
    'metric-without-baseline': addNumber('baseline', "today's value"),
    'metric-without-target': addNumber('target', 'the value to reach'),
  };
}

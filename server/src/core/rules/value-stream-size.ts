import { catalogRule, found } from './types';

export const MAX_UNITS_PER_VALUE_STREAM = 10;

export const valueStreamSize = catalogRule({
  id: 'value-stream-size',
  defaultLevel: 'info',
  summary: 'A value stream holds more than ten units (start with five to ten).',
  groupKey: (unit) => unit.valueStream?.value,
  checkGroup(vs, group) {
    if (group.length <= MAX_UNITS_PER_VALUE_STREAM) return [];
    return group.map((e) => ({
      file: e.file,
      finding: found('value-stream-size', e.unit.valueStream!.span, `Value stream \`${vs}\` holds ${group.length} units: more than ${MAX_UNITS_PER_VALUE_STREAM} is hard to govern — start with five to ten and split the stream or merge units.`, { name: vs, count: group.length }),
    }));
  },
});

import { found, type CatalogRule } from './types';

export const MAX_UNITS_PER_VALUE_STREAM = 10;

export const valueStreamSize: CatalogRule = {
  id: 'value-stream-size',
  defaultLevel: 'info',
  summary: 'A value stream holds more than ten units (start with five to ten).',
  scope: 'catalog',
  check(entries) {
    const byStream = new Map<string, typeof entries>();
    for (const e of entries) {
      const vs = e.unit.valueStream?.value;
      if (vs === undefined) continue;
      byStream.set(vs, [...(byStream.get(vs) ?? []), e]);
    }
    const out = [];
    for (const [vs, group] of byStream) {
      if (group.length <= MAX_UNITS_PER_VALUE_STREAM) continue;
      for (const e of group) {
        out.push({ file: e.file, finding: found('value-stream-size', e.unit.valueStream!.span, `Value stream \`${vs}\` holds ${group.length} units: more than ${MAX_UNITS_PER_VALUE_STREAM} is hard to govern — start with five to ten and split the stream or merge units.`, { name: vs, count: group.length }) });
      }
    }
    return out;
  },
};

import { nearest } from '../text/nearest';
import { found, fileRule } from './types';

export const unknownKey = fileRule({
  id: 'unknown-key',
  defaultLevel: 'warning',
  summary: 'A key the format does not define.',
  scope: 'file',
  check(_unit, facts) {
    const out = [];
    for (const p of facts.schema()) {
      if (p.kind !== 'unknown-key' || !p.span || p.key === undefined) continue;
      const suggestion = nearest(p.key, p.allowedKeys ?? []);
      const hint = suggestion
        ? `did you mean \`${suggestion}\`?`
        : `the keys allowed here are ${(p.allowedKeys ?? []).map((k) => `\`${k}\``).join(', ')}.`;
      out.push(found('unknown-key', p.span, `Unknown key \`${p.key}\`: the format does not define it here; ${hint}`, { name: p.key, suggestion, allowed: p.allowedKeys }));
    }
    return out;
  },
});

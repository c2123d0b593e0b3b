/**
 * Hover: every key explains itself (its schema description at that place),
 * and every id or reference shows what it names — an actor with its kind and
 * its work, a step with its mode and accountable human, a metric with its
 * baseline and target. Pure: a model and a UTF-16 offset in, Markdown and
 * the span it describes out.
 */
import type { UnitModel } from '../model/types';
import { locate, type Occurrence } from '../navigation/locate';
import type { Span } from '../text/span';
import { keyDoc, keysAt } from './schemaDocs';
import { mdCode as code } from '../text/markdown';
import { actorSummary, exceptionSummary, metricSummary, stepSummary } from './summaries';

export interface HoverResult {
  markdown: string;
  span: Span;
}

export function hover(unit: UnitModel, offset: number): HoverResult | undefined {
  const hit = locate(unit, offset);
  if (!hit) return endHover(unit, offset);
  if (hit.type === 'key') return { markdown: keyMarkdown(hit.key, hit.path), span: hit.span };
  const markdown = symbolMarkdown(unit, hit.occurrence);
  return markdown ? { markdown, span: hit.occurrence.span } : undefined;
}

function symbolMarkdown(unit: UnitModel, o: Occurrence): string | undefined {
  const at = (s: { idSpan?: Span }) => s.idSpan !== undefined && s.idSpan.start === o.span.start && s.idSpan.end === o.span.end;
  switch (o.kind) {
    case 'actor': {
      const actor = unit.actors.get(o.name);
      return actor ? actorSummary(unit, actor) : notDeclared(o.name, 'actor', `no actor ${code(o.name)} is declared under \`actors\``);
    }
    case 'step': {
      const all = (unit.steps?.items ?? []).filter((s) => s.id === o.name);
      const step = (o.role === 'declaration' ? all.find(at) : undefined) ?? all[0];
      if (!step) return notDeclared(o.name, 'step', `no step has the id ${code(o.name)}`);
      return withDuplicates(stepSummary(unit, step), all.length, 'steps');
    }
    case 'metric': {
      const all = (unit.learning?.metrics?.items ?? []).filter((m) => m.id === o.name);
      const metric = (o.role === 'declaration' ? all.find(at) : undefined) ?? all[0];
      if (!metric) return notDeclared(o.name, 'metric', `no metric ${code(o.name)} is tracked in \`learning.metrics\``);
      return withDuplicates(metricSummary(unit, metric), all.length, 'metrics');
    }
    case 'exception': {
      const ex = unit.exceptions.find(at) ?? unit.exceptions.find((e) => e.id === o.name);
      return ex ? exceptionSummary(unit, ex) : undefined;
    }
  }
}

function notDeclared(name: string, what: string, detail: string): string {
  return `### ${code(name)}\n\nNot declared: ${detail}. This ${what} reference points at nothing.`;
}

function withDuplicates(markdown: string, count: number, what: string): string {
  return count > 1 ? `${markdown}\n\n⚠ ${count} ${what} share this id.` : markdown;
}

function keyMarkdown(key: string, path: string[]): string {
  if (key === '<<') {
    return '### `<<`\n\nYAML merge key: the keys of the aliased mapping are merged into this one; keys written here win.';
  }
  const doc = keyDoc(path);
  if (!doc) {
    const known = keysAt(path.slice(0, -1));
    const hint = known.length > 0 ? ` Keys allowed here: ${known.map((k) => code(k)).join(', ')}.` : '';
    return `### ${code(key)}\n\nNot a key of the work unit format here.${hint}`;
  }
  const lines = [`### ${code(key)}`, '', doc.allowedValues || !doc.title ? `*Key of ${doc.owner}*` : `*Key of ${doc.owner}* · ${doc.title}`];
  if (doc.description) lines.push('', doc.description);
  if (doc.allowedValues) lines.push('', `Allowed values: ${doc.allowedValues.map((v) => code(String(v))).join(', ')}`);
  return lines.join('\n');
}

/** `end` in `next` or `then`: not a step, but worth a word. */
function endHover(unit: UnitModel, offset: number): HoverResult | undefined {
  const refs = [...(unit.steps?.items ?? []).flatMap((s) => s.next ?? []), ...unit.exceptions.flatMap((e) => (e.then ? [e.then] : []))];
  const end = refs.find((r) => r.name === 'end' && offset >= r.span.start && offset <= r.span.end);
  return end ? { markdown: '### `end`\n\nThe work ends here: `end` is the keyword that closes the flow, not a step id.', span: end.span } : undefined;
}

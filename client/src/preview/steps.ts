/**
 * Pure helpers over the diagram's steps, shared by the panel and the webview:
 * what a screen reader hears for a step, which step the editor's cursor is in,
 * and where a step's id sits in the source (what a click on a node selects).
 */
import type { Diagram, DiagramNode } from '../../../server/src/core/diagram/types';

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** E.g. "Step screen — machine, performed by kyc-screener, accountable analyst. Screen identity and sanctions lists." */
export function stepAriaLabel(node: DiagramNode): string {
  const parts = [`Step ${node.step} — ${node.mode}`];
  parts.push(node.performers.length > 0 ? `performed by ${listOf(node.performers)}` : 'no performer');
  if (node.accountable) parts.push('actor' in node.accountable ? `accountable ${node.accountable.actor}` : 'no accountable human');
  const sentences = [parts.join(', ')];
  if (node.label && node.label !== node.step) sentences.push(node.label);
  if (node.isDecision) sentences.push(node.question ? `Decision: ${node.question}` : 'Decision');
  const n = node.findings.length;
  if (n > 0) sentences.push(`${n} ${n === 1 ? 'finding' : 'findings'}`);
  return sentences.map((s) => (/[.?!]$/.test(s) ? s : `${s}.`)).join(' ');
}

/** The step whose source span holds `offset` (the narrowest, when spans nest), or undefined. */
export function stepAt(diagram: Pick<Diagram, 'nodes'>, offset: number): string | undefined {
  let best: DiagramNode | undefined;
  for (const n of diagram.nodes) {
    if (offset < n.source.start || offset > n.source.end) continue;
    if (!best || n.source.end - n.source.start < best.source.end - best.source.start) best = n;
  }
  return best?.step;
}

/**
 * The span to select for a step in `text`: its `id` value when the step's span
 * declares it, else the start of the step. Offsets are clamped to the text, since
 * a stale diagram's spans may be from an older version.
 */
export function stepIdSpan(text: string, node: Pick<DiagramNode, 'step' | 'source'>): { start: number; end: number } {
  const start = Math.max(0, Math.min(node.source.start, text.length));
  const end = Math.max(start, Math.min(node.source.end, text.length));
  const re = /(^|[\s{,])id[ \t]*:[ \t]*(["']?)([^\s"',{}#\]]+)\2/g;
  const body = text.slice(start, end);
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[3] !== node.step) continue;
    const at = start + m.index + m[0].length - m[2]!.length - m[3].length;
    return { start: at, end: at + m[3].length };
  }
  return { start, end: start };
}

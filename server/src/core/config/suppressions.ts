/**
 * Suppression comments, exactly as the spec defines them:
 *
 *   # workunit-disable-next-line RULE[, RULE…] [-- reason]
 *     silences those rules for findings whose range starts on the next line
 *     that is neither blank nor a comment;
 *   # workunit-disable RULE[, RULE…] [-- reason]
 *     silences them in the whole file.
 *
 * `yaml-syntax` cannot be silenced. A name that silences nothing, or names no
 * rule, is itself a finding: `unused-suppression`, at that name.
 */
import type { Comment } from '../parse/parse';
import { canBeSilenced, isRuleId, ruleMeta } from '../rules/registry';
import type { Finding } from '../rules/types';
import type { LineIndex } from '../text/lineIndex';
import type { Span } from '../text/span';
import { DIRECTIVE_MARK } from './directiveMark';
import type { LevelResolver } from './levels';

export interface Directive {
  scope: 'next-line' | 'file';
  /** For `next-line`: the 0-based line it applies to. */
  line?: number;
  names: { name: string; span: Span; used: boolean }[];
}

/** A comment that is a directive: the mark (directiveMark.ts), maybe `-next-line`, then the end, a space or a comma. */
const DIRECTIVE = new RegExp(`^#\\s*${DIRECTIVE_MARK}(-next-line)?(?=[\\s,]|$)`);

export function parseDirectives(comments: Comment[], lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    // The rule list ends at `--` (the reason) or at a further `#` comment.
    let body = c.text.slice(m[0].length);
    const cut = body.search(/--|\s#/);
    if (cut >= 0) body = body.slice(0, cut);
    const names: Directive['names'] = [];
    const re = /[^\s,]+/g;
    for (let n = re.exec(body); n; n = re.exec(body)) {
      const start = c.offset + m[0].length + n.index;
      names.push({ name: n[0], span: { start, end: start + n[0].length }, used: false });
    }
    if (names.length === 0) continue;
    const scope = m[1] ? 'next-line' : 'file';
    out.push({ scope, line: scope === 'next-line' ? nextCodeLine(lines, lines.lineAt(c.offset)) : undefined, names });
  }
  return out;
}

/** The first line after `line` that is neither blank nor a comment (spec 1.1). */
function nextCodeLine(lines: LineIndex, line: number): number {
  let l = line + 1;
  while (l < lines.lineCount && /^\s*(#|$)/.test(lines.lineText(l))) l++;
  return l;
}

/**
 * Drops the findings the directives silence and returns them with the
 * `unused-suppression` findings for every name that silenced nothing.
 */
export function applySuppressions(
  findings: Finding[],
  directives: Directive[],
  lines: LineIndex,
  levels: LevelResolver,
  checked: { catalog?: boolean; measured?: boolean } = {},
): Finding[] {
  if (directives.length === 0) return findings;
  const silenced = (f: Finding): boolean => {
    if (!canBeSilenced(f.rule)) return false;
    let hit = false;
    const line = lines.lineAt(f.span.start);
    for (const d of directives) {
      if (d.scope === 'next-line' && d.line !== line) continue;
      for (const n of d.names) {
        if (n.name === f.rule) {
          n.used = true;
          hit = true;
        }
      }
    }
    return hit;
  };
  const kept = findings.filter((f) => !silenced(f));
  const severity = levels.severity('unused-suppression');
  if (!severity) return kept;
  const unused: Finding[] = [];
  for (const d of directives) {
    for (const n of d.names) {
      if (n.used) continue;
      const meta = ruleMeta(n.name);
      // Catalog rules are only known across files; a file checked alone cannot judge them. Measured rules are known
      // once the log is measured: before that (or where nothing measures, as in `workunit lint`) neither.
      if (meta?.scope === 'catalog' && !checked.catalog) continue;
      if (meta?.scope === 'measured' && !checked.measured) continue;
      const message = !isRuleId(n.name)
        ? `\`${n.name}\` is not a rule id: this suppression silences nothing. Check the spelling, or remove it.`
        : !canBeSilenced(n.name)
          ? `\`${n.name}\` cannot be silenced: remove this suppression and fix what it reports instead.`
          : `Nothing here reports \`${n.name}\`${d.scope === 'next-line' ? ' on the next line' : ''}: this suppression silences nothing. Remove it.`;
      unused.push({ rule: 'unused-suppression', severity, message, span: n.span, data: { name: n.name } });
    }
  }
  // `# workunit-disable unused-suppression` silences these too.
  return [...kept, ...unused.filter((f) => !silenced(f))];
}

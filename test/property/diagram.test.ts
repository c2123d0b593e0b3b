/**
 * The boundary diagram of damaged units: the layout never throws (on the
 * model of any text, parsing or not), every number it computes is finite,
 * and the SVG and HTML renderers never throw on it and write well-formed
 * markup (balanced tags, no character XML forbids, no NaN in a geometry
 * attribute). The text helpers keep what they fit within its width.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/core/analyze';
import { layoutDiagram, renderHtml, renderSvg } from '../../server/src/core/diagram';
import { textWidth, wrapAll } from '../../server/src/core/diagram/text';
import { mutatedUnit, propertyOptions } from '../support/mutate';

/** Every number in a value, with its path. */
function numbersIn(value: unknown, path: string, out: { path: string; n: number }[] = []): { path: string; n: number }[] {
  if (typeof value === 'number') out.push({ path, n: value });
  else if (Array.isArray(value)) value.forEach((x, i) => numbersIn(x, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, x] of Object.entries(value)) numbersIn(x, `${path}.${k}`, out);
  return out;
}

/** Characters XML 1.0 does not allow anywhere in a document. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const GEOMETRY = /\s(?:x|y|x1|y1|x2|y2|cx|cy|r|rx|ry|width|height|points|d|transform|viewBox)="([^"]*)"/g;

/** Throws unless the markup's tags balance, every `<` opens a tag, and geometry attributes hold numbers. */
function assertWellFormed(markup: string, what: string): void {
  const bad = NOT_XML.exec(markup);
  assert.equal(bad, null, `${what}: a character XML forbids (U+${bad?.[0].charCodeAt(0).toString(16)}) at ${bad?.index}`);
  for (const m of markup.matchAll(GEOMETRY)) assert.ok(!/NaN|Infinity|undefined/.test(m[1]), `${what}: ${m[0].trim()}`);
  const body = markup.replace(/<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->/g, '');
  const stack: string[] = [];
  const VOID = new Set(['meta', 'link', 'br', 'img', 'input']);
  const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while ((i = body.indexOf('<', i)) >= 0) {
    TAG.lastIndex = i;
    const m = TAG.exec(body);
    assert.ok(m, `${what}: a \`<\` that opens no tag: ${JSON.stringify(body.slice(i, i + 60))}`);
    const [, close, name, , self] = m;
    if (close) assert.equal(stack.pop(), name, `${what}: </${name}> closes another tag`);
    else if (!self && !VOID.has(name)) stack.push(name);
    i = TAG.lastIndex;
  }
  assert.deepEqual(stack, [], `${what}: tags left open`);
}

describe('property: boundary diagram of mutated units', () => {
  it('layout never throws, all its numbers are finite; SVG and HTML render well-formed', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedUnit(), mutatedUnit({ parsing: true })), ({ text }) => {
        const { unit, findings } = analyzeText(text);
        const d = layoutDiagram(unit, findings);
        for (const { path, n } of numbersIn(d, 'diagram')) assert.ok(Number.isFinite(n), `${path} is ${n}`);
        assertWellFormed(renderSvg(d), 'svg');
        // The page embeds the SVG with standalone: false.
        assertWellFormed(renderHtml(d, { theme: 'dark' }), 'html');
        for (const label of [d.title, d.statement ?? '', ...d.nodes.map((n) => n.label), ...d.lanes.map((l) => l.label)]) {
          for (const width of [0, 40, 160]) {
            // Wrapping never loses a character (blanks aside) and never makes a line wider than asked, unless one character is.
            const lines = wrapAll(label, width, 12);
            assert.equal(lines.join('').replace(/\s/g, ''), label.replace(/\s/g, ''), `wrapAll(${JSON.stringify(label)}, ${width}) keeps every character`);
            for (const line of lines) assert.ok(textWidth(line, 12) <= width || [...line].length === 1, `wrapAll(${JSON.stringify(label)}, ${width}): ${JSON.stringify(line)} is too wide`);
          }
        }
      }),
      propertyOptions('layoutDiagram + renderSvg/renderHtml: finite, well-formed', 800),
    );
  });
});

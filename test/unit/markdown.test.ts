/** The one Markdown helper: escaped text, fenced code spans, and the plain text read back. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { markdownToPlainText, mdCode, mdText } from '../../server/src/core/text/markdown';

const md = new MarkdownIt({ html: true, linkify: true });
/** What a reader sees: the rendered inline text, tags stripped and entities decoded. */
const rendered = (markdown: string) =>
  md
    .renderInline(markdown)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('core/text/markdown', () => {
  const hostile = ['[x](command:a.b)', '![i](https://e.example/p.png)', '<b>bold</b>', 'https://evil.example/a?b=c', 'www.evil.example', 'mail@evil.example', '*a* _b_ ~~c~~', '- item', '+ item', '1. item', '&amp; &#x41;', '`code` ``x``', 'a | b', '$x^2$ {y}'];

  it('mdText: renders exactly the text it was given, as text (no link, image, HTML, emphasis, list or entity)', () => {
    for (const s of hostile) {
      const m = mdText(s);
      assert.doesNotMatch(md.render(m), /<(a|img|b|em|strong|s|li|code)\b/, `${s} → ${m}`);
      assert.equal(rendered(m), s, s);
    }
  });

  it('mdText: a line break cannot start a block', () => {
    assert.doesNotMatch(md.render(`x ${mdText('a\n# heading\n\n- item\n<div>')}`), /<(h1|li|div)/);
  });

  it('mdCode: a fence longer than any backtick run inside, one line, the text intact', () => {
    for (const s of ['ghost``[x](command:workbench.action.terminal.new)``', '`start', 'end`', 'a\nb', 'plain']) {
      const m = mdCode(s);
      const html = md.renderInline(m);
      assert.match(html, /^<code>[^]*<\/code>$/, `${s} → ${m}`);
      assert.equal(rendered(m), s.replace(/\s+/g, ' '), s);
    }
    assert.equal(mdCode(''), '');
    assert.equal(mdCode('a|b', { inTable: true }), '`a\\|b`');
  });

  it('markdownToPlainText: reads back the text of what the helpers built', () => {
    for (const s of hostile) assert.equal(markdownToPlainText(mdText(s)), s);
    assert.equal(markdownToPlainText(`### Actor ${mdCode('a``b')}\n\n- kind: **human**\n- role: ${mdText('Lead *ops*')}`), 'Actor a``b\n\n- kind: human\n- role: Lead *ops*');
  });
});

/**
 * Markdown built from file content is safe: the injection unit — HTML
 * payloads, and Markdown ones (command links, remote images, raw HTML, bare
 * URLs, a backtick run that ends a code span, a line break before a heading)
 * in every free-text field and in the ids every reference repeats — goes
 * through every feature that answers in Markdown: hover at every word,
 * completion (the actors' documentation), the catalog report. Each answer is
 * rendered by markdown-it with linkify, as a client that trusts Markdown
 * would, and must hold no link, image, HTML or heading of the file's making.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { INJECTION_UNIT, MARKDOWN_INJECTION_UNIT } from '../support/injection';
import { TestClient } from '../support/lspClient';

const md = new MarkdownIt({ html: true, linkify: true });

/** What a renderer made of a Markdown text that only a file could have put there. */
function liveMarkup(markdown: string): string[] {
  const found: string[] = [];
  const tokens = md.parse(markdown, {});
  const walk = (list: typeof tokens) => {
    for (const t of list) {
      if (t.type === 'link_open') found.push(`link to ${t.attrGet('href')}`);
      if (t.type === 'image') found.push(`image ${t.attrGet('src')}`);
      if (t.type === 'html_inline' || t.type === 'html_block') found.push(`HTML ${t.content.trim()}`);
      if (t.children) walk(t.children);
    }
  };
  walk(tokens);
  // A heading the file started (its payload's line break, then `# heading …`).
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open' && /^heading /.test(tokens[i + 1]?.content ?? '')) found.push(`heading ${tokens[i + 1].content}`);
  });
  const html = md.render(markdown);
  if (/command:/.test(html.replace(/<code>[^<]*<\/code>/g, '').replace(/\[click [^\]]*\]\(command:[\w.]+\)|\[x\]\(command:evil\)/g, ''))) found.push('command: outside a code span or literal text');
  return found;
}

/** Positions at the start of each word of the text. */
function wordStarts(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/[^\s:{},[\]"]+/g)) out.push({ line: i, character: m.index! + 1 });
  });
  return out;
}

describe('no Markdown injection from file content', () => {
  let client: TestClient;
  let folder: string;
  const units = [
    ['html-payloads.workunit.yaml', INJECTION_UNIT],
    ['markdown-payloads.workunit.yaml', MARKDOWN_INJECTION_UNIT],
  ];
  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'workunit-injection-'));
    for (const [name, text] of units) writeFileSync(join(folder, name), text);
    client = new TestClient();
    await client.initialize(folder);
    for (const [name, text] of units) await client.open(pathToFileURL(join(folder, name)).href, text);
  });
  after(() => client.shutdown());

  it('renders the markdown-it way: the check itself sees a link, an image, HTML and a linkified URL', () => {
    const found = liveMarkup('[a](command:x) ![i](https://e.example/p.png) <b>x</b> https://evil.example\n# heading x').join('\n');
    for (const kind of [/^link to command:x$/m, /^image https:\/\/e\.example\/p\.png$/m, /^HTML <b>$/m, /^link to https:\/\/evil\.example$/m, /^heading heading x$/m, /command:/]) assert.match(found, kind);
  });

  it('hover, at every word of both units', async () => {
    let answers = 0;
    for (const [name, text] of units) {
      const uri = pathToFileURL(join(folder, name)).href;
      for (const position of wordStarts(text)) {
        const h = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover | null;
        if (!h) continue;
        answers++;
        const value = (h.contents as MarkupContent).value;
        assert.deepEqual(liveMarkup(value), [], `hover at ${JSON.stringify(position)} in ${name}:\n${value}`);
      }
    }
    assert.ok(answers > 40, `${answers} hovers`);
  });

  it('completion documentation, where references are offered', async () => {
    let documented = 0;
    for (const [name, text] of units) {
      const uri = pathToFileURL(join(folder, name)).href;
      const lines = text.split('\n');
      for (let line = 0; line < lines.length; line++) {
        const m = /"(performer|accountable|owner|at|then)": "?/.exec(lines[line]);
        if (!m) continue;
        const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: m.index + m[0].length } })) as CompletionItem[] | null;
        for (const item of items ?? []) {
          const doc = item.documentation;
          if (!doc) continue;
          documented++;
          assert.deepEqual(liveMarkup(typeof doc === 'string' ? doc : doc.value), [], `${item.label}: ${JSON.stringify(doc)}`);
        }
      }
    }
    assert.ok(documented > 3, `${documented} documented items`);
  });

  it('the catalog report', async () => {
    const { markdown } = (await client.connection.sendRequest('workunit/catalogReport', {})) as { markdown: string };
    assert.match(markdown, /injection-probe/);
    assert.deepEqual(liveMarkup(markdown), []);
  });
});

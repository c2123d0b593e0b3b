/**
 * The extension makes no network requests at run time. Checked on the
 * production bundles a user installs: every URL written in them is either a
 * documentation link (shown to the user, opened only by the user) or a name
 * that is never fetched (JSON Schema ids, the SVG namespace); and no bundle
 * loads Node's HTTP/TLS/DNS modules or calls a browser networking API.
 * A new dependency that phones home, or a URL typed into the code, fails here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DOCS_BASE } from '../../server/src/core/rules/registry';

const BUNDLES = ['extension.js', 'server.js', 'cli.js', 'webview.js'];
const REPOSITORY = 'https://github.com/work-unit-studio/work-unit-studio';

/** URLs that are names, not addresses: nothing ever fetches them. */
const NEVER_FETCHED: Record<string, string> = {
  'http://www.w3.org/2000/svg': 'the SVG namespace of the diagram',
  'http://json-schema.org/draft-07/schema#': "the JSON Schema dialect of our schema (its `$schema`, in the compiled validator)",
  'https://work-unit-studio.dev/schemas/workunit.schema.json': "the $id of our own schema (bundled)",
  'https://json.schemastore.org/sarif-2.1.0.json': 'the $schema written into SARIF output (a name for readers)',
  // XML namespace names of BPMN 2.0 and its diagram interchange, in bpmn-moddle's bundled meta-models (BPMN import and export).
  'http://www.omg.org/spec/BPMN/20100524/MODEL': 'the BPMN 2.0 namespace',
  'http://www.omg.org/spec/BPMN/20100524/DI': 'the BPMN diagram interchange namespace',
  'http://www.omg.org/spec/DD/20100524/DC': 'the diagram definition namespace (bounds, points)',
  'http://www.omg.org/spec/DD/20100524/DI': 'the diagram interchange namespace',
  'http://www.omg.org/spec/BPMN/non-normative/color/1.0': 'the BPMN colour extension namespace',
  'http://bpmn.io/schema/bpmn': "bpmn.io's namespace, also the exported definitions' targetNamespace",
  'http://bpmn.io/schema/bpmn/biocolor/1.0': "bpmn.io's colour extension namespace",
  'http://www.w3.org/2001/XMLSchema': 'the XML Schema namespace',
  'http://www.w3.org/2001/XMLSchema-instance': 'the XML Schema instance namespace (xsi:type)',
  'http://www.w3.org/XML/1998/namespace': 'the xml: prefix namespace',
  'http://www.w3.org/2000/xmlns/': 'the xmlns: prefix namespace (saxes, which reads XES logs)',
  'http://www.w3.org/1999/XPath': 'the default expression language of BPMN',
};

/** Links shown to people (rule docs, the repository): opened by a click, never by the code. */
const isDocsLink = (url: string) => url.startsWith(DOCS_BASE) || url === REPOSITORY;

let dir: string;
const bundle = (name: string) => readFileSync(join(dir, 'dist', name), 'utf8');
const urlsIn = (name: string): string[] => bundle(name).match(/\b(?:https?|wss?|ftp):\/\/[^\s"'`)<>\\]*/g) ?? [];

describe('no network at run time (production bundles)', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'workunit-bundles-'));
    const r = spawnSync(process.execPath, [resolve('scripts/build.mjs'), '--production', `--outdir=${join(dir, 'dist')}`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of BUNDLES) {
    it(`${name}: every URL is a docs link or a name that is never fetched`, () => {
      const urls = new Set(urlsIn(name));
      const unexplained = [...urls].filter((u) => !(u in NEVER_FETCHED) && !isDocsLink(u));
      assert.deepEqual(unexplained, [], `URLs in ${name} that are neither docs links nor known names`);
    });

    it(`${name}: loads no HTTP, TLS or DNS module and calls no browser networking API`, () => {
      const text = bundle(name);
      const modules = [...text.matchAll(/require\("(?:node:)?(https?|http2|tls|dns|dgram)"\)/g)].map((m) => m[1]);
      assert.deepEqual(modules, []);
      for (const api of ['XMLHttpRequest', 'WebSocket', 'EventSource', 'sendBeacon', 'globalThis.fetch', 'window.fetch', 'self.fetch']) {
        assert.ok(!text.includes(api), `${name} mentions ${api}`);
      }
      // A call of the global fetch (our own methods named `fetch` are called as `x.fetch(`, defined as `fetch(…){`).
      const calls = [...text.matchAll(/(?<![.\w$])fetch\(([^)]*)\)(?!\s*\{)/g)].map((m) => m[0]);
      assert.deepEqual(calls, []);
    });
  }

  it('the allow-list has no stale entries: each name is still in some bundle', () => {
    // Found as the URL test finds them (a prefix of another URL is not still there).
    const all = new Set(BUNDLES.flatMap(urlsIn));
    for (const url of Object.keys(NEVER_FETCHED)) assert.ok(all.has(url), `${url} is no longer bundled: remove it from the list`);
  });
});

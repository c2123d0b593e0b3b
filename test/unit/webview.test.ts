/**
 * The boundary preview's trust boundary, without VS Code: the message
 * validators (every well-formed message passes, anything else is dropped), the
 * page the panel sets (strict CSP with the nonce, one script by `src`, no inline
 * handlers, no unit text), and the pure helpers the panel and the page share
 * (spoken labels, cursor → step, step → id span, request coalescing).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { layoutDiagram } from '../../server/src/core/diagram/layout';
import type { Diagram, DiagramLane, DiagramNode } from '../../server/src/core/diagram/types';
import { Coalescer } from '../../client/src/preview/coalesce';
import { contentSecurityPolicy, makeNonce, previewHtml, STALE_BANNER } from '../../client/src/preview/html';
import { isDiagram, isHostMessage, isWebviewMessage, isWebviewState, MAX_ZOOM, MIN_ZOOM, persistedUri } from '../../client/src/preview/messages';
import { stepAriaLabel, stepAt, stepIdSpan } from '../../client/src/preview/steps';
import { ALL_COMPLETE } from '../support/examples';

const ROOT = join(__dirname, '..', '..');
const ONBOARDING = readFileSync(join(ROOT, 'examples', 'onboarding-review.workunit.yaml'), 'utf8');

/** The span of the list item `- id: <id>` in `text`, up to the next item or top-level key. */
function itemSpan(text: string, id: string): { start: number; end: number } {
  const start = text.indexOf(`  - id: ${id}\n`);
  assert.ok(start >= 0, `no step ${id}`);
  const rest = text.slice(start + 1);
  const next = rest.search(/\n(  - |\S)/);
  return { start: start + 2, end: start + 1 + next };
}

/** A real layout, for the geometry the samples below borrow (text blocks, boxes). */
const BASE: Diagram = (() => {
  const a = analyzeText(ONBOARDING);
  return layoutDiagram(a.unit, a.findings);
})();
const BLOCK = BASE.nodes[0]!.texts.label;
const BOX = { x: 300, y: 200, width: 172, height: 68 };

function node(step: string, over: Partial<DiagramNode> = {}): DiagramNode {
  return {
    step,
    index: 0,
    label: step,
    mode: 'machine',
    isDecision: false,
    performers: ['kyc-screener'],
    lanes: ['kyc-screener'],
    straddles: false,
    ...BOX,
    texts: { id: BLOCK, label: BLOCK },
    chips: [],
    badges: [],
    accountable: { actor: 'analyst' },
    links: [],
    findings: [],
    ...over,
    source: over.source ?? itemSpan(ONBOARDING, step),
  };
}

/** A small diagram that uses every optional field and every union member the contract has. */
function sampleDiagram(): Diagram {
  const lane = (actor: string, kind: DiagramLane['kind'], band: DiagramLane['band'], detail?: string): DiagramLane => ({
    ...BASE.lanes[0]!,
    actor,
    kind,
    band,
    label: actor,
    ...(detail !== undefined ? { detail } : {}),
    texts: detail !== undefined ? { label: BLOCK, kind: BLOCK, detail: BLOCK } : { label: BLOCK, kind: BLOCK },
  });
  return {
    ...BASE,
    title: 'Customer onboarding case review',
    unitId: 'onboarding-review',
    statement: 'Customer onboarding case reviewed and decision issued within 24 hours',
    within: 'customer-onboarding',
    elements: { ...ALL_COMPLETE, states: { ...ALL_COMPLETE.states }, lines: [...ALL_COMPLETE.lines] },
    metrics: [{ id: 'cycle-time', kind: 'cycle-time', unit: 'hours', baseline: 40, target: 24 }, { id: 'bare' }],
    orientation: 'vertical',
    width: 1240,
    height: 640,
    bands: [
      { band: 'human', strip: BOX, name: BLOCK, rotated: true },
      { band: 'neutral', strip: BOX, rotated: false },
    ],
    lanes: [lane('analyst', 'human', 'human', 'Compliance analyst'), lane('kyc-screener', 'ai-agent', 'machine'), lane('~unassigned', 'unknown', 'neutral')],
    nodes: [
      node('intake', { mode: 'human', performers: ['crm'], accountable: undefined, texts: { id: BLOCK, label: BLOCK, duration: BLOCK }, expectedDuration: '1m' }),
      node('screen', {
        index: 1,
        label: 'Screen identity and sanctions lists',
        links: [
          { kind: 'accountable', actor: 'analyst', points: [{ x: 1, y: 2 }, { x: 1, y: 9 }], text: BLOCK },
          { kind: 'handoff', actor: 'analyst', exception: 'screening-hit', points: [{ x: 1, y: 2 }, { x: 1, y: 9 }], text: BLOCK },
        ],
      }),
      node('decide', {
        index: 2,
        mode: 'hybrid',
        straddles: true,
        isDecision: true,
        question: 'Is the risk acceptable?',
        performers: ['analyst', 'kyc-screener'],
        lanes: ['analyst', 'kyc-screener'],
        texts: { id: BLOCK, label: BLOCK, question: BLOCK, accountable: BLOCK },
        split: { people: BOX, machines: BOX, machineKind: 'ai-agent', line: [{ x: 1, y: 2 }, { x: 3, y: 2 }] },
        chips: [{ actor: 'crm', kind: 'automation', box: BOX, glyph: BOX, text: BLOCK }],
        badges: [
          { severity: 'warning', rule: 'decision-without-human', tip: 'm', text: '!', cx: 1, cy: 2 },
          { severity: 'error', tip: 'a\nb', text: '+2', cx: 1, cy: 2 },
        ],
        findings: [{ rule: 'decision-without-human', severity: 'warning', message: 'm' }],
      }),
      node('notify', { index: 3, mode: 'unassigned', performers: [], lanes: ['~unassigned'], accountable: { missing: true }, gap: { outline: BOX, pill: BOX, text: BLOCK } }),
    ],
    edges: [
      { from: 'intake', to: 'screen', kind: 'next', points: [{ x: 1, y: 2 }, { x: 3, y: 4 }], crossing: true, marker: { x: 2, y: 3 }, branch: 'approved', text: BLOCK },
      { from: 'screen', to: 'end', kind: 'exception', points: [], crossing: false, exception: { id: 'screening-hit', when: 'hit', owner: 'analyst' } },
      { from: 'decide', to: 'notify', kind: 'fall-through', points: [], crossing: false, exception: { id: 'x' } },
      { from: 'notify', to: 'archive', kind: 'next', points: [], crossing: false, dangling: true },
    ],
    ends: [{ x: 5, y: 6 }],
    crossings: [
      { from: 'intake', to: 'screen', via: 'flow' },
      { from: 'screen', to: 'analyst', via: 'exception', exception: 'screening-hit' },
    ],
    handoffs: [{ exception: 'screening-hit', at: 'screen', owner: 'analyst' }],
    notes: [BLOCK],
  };
}

/** JSON round trip: what actually crosses postMessage (undefined fields vanish). */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const URI = 'file:///catalog/onboarding-review.workunit.yaml';
const diagramMsg = (over: Record<string, unknown> = {}) => ({ type: 'diagram', uri: URI, diagram: wire(sampleDiagram()), stale: false, version: 3, ...over });

describe('webview → host messages', () => {
  const good: unknown[] = [
    { type: 'ready' },
    { type: 'reveal', step: 'screen' },
    { type: 'reveal', step: '#3' },
    { type: 'exportSvg' },
    { type: 'state', uri: URI, zoom: 1 },
    { type: 'state', uri: URI, zoom: MIN_ZOOM },
    { type: 'state', uri: URI, zoom: MAX_ZOOM },
    { type: 'size', width: 780, height: 900 },
    { type: 'size', width: 0, height: 0 },
  ];

  it('accepts every well-formed message, also after a JSON round trip and without a prototype', () => {
    for (const m of good) {
      assert.ok(isWebviewMessage(m), JSON.stringify(m));
      assert.ok(isWebviewMessage(wire(m)), `wire ${JSON.stringify(m)}`);
      assert.ok(isWebviewMessage(Object.assign(Object.create(null), m)), `null-prototype ${JSON.stringify(m)}`);
    }
  });

  it('rejects what is not an object', () => {
    for (const m of [undefined, null, 0, 'ready', true, [], [{ type: 'ready' }], () => ({ type: 'ready' })]) assert.equal(isWebviewMessage(m), false, String(m));
  });

  it('rejects unknown types, including host types and near misses', () => {
    for (const type of ['Ready', 'ready ', 'diagram', 'highlight', 'error', 'eval', 'toString', 'constructor', '__proto__', 'hasOwnProperty', '', 1, null, undefined]) {
      assert.equal(isWebviewMessage({ type }), false, String(type));
    }
    assert.equal(isWebviewMessage({}), false);
  });

  it('rejects missing fields and fields of the wrong type', () => {
    const bad: unknown[] = [
      { type: 'reveal' },
      { type: 'reveal', step: '' },
      { type: 'reveal', step: 3 },
      { type: 'reveal', step: null },
      { type: 'reveal', step: ['screen'] },
      { type: 'reveal', step: { toString: () => 'screen' } },
      { type: 'state', uri: URI },
      { type: 'state', zoom: 1 },
      { type: 'state', uri: '', zoom: 1 },
      { type: 'state', uri: URI, zoom: '1' },
      { type: 'state', uri: URI, zoom: Number.NaN },
      { type: 'state', uri: URI, zoom: Number.POSITIVE_INFINITY },
      { type: 'state', uri: URI, zoom: 0 },
      { type: 'state', uri: URI, zoom: -1 },
      { type: 'state', uri: URI, zoom: MAX_ZOOM * 2 },
      { type: 'state', uri: 42, zoom: 1 },
      { type: 'reveal', step: 'x'.repeat(10_001) },
      { type: 'size', width: 780 },
      { type: 'size', width: -1, height: 900 },
      { type: 'size', width: '780', height: 900 },
      { type: 'size', width: Number.NaN, height: 900 },
      { type: 'size', width: 780, height: 900, zoom: 1 },
    ];
    for (const m of bad) assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
  });

  it('rejects extra fields', () => {
    for (const m of [
      { type: 'ready', step: 'screen' },
      { type: 'exportSvg', path: '/etc/passwd' },
      { type: 'reveal', step: 'screen', line: 3 },
      { type: 'state', uri: URI, zoom: 1, x: 0 },
      { type: 'ready', extra: undefined },
    ]) {
      assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
    }
  });

  it('rejects prototype tricks: __proto__ keys, inherited fields, accessors, symbols, class instances', () => {
    // A JSON `__proto__` key is an own property, as it is when such a message is parsed.
    assert.equal(isWebviewMessage(JSON.parse('{"type":"ready","__proto__":{"polluted":true}}')), false);
    assert.equal(isWebviewMessage(JSON.parse('{"type":"reveal","step":"screen","__proto__":{"step":"x"}}')), false);
    assert.equal(isWebviewMessage(JSON.parse('{"type":"ready","constructor":{"prototype":{"polluted":true}}}')), false);
    // The type only inherited, not own.
    assert.equal(isWebviewMessage(Object.create({ type: 'ready' })), false);
    assert.equal(isWebviewMessage({ __proto__: { type: 'ready' } }), false);
    const withStep = Object.create({ step: 'screen' }) as Record<string, unknown>;
    withStep.type = 'reveal';
    assert.equal(isWebviewMessage(withStep), false);
    // An accessor answers differently each time it is read.
    let reads = 0;
    assert.equal(isWebviewMessage({ get type() { return reads++ === 0 ? 'ready' : 'exportSvg'; } }), false);
    assert.equal(isWebviewMessage(Object.defineProperty({ type: 'reveal' }, 'step', { value: 'screen', enumerable: false })), false);
    assert.equal(isWebviewMessage({ type: 'ready', [Symbol('x')]: 1 }), false);
    class Ready {
      type = 'ready';
    }
    assert.equal(isWebviewMessage(new Ready()), false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('host → webview messages', () => {
  it('accepts every well-formed message', () => {
    for (const m of [
      diagramMsg(),
      diagramMsg({ stale: true, version: 0 }),
      { type: 'highlight', step: 'screen' },
      { type: 'highlight', step: null },
      { type: 'error', message: 'nothing parsed yet' },
      { type: 'error', message: '' },
    ]) {
      assert.ok(isHostMessage(m), JSON.stringify(m).slice(0, 80));
      assert.ok(isHostMessage(wire(m)));
    }
    assert.ok(isDiagram(sampleDiagram()), 'with undefined optional fields, before the wire');
  });

  it('rejects a wrong envelope', () => {
    for (const m of [
      diagramMsg({ stale: 'false' }),
      diagramMsg({ stale: undefined }),
      diagramMsg({ version: -1 }),
      diagramMsg({ version: 1.5 }),
      diagramMsg({ version: '3' }),
      diagramMsg({ uri: '' }),
      diagramMsg({ uri: undefined }),
      diagramMsg({ diagram: undefined }),
      diagramMsg({ diagram: null }),
      diagramMsg({ diagram: '<svg/>' }),
      diagramMsg({ svg: '<svg/>' }),
      { type: 'highlight' },
      { type: 'highlight', step: '' },
      { type: 'highlight', step: 2 },
      { type: 'error' },
      { type: 'error', message: { text: 'x' } },
      { type: 'ready' },
      { type: 'reveal', step: 'screen' },
      { type: 'html', html: '<script>alert(1)</script>' },
    ]) {
      assert.equal(isHostMessage(m), false, JSON.stringify(m).slice(0, 120));
    }
  });

  it('checks the diagram field by field: missing, extra and mistyped fields anywhere are rejected', () => {
    const mutations: [string, (d: Record<string, any>) => void][] = [
      ['no title', (d) => delete d.title],
      ['title a number', (d) => (d.title = 7)],
      ['extra top-level field', (d) => (d.script = 'alert(1)')],
      ['width NaN', (d) => (d.width = Number.NaN)],
      ['lanes not an array', (d) => (d.lanes = {})],
      ['lane kind unknown', (d) => (d.lanes[0].kind = 'robot')],
      ['lane band wrong', (d) => (d.lanes[0].band = 'both')],
      ['lane detail a number', (d) => (d.lanes[0].detail = 1)],
      ['node without source', (d) => delete d.nodes[0].source],
      ['node source end a string', (d) => (d.nodes[0].source.end = '9')],
      ['node step empty', (d) => (d.nodes[0].step = '')],
      ['node mode unknown', (d) => (d.nodes[0].mode = 'robot')],
      ['node performers with a number', (d) => (d.nodes[1].performers = ['a', 1])],
      ['node extra field', (d) => (d.nodes[1].onclick = 'x')],
      ['accountable missing: false', (d) => (d.nodes[3].accountable = { missing: false })],
      ['accountable both shapes', (d) => (d.nodes[1].accountable = { actor: 'a', laneY: 1, missing: true })],
      ['finding severity unknown', (d) => (d.nodes[2].findings[0].severity = 'fatal')],
      ['edge kind unknown', (d) => (d.edges[0].kind = 'jump')],
      ['edge point x a string', (d) => (d.edges[0].points[0].x = '1')],
      ['edge exception without id', (d) => delete d.edges[1].exception.id],
      ['crossing via unknown', (d) => (d.crossings[0].via = 'air')],
      ['handoff without owner', (d) => delete d.handoffs[0].owner],
      ['elements count a float', (d) => (d.elements.count = 3.5)],
      ['metric baseline a string', (d) => (d.metrics[0].baseline = '40')],
      ['a node is null', (d) => (d.nodes[2] = null)],
      ['nodes is a sparse array', (d) => (d.nodes.length = 10)],
      ['orientation unknown', (d) => (d.orientation = 'diagonal')],
      ['text block line a number', (d) => (d.nodes[0].texts.label.lines = [1])],
      ['text block without its box', (d) => delete d.header.title.box],
      ['edge branch a number', (d) => (d.edges[0].branch = 1)],
      ['edge dangling false', (d) => (d.edges[3].dangling = false)],
      ['lane band neither', (d) => (d.lanes[2].band = 'none')],
      ['split line of three points', (d) => d.nodes[2].split.line.push({ x: 0, y: 0 })],
      ['link kind unknown', (d) => (d.nodes[1].links[0].kind = 'owner')],
      ['badge severity hint', (d) => (d.nodes[2].badges[0].severity = 'hint')],
    ];
    for (const [what, mutate] of mutations) {
      const d = wire(sampleDiagram()) as unknown as Record<string, any>;
      mutate(d);
      assert.equal(isDiagram(d), false, what);
      assert.equal(isHostMessage(diagramMsg({ diagram: d })), false, what);
    }
  });

  it('rejects a __proto__ key nested in the diagram', () => {
    const json = JSON.stringify(diagramMsg()).replace('"step":"screen"', '"step":"screen","__proto__":{"polluted":true}');
    assert.ok(json.includes('__proto__'));
    assert.equal(isHostMessage(JSON.parse(json)), false);
    const json2 = JSON.stringify(diagramMsg()).replace('"title":', '"__proto__":{"nodes":[]},"title":');
    assert.equal(isHostMessage(JSON.parse(json2)), false);
  });
});

describe('the layout and the validator agree (the contract, end to end)', () => {
  const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.workunit.yaml'));
  const broken = ['', 'workunit: 1\nsteps:\n  - id: a\n    performer: [x\n', 'steps:\n  - performer: bot\n  - {}\n', 'workunit: 1\nid: "<script>alert(1)</script>"\nsteps: [{ id: "a\\u0000b", name: "x\\" onload=\\"y" }]\n'];

  it('every diagram the layout draws from the examples passes as a diagram message, over the wire', () => {
    assert.ok(examples.length >= 3);
    for (const f of examples) {
      const a = analyzeText(readFileSync(join(ROOT, 'examples', f), 'utf8'));
      const d = layoutDiagram(a.unit, a.findings);
      assert.ok(isDiagram(wire(d)), f);
      assert.ok(isHostMessage({ type: 'diagram', uri: `file:///${f}`, diagram: wire(d), stale: false, version: 1 }), f);
      // Every step is a node the page can label and reveal.
      for (const n of d.nodes) assert.ok(stepAriaLabel(n).startsWith(`Step ${n.step} — ${n.mode}`));
    }
  });

  it('so do the diagrams of half-written and hostile units', () => {
    for (const text of broken) {
      const a = analyzeText(text);
      assert.ok(isDiagram(wire(layoutDiagram(a.unit, a.findings))), JSON.stringify(text));
    }
  });

  it('the cursor finds each step of an example inside its own source span', () => {
    const a = analyzeText(ONBOARDING);
    const d = layoutDiagram(a.unit, a.findings);
    for (const n of d.nodes) {
      assert.equal(stepAt(d, n.source.start), n.step);
      const id = stepIdSpan(ONBOARDING, n);
      assert.equal(ONBOARDING.slice(id.start, id.end), n.step);
    }
  });
});

describe('webview state (what the serializer restores)', () => {
  it('reads the uri of a well-formed state, and nothing else', () => {
    assert.ok(isWebviewState({ uri: URI, zoom: 1, x: 0, y: -20 }));
    assert.equal(isWebviewState({ uri: URI, zoom: 1 }), false);
    assert.equal(persistedUri({ uri: URI, zoom: 1, x: 0, y: 0 }), URI);
    assert.equal(persistedUri({ uri: URI }), URI);
    for (const s of [undefined, null, 'file:///x', {}, { uri: '' }, { uri: 3 }, Object.create({ uri: URI }), JSON.parse('{"__proto__":{"uri":"file:///x"}}')]) {
      assert.equal(persistedUri(s), undefined, JSON.stringify(s));
    }
  });
});

describe('the preview page', () => {
  const nonce = makeNonce();
  const input = {
    cspSource: 'https://*.vscode-cdn.net',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
    nonce,
  };
  const html = previewHtml(input);

  it('carries the strict Content-Security-Policy with this nonce', () => {
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
    assert.equal(metas.length, 1);
    const csp = metas[0]![1]!.replace(/&#39;|&apos;/g, "'");
    assert.equal(csp, `default-src 'none'; img-src https://*.vscode-cdn.net data:; style-src https://*.vscode-cdn.net 'nonce-${nonce}'; script-src 'nonce-${nonce}';`);
    assert.equal(csp, contentSecurityPolicy(input.cspSource, nonce));
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*;/);
    // The policy comes before anything it governs.
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'));
  });

  it('has exactly one script: by src, with the nonce, and empty', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.equal(scripts.length, 1);
    assert.equal((html.match(/<script\b/gi) ?? []).length, 1);
    const [, attrs, body] = scripts[0]!;
    assert.match(attrs!, new RegExp(`\\bnonce="${nonce}"`));
    assert.match(attrs!, /\bsrc="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\.js"/);
    assert.equal(body!.trim(), '');
  });

  it('has no inline event handlers, inline styles, javascript: URLs or style elements', () => {
    assert.doesNotMatch(html, / on[a-z]+=/i);
    assert.doesNotMatch(html, /\sstyle=/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.doesNotMatch(html, /<style\b/i);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/preview\.css">/);
  });

  it('holds no text of the unit: the diagram only ever comes by message', () => {
    const d = sampleDiagram();
    const texts = [d.title, d.statement!, d.unitId!, ...d.nodes.flatMap((n) => [n.label]), ...d.lanes.map((l) => l.detail ?? l.label), 'onboarding', 'kyc-screener'];
    for (const t of texts) assert.ok(!html.includes(t), `the page contains ${t}`);
    for (const line of ONBOARDING.split('\n').filter((l) => l.trim().length > 8)) assert.ok(!html.includes(line.trim()), line);
    assert.ok(html.includes(STALE_BANNER), 'the stale banner is part of the page (hidden until needed)');
  });

  it('gets a fresh, well-formed nonce every time and refuses a malformed one', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => makeNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(previewHtml({ ...input, nonce: makeNonce() }), previewHtml({ ...input, nonce: makeNonce() }));
    for (const bad of ['', 'short', `${nonce}' 'unsafe-inline`, `${nonce}"><script>`]) assert.throws(() => previewHtml({ ...input, nonce: bad }), /nonce/);
    assert.throws(() => previewHtml({ ...input, cspSource: "https://x; script-src 'unsafe-inline'" }), /cspSource/);
  });

  it('refuses resource URIs that could break out of their attribute, and escapes the rest', () => {
    assert.throws(() => previewHtml({ ...input, scriptUri: 'https://x/a"><img src=x onerror=alert(1)>.js' }), /resource URI/);
    assert.throws(() => previewHtml({ ...input, styleUri: "https://x/a' onload='x" }), /resource URI/);
    assert.match(previewHtml({ ...input, scriptUri: 'https://x/webview.js?a=1&b=2' }), /src="https:\/\/x\/webview\.js\?a=1&amp;b=2"/);
  });
});

describe('steps: spoken labels, cursor and reveal', () => {
  it('reads a step the way the brief spells it', () => {
    assert.equal(stepAriaLabel(node('screen')), 'Step screen — machine, performed by kyc-screener, accountable analyst.');
    assert.equal(
      stepAriaLabel(node('screen', { label: 'Screen identity and sanctions lists' })),
      'Step screen — machine, performed by kyc-screener, accountable analyst. Screen identity and sanctions lists.',
    );
    const d = sampleDiagram();
    assert.equal(
      stepAriaLabel(d.nodes[2]!),
      'Step decide — hybrid, performed by analyst and kyc-screener, accountable analyst. Decision: Is the risk acceptable? 1 finding.',
    );
    assert.equal(stepAriaLabel(d.nodes[3]!), 'Step notify — unassigned, no performer, no accountable human.');
    assert.equal(stepAriaLabel(d.nodes[0]!), 'Step intake — human, performed by crm.');
    assert.match(stepAriaLabel(node('x', { source: { start: 0, end: 1 }, performers: ['a', 'b', 'c'], findings: [{ rule: 'r', severity: 'error', message: 'm' }, { rule: 'r', severity: 'hint', message: 'm' }] })), /performed by a, b and c, .*2 findings\.$/);
  });

  it('finds the step under the cursor from the source spans', () => {
    const d = sampleDiagram();
    const at = (needle: string, delta = 0) => stepAt(d, ONBOARDING.indexOf(needle) + delta);
    assert.equal(at('id: intake'), 'intake');
    assert.equal(at('performer: kyc-screener'), 'screen');
    assert.equal(at('decision: Is the risk'), 'decide');
    assert.equal(at('name: Send decision'), 'notify');
    assert.equal(at('actors:'), undefined);
    assert.equal(at('exceptions:'), undefined);
    assert.equal(stepAt({ nodes: [node('screen', { source: { start: 0, end: 100 } }), node('inner', { source: { start: 10, end: 20 } })] }, 15), 'inner');
  });

  it('selects the id of the step (quoted or not), else the step start; clamps stale offsets', () => {
    const n = node('screen');
    const s = stepIdSpan(ONBOARDING, n);
    assert.equal(ONBOARDING.slice(s.start, s.end), 'screen');
    assert.equal(ONBOARDING.slice(s.start - 6, s.start), '- id: ');
    const flow = 'steps:\n  - { name: x, id: "check" }\n';
    const f = stepIdSpan(flow, { step: 'check', source: { start: 9, end: flow.length - 1 } });
    assert.equal(flow.slice(f.start, f.end), 'check');
    // `performer-id: screen` is not the id; a step without an id selects its start.
    const tricky = '  - name: y\n    performer-id: screen\n';
    assert.deepEqual(stepIdSpan(tricky, { step: 'screen', source: { start: 2, end: tricky.length } }), { start: 2, end: 2 });
    assert.deepEqual(stepIdSpan('short', { step: '#3', source: { start: 400, end: 500 } }), { start: 5, end: 5 });
  });
});

describe('request coalescing (the preview asks the server at most once at a time)', () => {
  function deferred() {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  }

  it('runs at most one at a time, collapses a burst into one follow-up with the newest key', async () => {
    const runs: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const gates: ReturnType<typeof deferred>[] = [];
    const c = new Coalescer<string>(async (key) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      runs.push(key);
      const g = deferred();
      gates.push(g);
      await g.promise;
      inFlight--;
    });
    const first = c.request('v1');
    assert.deepEqual(runs, ['v1']);
    const burst = ['v2', 'v3', 'v4', 'v5'].map((k) => c.request(k));
    assert.deepEqual(runs, ['v1'], 'nothing else starts while one is in flight');
    assert.ok(c.busy);
    gates[0]!.resolve();
    await first;
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(runs, ['v1', 'v5'], 'the newest key wins; v2..v4 are never asked');
    gates[1]!.resolve();
    await Promise.all(burst);
    assert.equal(maxInFlight, 1);
    assert.equal(c.busy, false);
    // Idle again: the next request runs at once.
    const again = c.request('v6');
    assert.deepEqual(runs, ['v1', 'v5', 'v6']);
    gates[2]!.resolve();
    await again;
  });

  it('keeps going after a failed run, and reports it', async () => {
    const errors: unknown[] = [];
    const runs: string[] = [];
    const c = new Coalescer<string>(
      async (key) => {
        runs.push(key);
        if (key === 'bad') throw new Error('server gone');
      },
      (e) => errors.push(e),
    );
    const a = c.request('bad');
    const b = c.request('good');
    await Promise.all([a, b]);
    assert.deepEqual(runs, ['bad', 'good']);
    assert.equal(errors.length, 1);
  });
});

describe('the webview bundle', () => {
  const bundle = join(ROOT, 'dist', 'webview.js');
  it('is a browser script: no require, no Node built-ins, no eval', { skip: !existsSync(bundle) && 'dist/webview.js is not built' }, () => {
    const js = readFileSync(bundle, 'utf8');
    assert.doesNotMatch(js, /\brequire\(/);
    assert.doesNotMatch(js, /["'`]node:[a-z]|\bprocess\.(env|platform|versions)\b|__dirname/);
    assert.doesNotMatch(js, /\beval\(|new Function\(/);
    assert.match(js, /acquireVsCodeApi\(\)/);
  });
});

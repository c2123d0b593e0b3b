/**
 * The boundary diagram in a real browser (Debian's Chromium through
 * playwright-core): the preview panel's page — the same HTML, script and
 * stylesheet the webview gets, under the same CSP — and the CLI's standalone
 * SVG, for every example. Checks the drawn structure, saves a screenshot of
 * each as a test artifact (test-results/browser/), and tries script injection
 * through the unit's strings. Run `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenLocally } from '../support/chromium';
import { previewHtml } from '../../client/src/preview/html';
import { analyzeText } from '../../server/src/core/analyze';
import { layoutDiagram } from '../../server/src/core/diagram/layout';
import type { Diagram } from '../../server/src/core/diagram/types';
import { DRAWN_IN_DIAGRAM, INJECTED_FIELDS, INJECTION_UNIT, payload } from '../support/injection';

const ARTIFACTS = resolve('test-results/browser');
const EXAMPLES = ['onboarding-review', 'incident-triage', 'invoice-matching'];
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA';


function diagramOf(text: string): Diagram {
  const a = analyzeText(text);
  return layoutDiagram(a.unit, a.findings);
}

describe('the boundary diagram in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let base = '';

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Serve the page and its two resources from one origin, as the webview's resource root would.
    server = createServer((req, res) => {
      const files: Record<string, [string, string]> = {
        '/webview.js': ['dist/webview.js', 'text/javascript'],
        '/preview.css': ['media/preview.css', 'text/css'],
      };
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(previewHtml({ cspSource: base, scriptUri: `${base}/webview.js`, styleUri: `${base}/preview.css`, nonce: NONCE }));
      } else if (req.url && files[req.url]) {
        res.writeHead(200, { 'content-type': files[req.url][1] });
        res.end(readFileSync(files[req.url][0]));
      } else {
        res.writeHead(404).end();
      }
    });
    base = await listenLocally(server);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  /** A page that loads the panel's HTML with a stand-in for VS Code's webview API, recording what it posts and any dialog. */
  async function panelPage(): Promise<{ page: Page; posted: unknown[]; dialogs: string[]; cspViolations: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const posted: unknown[] = [];
    const dialogs: string[] = [];
    const cspViolations: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.exposeFunction('__posted', (m: unknown) => posted.push(m));
    // A string, not a function: the test runner's transpiler would name the functions with a helper the page lacks.
    await page.addInitScript(`
      let state;
      window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__posted(m),
        setState: (s) => { state = s; },
        getState: () => state,
      });
    `);
    await page.goto(`${base}/`);
    return { page, posted, dialogs, cspViolations };
  }

  async function post(page: Page, message: unknown): Promise<void> {
    await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
  }

  for (const name of EXAMPLES) {
    it(`draws ${name} in the preview panel's page`, async () => {
      const text = readFileSync(`examples/${name}.workunit.yaml`, 'utf8');
      const d = diagramOf(text);
      const { page, posted, dialogs, cspViolations } = await panelPage();
      try {
        await page.waitForFunction(() => document.readyState === 'complete');
        await post(page, { type: 'diagram', uri: `file:///${name}.workunit.yaml`, diagram: d, stale: false, version: 1 });
        await page.waitForSelector('[data-step]');
        const steps = await page.$$eval('[data-step]', (els) => [...new Set(els.map((e) => e.getAttribute('data-step')))]);
        assert.deepEqual(steps.sort(), d.nodes.map((n) => n.step).sort());
        assert.equal(await page.locator('[data-lane="human"]').count(), d.lanes.filter((l) => l.band === 'human').length);
        assert.equal(await page.locator('[data-lane="machine"]').count(), d.lanes.filter((l) => l.band === 'machine').length);
        const crossings = await page.$$eval('[data-crossing]', (els) => [...new Set(els.map((e) => e.getAttribute('data-crossing')))]);
        assert.deepEqual(crossings.sort(), [...new Set(d.crossings.map((c) => `${c.from}->${c.to}`))].sort());
        const handoffs = await page.$$eval('[data-handoff]', (els) => [...new Set(els.map((e) => e.getAttribute('data-handoff')))]);
        assert.deepEqual(handoffs.sort(), [...new Set(d.handoffs.map((h) => h.exception))].sort());
        // Keyboard: nodes are focusable buttons with a label; Enter posts `reveal` for that step.
        const first = page.locator('[data-step]').first();
        assert.equal(await first.getAttribute('role'), 'button');
        assert.ok(((await first.getAttribute('aria-label')) ?? '').length > 10);
        await first.focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => true);
        await expectPosted(posted, (m) => (m as { type?: string }).type === 'reveal');
        assert.deepEqual(dialogs, []);
        assert.deepEqual(cspViolations, []);
        await page.screenshot({ path: join(ARTIFACTS, `${name}-panel.png`) });
      } finally {
        await page.close();
      }
    });

    it(`draws ${name} from the CLI's standalone SVG`, async () => {
      const out = join(ARTIFACTS, `${name}.svg`);
      const r = spawnSync(process.execPath, ['dist/cli.js', 'render', `examples/${name}.workunit.yaml`, '--format', 'svg', '-o', out], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const page = await browser.newPage({ viewport: { width: 1700, height: 1100 } });
      try {
        await page.goto(`file://${out}`);
        const d = diagramOf(readFileSync(`examples/${name}.workunit.yaml`, 'utf8'));
        const steps = await page.$$eval('[data-step]', (els) => [...new Set(els.map((e) => e.getAttribute('data-step')))]);
        assert.deepEqual(steps.sort(), d.nodes.map((n) => n.step).sort());
        assert.ok((await page.locator('[data-lane="human"]').count()) > 0);
        assert.equal(await page.locator('script').count(), 0);
        await page.screenshot({ path: join(ARTIFACTS, `${name}-svg.png`) });
      } finally {
        await page.close();
      }
    });
  }

  it('shows markup from every string field of a unit as text and runs none of it (panel, standalone SVG, catalog report)', async () => {
    const d = diagramOf(INJECTION_UNIT);
    // Every string field of the unit that reaches the page: the diagram message carries them.
    const carried = INJECTED_FIELDS.filter((f) => JSON.stringify(d).includes(`alert('${f}')`));
    assert.deepEqual(carried, DRAWN_IN_DIAGRAM);
    const { page, dialogs, cspViolations } = await panelPage();
    try {
      await post(page, { type: 'diagram', uri: 'file:///xss.workunit.yaml', diagram: d, stale: false, version: 1 });
      await page.waitForSelector('[data-step]');
      const text = (await page.locator('body').textContent()) ?? '';
      // Each field's markup is on the page as text (in a label, a title or an accessible description).
      const titles = await page.$$eval('svg title, svg desc, [aria-label]', (els) => els.map((e) => `${e.textContent ?? ''} ${e.getAttribute('aria-label') ?? ''}`).join(' '));
      const missing = DRAWN_IN_DIAGRAM.filter((field) => !`${text} ${titles}`.includes(`alert('${field}')`));
      assert.deepEqual(missing, [], 'fields whose markup does not show as text');
      assert.equal(await page.locator('img, iframe, script:not([nonce]), svg svg[onload], [onerror], [onload], [onclick]').count(), 0, 'no element was injected');
      assert.deepEqual(dialogs, []);
      assert.deepEqual(cspViolations, []);
      await page.screenshot({ path: join(ARTIFACTS, 'xss-panel.png') });
    } finally {
      await page.close();
    }
    const file = join(ARTIFACTS, 'xss.workunit.yaml');
    writeFileSync(file, INJECTION_UNIT);
    const svg = join(ARTIFACTS, 'xss.svg');
    assert.equal(spawnSync(process.execPath, ['dist/cli.js', 'render', file, '-o', svg]).status, 0);
    const catalogDir = join(ARTIFACTS, 'xss-catalog');
    mkdirSync(catalogDir, { recursive: true });
    writeFileSync(join(catalogDir, 'xss.workunit.yaml'), INJECTION_UNIT);
    const report = join(ARTIFACTS, 'xss-catalog.html');
    assert.equal(spawnSync(process.execPath, ['dist/cli.js', 'catalog', catalogDir, '--format', 'html', '-o', report]).status, 0);
    for (const [page2url, mustShow] of [
      [`file://${svg}`, payload('step-name').slice(0, 30)],
      [`file://${report}`, payload('name').slice(0, 30)],
    ] as const) {
      const page2 = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const dialogs2: string[] = [];
      page2.on('dialog', (dl) => {
        dialogs2.push(dl.message());
        void dl.dismiss();
      });
      try {
        await page2.goto(page2url);
        assert.equal(await page2.locator('img, iframe, script, [onerror], [onload], [onclick]').count(), 0, page2url);
        assert.ok((await page2.locator(':root').textContent())?.includes(mustShow), `${page2url} shows the markup as text`);
        assert.deepEqual(dialogs2, []);
      } finally {
        await page2.close();
      }
    }
  });

  it('reports its size, opens at 100% (or the widest zoom that fits), zooms about the pointer, keeps the lane headers in sight, Fit and 100%', async () => {
    const { page, posted } = await panelPage();
    try {
      await page.setViewportSize({ width: 700, height: 900 });
      await page.waitForFunction(() => document.readyState === 'complete');
      // The page says how much room it has, so the host lays the diagram out for it.
      await expectPosted(posted, (m) => (m as { type?: string }).type === 'size');
      const size = posted.filter((m) => (m as { type?: string }).type === 'size').pop() as { width: number; height: number };
      assert.ok(size.width > 500 && size.height > size.width, JSON.stringify(size));
      const a = analyzeText(readFileSync('examples/incident-triage.workunit.yaml', 'utf8'));
      const d = layoutDiagram(a.unit, a.findings, { width: size.width, height: size.height });
      assert.equal(d.orientation, 'vertical');
      await post(page, { type: 'diagram', uri: 'file:///incident-triage.workunit.yaml', diagram: d, stale: false, version: 1 });
      await page.waitForSelector('[data-step]');
      assert.equal(await page.textContent('#zoom-level'), '100%', 'laid out for the panel: it opens at 100%');
      const zoomOf = async () => Number((await page.textContent('#zoom-level'))!.replace('%', ''));
      // Zoom with the wheel about a step: the step stays under the pointer.
      const step = page.locator('[data-step="confirm"]');
      const before = (await step.boundingBox())!;
      const px = before.x + before.width / 2;
      const py = before.y + before.height / 2;
      await page.mouse.move(px, py);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -300);
      await page.keyboard.up('Control');
      await page.waitForFunction(() => document.querySelector('#zoom-level')?.textContent !== '100%');
      const after = (await step.boundingBox())!;
      assert.ok((await zoomOf()) > 100);
      assert.ok(Math.abs(after.x + after.width / 2 - px) < 2 && Math.abs(after.y + after.height / 2 - py) < 2, 'the point under the pointer stays put');
      // Pan down the flow: the lane headers stay at the top of the canvas.
      await page.click('button[data-action="actual"]');
      assert.equal(await zoomOf(), 100);
      const canvasTop = (await page.locator('#canvas').boundingBox())!.y;
      await page.mouse.move(350, 600);
      await page.mouse.wheel(0, 800);
      await page.waitForTimeout(100);
      const head = (await page.locator('[data-head="shift-agent"]').boundingBox())!;
      assert.ok(head.y >= canvasTop - 1 && head.y < canvasTop + 60, `header at ${head.y}, canvas top ${canvasTop}`);
      // Fit shows the whole diagram.
      await page.click('button[data-action="fit"]');
      const svgBox = (await page.locator('#canvas svg .viewport').boundingBox())!;
      const canvas = (await page.locator('#canvas').boundingBox())!;
      assert.ok(svgBox.height <= canvas.height + 1 && svgBox.width <= canvas.width + 1, 'the whole diagram in the panel');
      assert.ok((await zoomOf()) < 100);
      await page.screenshot({ path: join(ARTIFACTS, 'incident-triage-side-panel.png') });
    } finally {
      await page.close();
    }
  });

  it('ignores a malformed message instead of drawing it', async () => {
    const { page, dialogs } = await panelPage();
    try {
      await post(page, { type: 'diagram', uri: 'file:///x.workunit.yaml', diagram: { nodes: '<img src=x onerror=alert(1)>' }, stale: false, version: 1 });
      await post(page, { type: 'error', message: 'No diagram: <b>bold</b>' });
      await page.waitForFunction(() => document.body.textContent?.includes('No diagram: <b>bold</b>'));
      assert.equal(await page.locator('[data-step]').count(), 0);
      assert.equal(await page.locator('body b').count(), 0);
      assert.deepEqual(dialogs, []);
    } finally {
      await page.close();
    }
  });
});

/** The webview posts asynchronously: wait until a matching message has arrived (event-driven through the exposed function). */
async function expectPosted(posted: unknown[], match: (m: unknown) => boolean): Promise<void> {
  for (let i = 0; i < 100 && !posted.some(match); i++) await new Promise((r) => setImmediate(r));
  assert.ok(posted.some(match), `posted: ${JSON.stringify(posted)}`);
}

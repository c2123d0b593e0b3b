/**
 * Every example exported to BPMN, opened in bpmn-js (the viewer bpmn.io and
 * Camunda Modeler are built on) in Chromium, offline: the page loads the
 * viewer's own dist bundle from node_modules. The import must raise no
 * warning, and the pool, every lane and every task must be drawn. A
 * screenshot of each lands in test-results/browser/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, listenLocally } from '../support/chromium';
import { analyzeText } from '../../server/src/core/analyze';
import { exportBpmn } from '../../server/src/core/bpmn/export';

const ARTIFACTS = resolve('test-results/browser');
const EXAMPLES = ['onboarding-review', 'incident-triage', 'invoice-matching'];
const VIEWER = 'node_modules/bpmn-js/dist';

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/assets/diagram-js.css"><link rel="stylesheet" href="/assets/bpmn-js.css">
<style>html,body,#canvas{margin:0;width:100%;height:100%;background:#fff}</style>
<script src="/bpmn-viewer.development.js"></script></head><body><div id="canvas"></div></body></html>`;

describe('exported BPMN in bpmn-js (Chromium)', () => {
  let browser: Browser;
  let server: Server;
  let base = '';

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
        return;
      }
      const file = { '/bpmn-viewer.development.js': 'bpmn-viewer.development.js', '/assets/diagram-js.css': 'assets/diagram-js.css', '/assets/bpmn-js.css': 'assets/bpmn-js.css' }[path];
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(readFileSync(join(VIEWER, file)));
    });
    base = await listenLocally(server);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  for (const name of EXAMPLES) {
    it(`renders ${name}.bpmn with its pool, lanes and tasks`, async () => {
      const analysis = analyzeText(readFileSync(`examples/${name}.workunit.yaml`, 'utf8'));
      const xml = await exportBpmn(analysis.unit);
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(`${base}/`);
        // The XML goes in as an argument, never into the page's HTML.
        const result = await page.evaluate(async (text) => {
          const viewer = new (window as any).BpmnJS({ container: '#canvas' });
          const { warnings } = await viewer.importXML(text);
          viewer.get('canvas').zoom('fit-viewport');
          const ids = viewer.get('elementRegistry').getAll().map((e: { id: string; type: string }) => `${e.type} ${e.id}`);
          return { warnings: warnings.map((w: { message: string }) => w.message), ids };
        }, xml);
        assert.deepEqual(result.warnings, [], 'bpmn-js imports the export without a warning');
        assert.deepEqual(errors, []);
        const drawn = new Set<string>(result.ids as string[]);
        assert.ok([...drawn].some((d) => d.startsWith('bpmn:Participant ')), 'the pool is drawn');
        for (const actor of analysis.unit.actors.keys()) assert.ok(drawn.has(`bpmn:Lane Lane_${actor}`), `lane of ${actor} drawn`);
        for (const step of analysis.unit.steps?.items ?? []) {
          assert.ok([...drawn].some((d) => /^bpmn:(User|Service)?Task /.test(d) && d.endsWith(` ${step.id}`)), `task ${step.id} drawn`);
        }
        for (const rule of analysis.unit.exceptions) assert.ok([...drawn].some((d) => d.startsWith('bpmn:BoundaryEvent ')), `boundary event of ${rule.id} drawn`);
        // Rendered shapes, not only registered ones: the SVG holds a visual per task.
        assert.ok((await page.locator('g.djs-element.djs-shape[data-element-id]').count()) >= (analysis.unit.steps?.items.length ?? 0));
        await page.screenshot({ path: join(ARTIFACTS, `bpmn-${name}.png`) });
      } finally {
        await page.close();
      }
    });
  }
});

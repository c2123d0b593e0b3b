/// <reference lib="dom" />
/**
 * The boundary preview's page script (bundled to dist/webview.js: browser, IIFE).
 *
 * It receives the diagram only through `postMessage` (validated by
 * `isHostMessage`), draws it with the same `renderSvg` the export uses
 * (embedded: `standalone: false`, its stylesheet added here by nonce), and
 * makes it usable: every step is a focusable button with a spoken label,
 * Enter/Space or a click posts `reveal`, the canvas zooms (ctrl+wheel about
 * the pointer, +/-, Fit, 100%) and pans (drag, wheel, arrow keys) by a
 * transform on one group, and the view is persisted with `setState` so a
 * reload restores it. It reports the canvas's size (`size`), so the host has
 * the diagram laid out for it — down the page in a side panel — and it opens
 * at 100%, or the largest zoom that fits the width. The lane headers are
 * pinned: they stay in sight while the canvas pans along the flow.
 */
import type { Diagram } from '../../../../server/src/core/diagram/types';
import { isHostMessage, isWebviewState, MAX_ZOOM, MIN_ZOOM, type HostMessage, type WebviewMessage, type WebviewState } from '../messages';
import { diagramCss, renderSvg } from '../render';
import { stepAriaLabel } from '../steps';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const SVG_NS = 'http://www.w3.org/2000/svg';
const ZOOM_STEP = 1.25;
const PAN_STEP = 48;
const PADDING = 16;
const DRAG_THRESHOLD = 4;

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

const canvas = byId<HTMLDivElement>('canvas');
const staleBanner = byId<HTMLDivElement>('stale-banner');
const errorBanner = byId<HTMLDivElement>('error-banner');
const zoomLevel = byId<HTMLOutputElement>('zoom-level');
/** The page's nonce (readable from the property, not the attribute), for any `<style>` the renderer emits. */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

type DiagramMessage = Extract<HostMessage, { type: 'diagram' }>;

let current: DiagramMessage | undefined;
/** Pan (x, y in CSS pixels) and zoom of the diagram inside the canvas. */
let view = { zoom: 1, x: 0, y: 0 };
/** The diagram's extent in its own units (its viewBox). */
let bounds = { x: 0, y: 0, width: 0, height: 0 };
let viewport: SVGGElement | undefined;
/** The lane headers, moved out of the viewport so they stay in sight, and the axis they follow. */
let pinned: { group: SVGGElement; axis: 'x' | 'y'; at: number } | undefined;
/** The view is the automatic one (opening zoom): a new layout gets it again; any zoom or pan by the user ends it. */
let autoView = true;
let highlighted: string | null = null;
/** The view persisted before a reload, applied to the first diagram of the same unit. */
let restored: WebviewState | undefined = (() => {
  const s = vscode.getState();
  return isWebviewState(s) ? s : undefined;
})();

// ---------------------------------------------------------------------------
// Drawing

function theme(): 'light' | 'dark' {
  const c = document.body.classList;
  return c.contains('vscode-dark') || (c.contains('vscode-high-contrast') && !c.contains('vscode-high-contrast-light')) ? 'dark' : 'light';
}

/** The diagram's stylesheet (svg.ts): fixed text with no unit strings in it, allowed by the page's nonce. */
const diagramStyle = document.createElement('style');
diagramStyle.setAttribute('nonce', nonce);
document.head.appendChild(diagramStyle);
let styledFor: 'light' | 'dark' | undefined;
function styleFor(t: 'light' | 'dark'): void {
  if (styledFor === t) return;
  diagramStyle.textContent = diagramCss(t);
  styledFor = t;
}

/**
 * Parse the renderer's markup as SVG (never as HTML) in a detached document and
 * bring the root into this one. renderSvg escapes every text it writes and emits
 * no scripts or handlers; the sweep below is defence in depth, not the escaping.
 *
 * A DOMParser document inherits this page's CSP, which has no 'unsafe-inline'.
 * So before parsing, a `<style>` element gets the page's nonce and a `style`
 * attribute is renamed, to be re-applied through the CSSOM (which CSP allows).
 * Rewriting the markup text is sound because renderSvg escapes `<`, `"` and `'`
 * in every text and attribute value: `<style` and ` style="` can only be markup.
 */
function parseSvg(markup: string): SVGSVGElement | undefined {
  const prepared = markup.replace(/<style\b/g, `<style nonce="${nonce}"`).replace(/(\s)style=(["'])/g, '$1data-inline-style=$2');
  const doc = new DOMParser().parseFromString(prepared, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return undefined;
  for (const el of Array.from(root.querySelectorAll('script, foreignObject, iframe, object, embed'))) el.remove();
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name) || a.name === 'style' || (/(^|:)href$/i.test(a.name) && !a.value.startsWith('#'))) el.removeAttribute(a.name);
    }
  }
  const svg = document.importNode(root, true) as unknown as SVGSVGElement;
  for (const el of Array.from(svg.querySelectorAll<SVGElement>('[data-inline-style]'))) {
    el.style.cssText = el.getAttribute('data-inline-style') ?? '';
    el.removeAttribute('data-inline-style');
  }
  return svg;
}

/** The outermost elements carrying `data-step` (a node's group, not its parts). */
function stepElements(root: ParentNode): SVGElement[] {
  return Array.from(root.querySelectorAll<SVGElement>('[data-step]')).filter((el) => !el.parentElement?.closest('[data-step]'));
}

function stepElement(step: string): SVGElement | undefined {
  return stepElements(canvas).find((el) => el.getAttribute('data-step') === step);
}

function viewBoxOf(svg: SVGSVGElement, diagram: Diagram): typeof bounds {
  const vb = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  if (vb.length === 4 && vb.every(Number.isFinite) && vb[2]! > 0 && vb[3]! > 0) return { x: vb[0]!, y: vb[1]!, width: vb[2]!, height: vb[3]! };
  return { x: 0, y: 0, width: Math.max(1, diagram.width), height: Math.max(1, diagram.height) };
}

function draw(msg: DiagramMessage): void {
  const firstOfUnit = current?.uri !== msg.uri;
  const focusedStep = (document.activeElement instanceof Element && document.activeElement.closest('[data-step]')?.getAttribute('data-step')) || undefined;
  const t = theme();
  styleFor(t);
  const svg = parseSvg(renderSvg(msg.diagram, { standalone: false, theme: t }));
  if (!svg) {
    showError('The diagram could not be drawn.');
    return;
  }
  current = msg;
  errorBanner.hidden = true;
  staleBanner.hidden = !msg.stale;
  canvas.classList.toggle('is-stale', msg.stale);

  bounds = viewBoxOf(svg, msg.diagram);
  // The canvas sizes the drawing; the view transform places it.
  svg.removeAttribute('viewBox');
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  // The renderer's root is an `img` for files; here its steps are buttons, which an `img` would hide.
  svg.setAttribute('role', 'group');
  svg.removeAttribute('aria-labelledby');
  svg.setAttribute('aria-label', `Boundary diagram of ${msg.diagram.title}${msg.stale ? ' (last valid version)' : ''}`);
  if (svg.querySelector('desc#wu-desc')) svg.setAttribute('aria-describedby', 'wu-desc');
  svg.classList.add('diagram');
  const group = document.createElementNS(SVG_NS, 'g');
  group.setAttribute('class', 'viewport');
  while (svg.firstChild) group.appendChild(svg.firstChild);
  svg.appendChild(group);
  viewport = group;
  // The lane headers follow the view across the flow only: pinned to the canvas's edge along it.
  const heads = group.querySelector<SVGGElement>('g.lane-heads');
  pinned = undefined;
  if (heads && msg.diagram.lanes.length > 0) {
    const axis = heads.getAttribute('data-pin') === 'x' ? 'x' : 'y';
    const at = msg.diagram.lanes.reduce((m, l) => Math.min(m, axis === 'y' ? l.head.y : l.head.x), Infinity);
    const holder = document.createElementNS(SVG_NS, 'g');
    holder.setAttribute('class', 'pinned');
    holder.appendChild(heads);
    svg.appendChild(holder);
    pinned = { group: holder, axis, at };
  }

  const nodes = new Map(msg.diagram.nodes.map((n) => [n.step, n]));
  for (const el of stepElements(svg)) {
    const node = nodes.get(el.getAttribute('data-step') ?? '');
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    if (node) el.setAttribute('aria-label', stepAriaLabel(node));
    el.classList.add('step');
  }
  canvas.replaceChildren(svg);

  if (firstOfUnit) {
    if (restored && restored.uri === msg.uri) {
      view = { zoom: restored.zoom, x: restored.x, y: restored.y };
      autoView = false;
    } else {
      openingView();
      autoView = true;
    }
    restored = undefined;
  } else if (autoView) openingView();
  applyView();
  if (highlighted) mark(highlighted, false);
  if (focusedStep) stepElement(focusedStep)?.focus({ preventScroll: true });
}

function showError(message: string): void {
  current = undefined;
  viewport = undefined;
  staleBanner.hidden = true;
  canvas.classList.remove('is-stale');
  errorBanner.textContent = message;
  errorBanner.hidden = false;
  const p = document.createElement('p');
  p.className = 'placeholder';
  p.textContent = 'No diagram to show.';
  canvas.replaceChildren(p);
}

function mark(step: string | null, bringIntoView: boolean): void {
  highlighted = step;
  for (const el of Array.from(canvas.querySelectorAll('.is-highlighted'))) el.classList.remove('is-highlighted');
  if (!step) return;
  const el = stepElement(step);
  if (!el) return;
  el.classList.add('is-highlighted');
  if (bringIntoView) ensureVisible(el);
}

// ---------------------------------------------------------------------------
// View: zoom and pan by a transform on the viewport group

const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

function applyView(): void {
  if (!viewport) return;
  viewport.setAttribute('transform', `translate(${view.x} ${view.y}) scale(${view.zoom}) translate(${-bounds.x} ${-bounds.y})`);
  if (pinned) {
    // Never past the canvas's top (down) or left (across) edge: the headers stay in sight.
    const edge = -(pinned.at - (pinned.axis === 'y' ? bounds.y : bounds.x)) * view.zoom;
    const x = pinned.axis === 'x' ? Math.max(view.x, edge) : view.x;
    const y = pinned.axis === 'y' ? Math.max(view.y, edge) : view.y;
    pinned.group.setAttribute('transform', `translate(${x} ${y}) scale(${view.zoom}) translate(${-bounds.x} ${-bounds.y})`);
  }
  zoomLevel.textContent = `${Math.round(view.zoom * 100)}%`;
  saveState();
}

/** Fit the whole diagram in the canvas, not enlarging beyond `maxZoom`. */
function fit(maxZoom = MAX_ZOOM): void {
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (w <= 0 || h <= 0 || bounds.width <= 0 || bounds.height <= 0) {
    view = { zoom: 1, x: PADDING, y: PADDING };
    return;
  }
  const zoom = clampZoom(Math.min((w - 2 * PADDING) / bounds.width, (h - 2 * PADDING) / bounds.height, maxZoom));
  // Centred across, from the top down: the diagram reads top to bottom (header, people, machines, legend).
  view = { zoom, x: (w - bounds.width * zoom) / 2, y: PADDING };
}

/** How the panel opens a diagram: at 100%, or the largest zoom below it that fits the width; from the top. */
function openingView(): void {
  const w = canvas.clientWidth;
  if (w <= 0 || bounds.width <= 0) {
    view = { zoom: 1, x: PADDING, y: PADDING };
    return;
  }
  const zoom = clampZoom(Math.min(1, (w - 2 * PADDING) / bounds.width));
  view = { zoom, x: Math.max(PADDING, (w - bounds.width * zoom) / 2), y: PADDING };
}

/** Zoom to `zoom`, keeping the canvas point (cx, cy) where it is. */
function zoomTo(zoom: number, cx = canvas.clientWidth / 2, cy = canvas.clientHeight / 2): void {
  zoomAt(zoom / view.zoom, cx, cy);
}

function zoomAt(factor: number, cx = canvas.clientWidth / 2, cy = canvas.clientHeight / 2): void {
  autoView = false;
  const zoom = clampZoom(view.zoom * factor);
  const k = zoom / view.zoom;
  view = { zoom, x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k };
  applyView();
}

function panBy(dx: number, dy: number): void {
  autoView = false;
  view = { ...view, x: view.x + dx, y: view.y + dy };
  applyView();
}

/** Pan so `el` is inside the canvas (centred, when it was out of sight). */
function ensureVisible(el: Element): void {
  const c = canvas.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const inside = r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom;
  if (inside || c.width === 0) return;
  panBy(c.left + c.width / 2 - (r.left + r.width / 2), c.top + c.height / 2 - (r.top + r.height / 2));
}

// ---------------------------------------------------------------------------
// State: kept with setState (restored by VS Code after a reload) and reported to the host

let statePending = false;
let reported = '';
/** At most once a frame; the host hears only of a new unit or zoom (panning is the page's own business). */
function saveState(): void {
  if (!current || statePending) return;
  statePending = true;
  requestAnimationFrame(() => {
    statePending = false;
    if (!current) return;
    vscode.setState({ uri: current.uri, zoom: view.zoom, x: view.x, y: view.y });
    const key = `${current.uri} ${view.zoom}`;
    if (key === reported) return;
    reported = key;
    vscode.postMessage({ type: 'state', uri: current.uri, zoom: view.zoom });
  });
}

// ---------------------------------------------------------------------------
// Input

function reveal(el: Element | null | undefined): void {
  const step = el?.closest('[data-step]')?.getAttribute('data-step');
  if (step) vscode.postMessage({ type: 'reveal', step });
}

let drag: { id: number; x: number; y: number; moved: boolean } | undefined;
let suppressClick = false;

canvas.addEventListener('pointerdown', (e) => {
  if (e.button !== 0 || !current) return;
  drag = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
});
canvas.addEventListener('pointermove', (e) => {
  if (!drag || e.pointerId !== drag.id) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
  if (!drag.moved) {
    // Captured only once it is a drag, so a plain click still lands on the step under it.
    drag.moved = true;
    canvas.setPointerCapture(e.pointerId);
    canvas.classList.add('is-panning');
  }
  drag.x = e.clientX;
  drag.y = e.clientY;
  panBy(dx, dy);
});
const endDrag = (e: PointerEvent) => {
  if (!drag || e.pointerId !== drag.id) return;
  suppressClick = drag.moved;
  if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
  canvas.classList.remove('is-panning');
  drag = undefined;
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);
canvas.addEventListener('click', (e) => {
  if (suppressClick) {
    suppressClick = false;
    return;
  }
  reveal(e.target as Element);
});

canvas.addEventListener(
  'wheel',
  (e) => {
    if (!current) return;
    e.preventDefault();
    const scale = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : e.deltaMode === WheelEvent.DOM_DELTA_PAGE ? canvas.clientHeight : 1;
    if (e.ctrlKey || e.metaKey) {
      const r = canvas.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * scale * 0.002), e.clientX - r.left, e.clientY - r.top);
    } else {
      panBy(-e.deltaX * scale, -e.deltaY * scale);
    }
  },
  { passive: false },
);

canvas.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const onStep = e.target instanceof Element && e.target !== canvas ? e.target.closest('[data-step]') : null;
  if (onStep && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    reveal(onStep);
    return;
  }
  if (e.key === '+' || e.key === '=') zoomAt(ZOOM_STEP);
  else if (e.key === '-' || e.key === '_') zoomAt(1 / ZOOM_STEP);
  else if (e.key === '0') {
    fit();
    autoView = false;
    applyView();
  } else if (e.key === '1') zoomTo(1); else if (e.target === canvas && e.key.startsWith('Arrow')) {
    const step = e.shiftKey ? PAN_STEP * 4 : PAN_STEP;
    if (e.key === 'ArrowLeft') panBy(step, 0);
    else if (e.key === 'ArrowRight') panBy(-step, 0);
    else if (e.key === 'ArrowUp') panBy(0, step);
    else if (e.key === 'ArrowDown') panBy(0, -step);
  } else return;
  e.preventDefault();
});

// A step reached with Tab is brought into sight.
canvas.addEventListener('focusin', (e) => {
  const el = e.target instanceof Element ? e.target.closest('[data-step]') : null;
  if (el) ensureVisible(el);
});

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-action]'))) {
  button.addEventListener('click', () => {
    switch (button.dataset.action) {
      case 'zoom-in':
        zoomAt(ZOOM_STEP);
        break;
      case 'zoom-out':
        zoomAt(1 / ZOOM_STEP);
        break;
      case 'fit':
        fit();
        autoView = false;
        applyView();
        break;
      case 'actual':
        zoomTo(1);
        break;
      case 'export':
        vscode.postMessage({ type: 'exportSvg' });
        break;
    }
  });
}

// The theme changed (VS Code swaps the body's classes): draw again with the matching palette.
new MutationObserver(() => {
  if (current) draw(current);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const msg = e.data;
  if (!isHostMessage(msg)) return;
  switch (msg.type) {
    case 'diagram':
      draw(msg);
      break;
    case 'highlight':
      mark(msg.step, true);
      break;
    case 'error':
      showError(msg.message);
      break;
  }
});

vscode.postMessage({ type: 'ready' });

// The canvas's size, now and whenever it changes (at most once a frame): the host lays out for it.
let sizePending = false;
let sentSize = '';
function reportSize(): void {
  if (sizePending) return;
  sizePending = true;
  requestAnimationFrame(() => {
    sizePending = false;
    const width = Math.max(0, canvas.clientWidth - 2 * PADDING);
    const height = Math.max(0, canvas.clientHeight - 2 * PADDING);
    const key = `${width}x${height}`;
    if (key === sentSize) return;
    sentSize = key;
    vscode.postMessage({ type: 'size', width, height });
  });
}
new ResizeObserver(reportSize).observe(canvas);
reportSize();

/**
 * The one SVG renderer of the boundary diagram: the CLI writes it, the tests
 * read it, the preview's webview draws with it. A pure function of a laid-out
 * `Diagram` (layout.ts) to a string.
 *
 * Safety: every string that comes from the unit file goes through
 * `escapeXml` (text and attributes alike: the `tag` builder escapes every
 * attribute value), and the output has no script, no event-handler
 * attribute and no external reference — the only URL is the SVG namespace;
 * `href`s point at `#ids` inside the same SVG.
 *
 * Theming: colours are CSS classes over custom properties that fall back from
 * VS Code's theme variables (`var(--vscode-editor-foreground, #1f2328)`) to a
 * light palette, or a dark one with `theme: 'dark'`. A standalone SVG embeds
 * that stylesheet; an embedded one (`standalone: false`) does not — the page
 * that hosts it adds `diagramCss()` itself (the preview's CSP allows no
 * inline style).
 *
 * Data attributes other tools rely on: `data-step` and `data-mode` on every
 * node, `data-lane` (`human`/`machine`, by band) and `data-actor` on every
 * lane, `data-crossing="from->to"` on every crossing edge, `data-handoff` on
 * every hand-off.
 */
import { G } from './frame';
import { driftLine, figuresLine } from './figures';
import { escapeXml, oneLine } from './text';
import type { Box, Diagram, DiagramEdge, DiagramLane, DiagramNode, Point, TextBlock } from './types';

export interface SvgOptions {
  /** A file of its own (default): XML declaration, namespace and the embedded stylesheet. */
  standalone?: boolean;
  /** The fallback palette where VS Code's theme variables are not defined. Default light. */
  theme?: 'light' | 'dark';
}

export { escapeXml } from './text';

// ---------------------------------------------------------------------------
// Styles

const PALETTES = {
  light: {
    fg: '#1f2328',
    bg: '#ffffff',
    muted: '#59636e',
    border: '#d1d9e0',
    human: '#0969da',
    ai: '#8250df',
    auto: '#1a7f37',
    unknown: '#6e7781',
    crossing: '#bc4c00',
    handoff: '#bf3989',
    error: '#cf222e',
    warning: '#9a6700',
    info: '#0969da',
    ok: '#1a7f37',
  },
  dark: {
    fg: '#d4d4d4',
    bg: '#1e1e1e',
    muted: '#9da7b3',
    border: '#3d444d',
    human: '#4493f8',
    ai: '#ab7df8',
    auto: '#3fb950',
    unknown: '#8b949e',
    crossing: '#f0883e',
    handoff: '#f778ba',
    error: '#f85149',
    warning: '#d29922',
    info: '#4493f8',
    ok: '#3fb950',
  },
} as const;

/** The diagram's stylesheet, for pages that host the SVG with `standalone: false`. No string from a unit ever goes in it. */
export function diagramCss(theme: 'light' | 'dark' = 'light'): string {
  const p = PALETTES[theme];
  return `
.wu {
  --wu-fg: var(--vscode-editor-foreground, ${p.fg});
  --wu-bg: var(--vscode-editor-background, ${p.bg});
  --wu-muted: var(--vscode-descriptionForeground, ${p.muted});
  --wu-border: var(--vscode-editorWidget-border, ${p.border});
  --wu-human: var(--vscode-charts-blue, ${p.human});
  --wu-ai: var(--vscode-charts-purple, ${p.ai});
  --wu-auto: var(--vscode-charts-green, ${p.auto});
  --wu-unknown: var(--vscode-disabledForeground, ${p.unknown});
  --wu-crossing: var(--vscode-charts-orange, ${p.crossing});
  --wu-handoff: var(--workunit-handoff, ${p.handoff});
  --wu-error: var(--vscode-editorError-foreground, ${p.error});
  --wu-warning: var(--vscode-editorWarning-foreground, ${p.warning});
  --wu-info: var(--vscode-editorInfo-foreground, ${p.info});
  --wu-ok: var(--vscode-charts-green, ${p.ok});
  font-family: var(--vscode-font-family, -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif);
  color: var(--wu-fg);
}
.wu text { fill: var(--wu-fg); }
.wu .t-bold { font-weight: 700; }
.wu .t-italic { font-style: italic; }
.wu .t-mono, .wu .mono { font-family: var(--vscode-editor-font-family, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace); }
.wu .bg { fill: var(--wu-bg); }
.wu .muted { fill: var(--wu-muted); }
.wu .halo { paint-order: stroke; stroke: var(--wu-bg); stroke-width: 3px; stroke-linejoin: round; }
.wu .header-key { fill: var(--wu-muted); }
.wu .rule { stroke: var(--wu-border); stroke-width: 1; }
.wu .chip { fill: var(--wu-bg); stroke: var(--wu-border); }
.wu .chip-complete { fill: color-mix(in srgb, var(--wu-ok) 12%, var(--wu-bg)); stroke: var(--wu-ok); }
.wu .chip-incomplete { fill: color-mix(in srgb, var(--wu-warning) 12%, var(--wu-bg)); stroke: var(--wu-warning); }
.wu .chip-missing { fill: color-mix(in srgb, var(--wu-error) 10%, var(--wu-bg)); stroke: var(--wu-error); stroke-dasharray: 4 3; }
.wu .txt-complete { fill: var(--wu-ok); }
.wu .txt-incomplete { fill: var(--wu-warning); }
.wu .txt-missing { fill: var(--wu-error); }
.wu .status-4 { fill: var(--wu-ok); }
.wu .status-3 { fill: var(--wu-warning); }
.wu .status-low { fill: var(--wu-error); }
.wu .counts-pill { fill: var(--wu-bg); stroke: var(--wu-border); }
.wu .t-crossing { fill: var(--wu-crossing); }
.wu .t-handoff { fill: var(--wu-handoff); }
.wu .t-gap { fill: var(--wu-error); }
.wu .t-human { fill: var(--wu-human); }
.wu .band-strip { fill: var(--wu-fg); fill-opacity: 0.06; }
.wu .band-name { fill: var(--wu-muted); }
.wu .lane-bg { fill-opacity: 0.07; }
.wu .lane-human .lane-bg { fill: var(--wu-human); }
.wu .lane-ai-agent .lane-bg { fill: var(--wu-ai); }
.wu .lane-automation .lane-bg { fill: var(--wu-auto); }
.wu .lane-unknown .lane-bg { fill: var(--wu-unknown); }
.wu .lane-head { fill-opacity: 0.08; }
.wu .lane-human .lane-head { fill: var(--wu-human); }
.wu .lane-ai-agent .lane-head { fill: var(--wu-ai); }
.wu .lane-automation .lane-head { fill: var(--wu-auto); }
.wu .lane-unknown .lane-head { fill: var(--wu-unknown); }
.wu .lane-sep { stroke: var(--wu-border); stroke-width: 1; }
.wu .lane-detail { fill: var(--wu-muted); }
.wu .k-human { fill: var(--wu-human); color: var(--wu-human); stroke: var(--wu-human); }
.wu .k-ai-agent { fill: var(--wu-ai); color: var(--wu-ai); stroke: var(--wu-ai); }
.wu .k-automation { fill: var(--wu-auto); color: var(--wu-auto); stroke: var(--wu-auto); }
.wu .k-unknown { fill: var(--wu-unknown); color: var(--wu-unknown); stroke: var(--wu-unknown); }
.wu text.k-human, .wu text.k-ai-agent, .wu text.k-automation, .wu text.k-unknown { stroke: none; }
.wu .glyph { fill: none; stroke: currentColor; stroke-width: 1.6; stroke-linecap: round; stroke-linejoin: round; }
.wu .glyph-fill { fill: currentColor; stroke: none; }
.wu .pat-ai { stroke: var(--wu-ai); stroke-opacity: 0.22; stroke-width: 2; }
.wu .pat-auto { fill: var(--wu-auto); fill-opacity: 0.3; }
.wu .pat-unknown { stroke: var(--wu-unknown); stroke-opacity: 0.25; stroke-width: 1; }
.wu .boundary { stroke: var(--wu-fg); stroke-width: 3; }
.wu .boundary-pill { fill: var(--wu-fg); }
.wu .boundary-text { fill: var(--wu-bg); }
.wu .empty-band { fill: var(--wu-muted); }
.wu .node-shape { fill: var(--wu-bg); stroke-width: 1.8; }
.wu .mode-human .node-shape { stroke: var(--wu-human); }
.wu .mode-machine.kind-ai-agent .node-shape { stroke: var(--wu-ai); }
.wu .mode-machine.kind-automation .node-shape { stroke: var(--wu-auto); }
.wu .mode-hybrid .node-shape { stroke: var(--wu-fg); stroke-width: 2.2; }
.wu .mode-unassigned .node-shape, .wu .mode-unknown .node-shape { stroke: var(--wu-unknown); stroke-dasharray: 6 4; }
.wu .node-outline { fill: none; }
.wu .node-tint-human { fill: var(--wu-human); fill-opacity: 0.12; }
.wu .node-tint-ai-agent { fill: var(--wu-ai); fill-opacity: 0.12; }
.wu .node-tint-automation { fill: var(--wu-auto); fill-opacity: 0.12; }
.wu .node-tint-unknown { fill: var(--wu-unknown); fill-opacity: 0.08; }
.wu .node-boundary { stroke: var(--wu-fg); stroke-width: 1.5; stroke-dasharray: 5 3; }
.wu .node-id { fill: var(--wu-muted); }
.wu .chip-performer { fill: var(--wu-bg); stroke-width: 1.2; }
.wu .acc-inline { fill: var(--wu-human); }
.wu .edge { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
.wu .edge-flow { stroke: var(--wu-fg); }
.wu .edge-exception { stroke: var(--wu-warning); stroke-dasharray: 7 4; }
.wu .is-crossing .edge { stroke: var(--wu-crossing); stroke-width: 2.6; }
.wu .arrow-flow { fill: var(--wu-fg); }
.wu .arrow-exception { fill: var(--wu-warning); }
.wu .arrow-crossing { fill: var(--wu-crossing); }
.wu .arrow-handoff { fill: var(--wu-handoff); }
.wu .cross-mark { fill: var(--wu-crossing); stroke: var(--wu-bg); stroke-width: 1.5; }
.wu .cross-glyph { fill: none; stroke: var(--wu-bg); stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
.wu .end-outer { fill: var(--wu-bg); stroke: var(--wu-fg); stroke-width: 1.8; }
.wu .end-inner { fill: var(--wu-fg); }
.wu .label-bg { fill: var(--wu-bg); fill-opacity: 0.92; }
.wu .exc-label { fill: var(--wu-warning); }
.wu .is-crossing .exc-label { fill: var(--wu-crossing); }
.wu .acc-link { fill: none; stroke: var(--wu-human); stroke-width: 1.6; stroke-dasharray: 1.5 3.5; stroke-linecap: round; }
.wu .acc-dot { fill: var(--wu-human); }
.wu .acc-label { fill: var(--wu-human); }
.wu .handoff-line { fill: none; stroke: var(--wu-handoff); stroke-width: 2.2; }
.wu .handoff-label { fill: var(--wu-handoff); }
.wu .handoff-pill { fill: var(--wu-bg); stroke: var(--wu-handoff); stroke-width: 1.2; }
.wu .gap-outline { fill: none; stroke: var(--wu-error); stroke-width: 2; stroke-dasharray: 6 4; }
.wu .gap-pill { fill: var(--wu-error); }
.wu .gap-text { fill: var(--wu-bg); }
.wu .badge-error { fill: var(--wu-error); }
.wu .badge-warning { fill: var(--wu-warning); }
.wu .badge-info { fill: var(--wu-info); }
.wu .badge-text { fill: var(--wu-bg); }
.wu .legend-title { fill: var(--wu-muted); }
.wu .dangling-mark { fill: var(--wu-bg); stroke: var(--wu-error); stroke-width: 1.8; stroke-dasharray: 3 2; }
.wu .dangling-text { fill: var(--wu-error); }
.wu .edge-dangling { stroke: var(--wu-error); stroke-dasharray: 4 3; }
.wu .branch-label { fill: var(--wu-fg); }
.wu .band-neutral .band-strip { fill: var(--wu-unknown); fill-opacity: 0.16; }
.wu .lane-heads .lane-head-bg { fill: var(--wu-bg); }
.wu .node-duration { fill: var(--wu-muted); }
.wu .node-measured { fill: var(--wu-muted); }
.wu .node-drift { fill: var(--wu-warning); }

`.trim();
}

// ---------------------------------------------------------------------------
// Building blocks

/** An attribute value already escaped (built from escaped parts here, never from a raw string of the file). */
interface Escaped {
  escaped: string;
}
type Attrs = Record<string, string | number | Escaped | undefined | null | false>;

/** An element; every attribute value is escaped (unless built `Escaped`), children are markup built here. */
function tag(name: string, attrs: Attrs, ...children: string[]): string {
  let s = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    s += ` ${k}="${typeof v === 'object' ? v.escaped : escapeXml(typeof v === 'number' ? num(v) : v)}"`;
  }
  return children.length === 0 ? `${s}/>` : `${s}>${children.join('')}</${name}>`;
}

/** A text element with escaped content. */
function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return tag('text', { x, y, ...attrs }, escapeXml(content));
}

/** A `<title>` (tooltip and accessible name) with escaped content. */
function title(content: string): string {
  return tag('title', {}, escapeXml(content));
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function pathOf(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join(' ');
}

const GLYPH: Record<DiagramLane['kind'], string> = { human: 'human', 'ai-agent': 'ai', automation: 'auto', unknown: 'unknown' };

function glyph(kind: DiagramLane['kind'], x: number, y: number, size: number): string {
  return tag('use', { href: `#wu-g-${GLYPH[kind]}`, x, y, width: size, height: size, class: `k-${kind}` });
}

function defs(): string {
  const arrow = (id: string, cls: string) =>
    tag('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, tag('path', { d: 'M0 0 L10 5 L0 10 z', class: cls }));
  return tag(
    'defs',
    {},
    // Lane patterns: AI agents striped, automations dotted, unknown cross-hatched; people plain.
    tag('pattern', { id: 'wu-pat-ai', width: 10, height: 10, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, tag('line', { x1: 0, y1: 0, x2: 0, y2: 10, class: 'pat-ai' })),
    tag('pattern', { id: 'wu-pat-auto', width: 12, height: 12, patternUnits: 'userSpaceOnUse' }, tag('circle', { cx: 6, cy: 6, r: 1.4, class: 'pat-auto' })),
    tag(
      'pattern',
      { id: 'wu-pat-unknown', width: 12, height: 12, patternUnits: 'userSpaceOnUse' },
      tag('path', { d: 'M0 0 L12 12 M12 0 L0 12', class: 'pat-unknown' }),
    ),
    arrow('wu-arrow-flow', 'arrow-flow'),
    arrow('wu-arrow-exception', 'arrow-exception'),
    arrow('wu-arrow-crossing', 'arrow-crossing'),
    arrow('wu-arrow-handoff', 'arrow-handoff'),
    // Glyphs, drawn in currentColor on a 20×20 box.
    tag(
      'symbol',
      { id: 'wu-g-human', viewBox: '0 0 20 20' },
      tag('circle', { cx: 10, cy: 6.5, r: 3.6, class: 'glyph' }),
      tag('path', { d: 'M3.5 18 C3.5 13 6.5 11.2 10 11.2 C13.5 11.2 16.5 13 16.5 18', class: 'glyph' }),
    ),
    tag(
      'symbol',
      { id: 'wu-g-ai', viewBox: '0 0 20 20' },
      tag('rect', { x: 4.5, y: 4.5, width: 11, height: 11, rx: 2, class: 'glyph' }),
      tag('path', { d: 'M8 2v2.5M12 2v2.5M8 15.5V18M12 15.5V18M2 8h2.5M2 12h2.5M15.5 8H18M15.5 12H18', class: 'glyph' }),
      tag('path', { d: 'M10 7.2 L11 9 L12.8 10 L11 11 L10 12.8 L9 11 L7.2 10 L9 9 z', class: 'glyph-fill' }),
    ),
    tag(
      'symbol',
      { id: 'wu-g-auto', viewBox: '0 0 20 20' },
      tag('circle', { cx: 10, cy: 10, r: 3, class: 'glyph' }),
      tag('path', {
        d: 'M10 2.5v2.6M10 14.9v2.6M2.5 10h2.6M14.9 10h2.6M4.7 4.7l1.8 1.8M13.5 13.5l1.8 1.8M4.7 15.3l1.8-1.8M13.5 6.5l1.8-1.8',
        class: 'glyph',
      }),
      tag('circle', { cx: 10, cy: 10, r: 6, class: 'glyph' }),
    ),
    tag(
      'symbol',
      { id: 'wu-g-unknown', viewBox: '0 0 20 20' },
      tag('circle', { cx: 10, cy: 10, r: 7.5, class: 'glyph' }),
      tag('path', { d: 'M7.6 7.8 C7.6 5.2 12.4 5.2 12.4 7.8 C12.4 9.6 10 9.6 10 11.8', class: 'glyph' }),
      tag('circle', { cx: 10, cy: 14.6, r: 1, class: 'glyph-fill' }),
    ),
  );
}

/** The crossing mark: an orange disc with an up-and-down arrow. */
function crossMark(x: number, y: number, tip: string): string {
  return tag(
    'g',
    { class: 'cross-marker', transform: `translate(${num(x)} ${num(y)})` },
    title(tip),
    tag('circle', { r: 9, class: 'cross-mark' }),
    tag('path', { d: 'M-2.5 -5 V5 M-5 -2.5 L-2.5 -5 L0 -2.5 M2.5 5 V-5 M0 2.5 L2.5 5 L5 2.5', class: 'cross-glyph' }),
  );
}

function endMarker(c: Point): string {
  return tag('g', { class: 'end-marker' }, title('end'), tag('circle', { cx: c.x, cy: c.y, r: G.endR, class: 'end-outer' }), tag('circle', { cx: c.x, cy: c.y, r: 4.5, class: 'end-inner' }));
}

/** A laid-out text block: one `<text>`, a `<tspan>` per line; `data-fit` is the width its lines were wrapped to. */
function block(b: TextBlock, cls: string, attrs: Attrs = {}): string {
  const classes = `${cls}${b.style === 'plain' ? '' : ` t-${b.style}`}`;
  const common: Attrs = { x: b.x, y: b.y, 'font-size': b.size, class: classes, 'text-anchor': b.anchor === 'start' ? undefined : b.anchor, 'data-fit': b.width, ...attrs };
  if (b.lines.length === 1) return tag('text', common, escapeXml(b.lines[0]!));
  const spans = b.lines.map((line, i) => tag('tspan', { x: b.x, dy: i === 0 ? undefined : b.lineHeight }, escapeXml(line)));
  return tag('text', common, ...spans);
}

/** The opaque background that keeps lines from striking through a label. */
function halo(b: Box, pad = 2): string {
  return tag('rect', { x: b.x - pad, y: b.y - pad / 2, width: b.width + 2 * pad, height: b.height + pad, rx: 3, class: 'label-bg' });
}

function rect(b: Box, cls: string, rx?: number): string {
  return tag('rect', { x: b.x, y: b.y, width: b.width, height: b.height, rx, class: cls });
}

/** A decision's shape: a box with pointed left and right ends. */
function decisionPath(b: Box): string {
  const t = Math.min(G.tip, b.width / 4);
  const cy = b.y + b.height / 2;
  return `M${num(b.x)} ${num(cy)} L${num(b.x + t)} ${num(b.y)} L${num(b.x + b.width - t)} ${num(b.y)} L${num(b.x + b.width)} ${num(cy)} L${num(b.x + b.width - t)} ${num(b.y + b.height)} L${num(b.x + t)} ${num(b.y + b.height)} Z`;
}

function shape(b: Box, decision: boolean, cls: string): string {
  return decision ? tag('path', { d: decisionPath(b), class: cls }) : rect(b, cls, 8);
}

// ---------------------------------------------------------------------------
// The diagram

interface Ctx {
  d: Diagram;
  laneOf: Map<string, DiagramLane>;
  nodeOf: Map<string, DiagramNode>;
}

export function renderSvg(d: Diagram, opts: SvgOptions = {}): string {
  const standalone = opts.standalone !== false;
  const theme = opts.theme === 'dark' ? 'dark' : 'light';
  const laneOf = new Map<string, DiagramLane>();
  for (const l of d.lanes) if (!laneOf.has(l.actor)) laneOf.set(l.actor, l);
  const nodeOf = new Map<string, DiagramNode>();
  for (const n of d.nodes) if (!nodeOf.has(n.step)) nodeOf.set(n.step, n);
  const ctx: Ctx = { d, laneOf, nodeOf };
  const gaps = d.nodes.filter((n) => n.accountable && 'missing' in n.accountable).length;

  const body = [
    rect({ x: 0, y: 0, width: d.width, height: d.height }, 'bg'),
    renderHeader(d),
    renderBands(d),
    renderBoundaryLine(d),
    renderLinks(ctx),
    renderEdges(ctx),
    renderNodes(ctx),
    renderLabels(ctx),
    renderLaneHeads(d),
    renderBoundaryPill(d),
    renderLegend(d),
  ];
  const svg = tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: d.width,
      height: d.height,
      viewBox: `0 0 ${num(d.width)} ${num(d.height)}`,
      role: 'img',
      'aria-labelledby': 'wu-title wu-desc',
      class: `wu wu-${theme}`,
      'data-unit': d.unitId,
      'data-orientation': d.orientation,
    },
    tag('title', { id: 'wu-title' }, escapeXml(`Human–machine boundary of ${oneLine(d.title)}`)),
    tag('desc', { id: 'wu-desc' }, escapeXml(describe(d, gaps))),
    standalone ? tag('style', {}, diagramCss(theme)) : '',
    defs(),
    ...body,
  );
  return standalone ? `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n` : svg;
}

/** The text alternative: what a screen reader says for the whole diagram. */
function describe(d: Diagram, gaps: number): string {
  const names = (band: DiagramLane['band']) => d.lanes.filter((l) => l.band === band).map((l) => l.label);
  const people = names('human');
  const machines = names('machine');
  const neutral = names('neutral');
  const sides = d.orientation === 'horizontal' ? ['above', 'below'] : ['on the left of', 'on the right of'];
  const parts = [
    `Swimlane diagram of the work unit "${oneLine(d.title)}": ${d.elements.label}.`,
    d.statement !== undefined ? `Outcome: ${oneLine(d.statement)}${d.within ? ` within ${oneLine(d.within)}` : ''}.` : 'No outcome statement.',
    `People ${sides[0]} the boundary: ${people.length ? people.join(', ') : 'none'}. Machines ${sides[1]} it: ${machines.length ? machines.join(', ') : 'none'}.`,
    ...(neutral.length ? [`On neither side yet: ${neutral.join(', ')}.`] : []),
    `${d.nodes.length} step${d.nodes.length === 1 ? '' : 's'}: ${d.nodes.map((n) => `${n.step} (${n.mode}${n.isDecision ? ', decision' : ''})`).join(', ') || 'none'}.`,
    `Crossings: ${d.crossings.map((c) => `${c.from} to ${c.to}${c.exception ? ` (exception ${c.exception})` : ''}`).join('; ') || 'none'}.`,
    `Hand-offs: ${d.handoffs.map((h) => `${h.exception} at ${h.at} to ${h.owner}`).join('; ') || 'none'}.`,
  ];
  if (gaps > 0) parts.push(`Steps with no accountable human: ${d.nodes.filter((n) => n.accountable && 'missing' in n.accountable).map((n) => n.step).join(', ')}.`);
  return parts.join(' ');
}

function renderHeader(d: Diagram): string {
  const h = d.header;
  const out: string[] = [block(h.title, 'title')];
  out.push(rect(h.counts.pill, 'counts-pill', h.counts.pill.height / 2));
  // The counts, each part in its colour ("3 crossings · 2 hand-offs"): one line, so tspans follow one another.
  const parts = h.counts.text.split(' · ');
  const b = h.counts.block;
  out.push(
    tag(
      'text',
      { x: b.x, y: b.y, 'font-size': b.size, class: 't-bold', 'data-counts': h.counts.text, 'data-fit': b.width },
      parts.map((p, i) => tag('tspan', { class: i === 0 ? 't-crossing' : i === 1 ? 't-handoff' : 't-gap' }, escapeXml(p)) + (i < parts.length - 1 ? escapeXml(' · ') : '')).join(''),
    ),
  );
  out.push(block(h.keys.outcome, 'header-key'), block(h.statement, d.statement === undefined ? 'txt-missing' : ''));
  out.push(block(h.keys.elements, 'header-key'));
  for (const c of h.elementChips) {
    out.push(
      tag(
        'g',
        { class: `element ${c.state}`, 'data-element': c.name, 'data-state': c.state },
        title(c.detail),
        rect(c.box, `chip-${c.state}`, c.box.height / 2),
        block(c.text, `txt-${c.state}`),
      ),
    );
  }
  // Green only when all four are complete; present but not complete, or one missing, is a warning.
  const allComplete = Object.values(d.elements.states).every((s) => s === 'complete');
  const statusClass = allComplete ? 'status-4' : d.elements.count >= 3 ? 'status-3' : 'status-low';
  out.push(block(h.status, statusClass, { 'data-elements': d.elements.count }));
  out.push(block(h.keys.learning, 'header-key'));
  if (h.noMetrics) out.push(block(h.noMetrics, 'txt-missing'));
  for (const m of h.metricChips) out.push(tag('g', { class: 'metric' }, title(m.full), rect(m.box, 'chip', 4), block(m.text, '')));
  const bottom = h.box.y + h.box.height;
  out.push(tag('line', { x1: h.box.x, y1: bottom, x2: h.box.x + h.box.width, y2: bottom, class: 'rule' }));
  return tag('g', { class: 'header' }, ...out);
}

const PATTERN: Record<DiagramLane['kind'], string | undefined> = { human: undefined, 'ai-agent': 'wu-pat-ai', automation: 'wu-pat-auto', unknown: 'wu-pat-unknown' };

function laneTip(l: DiagramLane): string {
  return `${l.label} — ${l.kind === 'unknown' ? (l.actor.startsWith('~') ? 'no performer' : 'kind unknown') : l.kind}${l.detail ? `: ${oneLine(l.detail)}` : ''}`;
}

function renderBands(d: Diagram): string {
  const out: string[] = [];
  for (const b of d.bands) {
    const name = b.name
      ? b.rotated
        ? block(b.name, 'band-name', { transform: `rotate(-90 ${num(b.name.box.x + b.name.box.width / 2)} ${num(b.name.box.y + b.name.box.height / 2)})` })
        : block(b.name, 'band-name')
      : '';
    out.push(tag('g', { class: `band band-${b.band === 'human' ? 'people' : b.band === 'machine' ? 'machines' : 'neutral'}` }, rect(b.strip, 'band-strip', 4), name));
  }
  for (const l of d.lanes) {
    const pattern = PATTERN[l.kind];
    const across = d.orientation === 'horizontal';
    out.push(
      tag(
        'g',
        { class: `lane lane-${l.kind}`, 'data-lane': l.band, 'data-actor': l.actor, 'data-kind': l.kind },
        title(laneTip(l)),
        rect(l, 'lane-bg'),
        pattern ? tag('rect', { x: l.x, y: l.y, width: l.width, height: l.height, fill: `url(#${pattern})` }) : '',
        across
          ? tag('line', { x1: l.x, y1: l.y + l.height, x2: l.x + l.width, y2: l.y + l.height, class: 'lane-sep' })
          : tag('line', { x1: l.x + l.width, y1: l.y, x2: l.x + l.width, y2: l.y + l.height, class: 'lane-sep' }),
      ),
    );
  }
  for (const n of d.notes) out.push(block(n, 'empty-band'));
  return tag('g', { class: 'bands' }, ...out);
}

/** The boundary's line, under the nodes (a hybrid node draws the boundary through itself). */
function renderBoundaryLine(d: Diagram): string {
  const bd = d.boundary;
  return tag(
    'g',
    { class: 'boundary-group', 'data-boundary': d.orientation === 'horizontal' ? `y=${num(bd.from.y)}` : `x=${num(bd.from.x)}` },
    title(`The human–machine boundary: people ${d.orientation === 'horizontal' ? 'above, machines below' : 'on the left, machines on the right'}`),
    tag('line', { x1: bd.from.x, y1: bd.from.y, x2: bd.to.x, y2: bd.to.y, class: 'boundary' }),
  );
}

/** The boundary's name on its pill, over the lane headers (across, it sits in their column). */
function renderBoundaryPill(d: Diagram): string {
  const bd = d.boundary;
  return tag('g', { class: 'boundary-name' }, rect(bd.pill, 'boundary-pill', bd.pill.height / 2), block(bd.text, 'boundary-text'));
}

/** The lane headers, in a group of their own: the preview keeps it in sight while the canvas pans. */
function renderLaneHeads(d: Diagram): string {
  const out = d.lanes.map((l) =>
    tag(
      'g',
      { class: `lane-head-group lane-${l.kind}`, 'data-head': l.actor },
      title(laneTip(l)),
      rect(l.head, 'lane-head-bg'),
      rect(l.head, 'lane-head'),
      glyph(l.kind, l.glyph.x, l.glyph.y, l.glyph.width),
      block(l.texts.label, 'lane-id'),
      block(l.texts.kind, `kind-badge k-${l.kind}`),
      l.texts.detail ? block(l.texts.detail, 'lane-detail') : '',
    ),
  );
  return tag('g', { class: 'lane-heads', 'data-pin': d.orientation === 'horizontal' ? 'x' : 'y' }, ...out);
}

function renderLinks(ctx: Ctx): string {
  const out: string[] = [];
  for (const n of ctx.d.nodes) {
    for (const l of n.links) {
      const end = l.points[l.points.length - 1]!;
      if (l.kind === 'accountable') {
        out.push(
          tag(
            'g',
            { class: 'accountable-link', 'data-accountable': l.actor, 'data-for': n.step },
            title(`${l.actor} is accountable for ${n.step}`),
            tag('path', { d: pathOf(l.points), class: 'acc-link' }),
            tag('circle', { cx: end.x, cy: end.y, r: 3.5, class: 'acc-dot' }),
          ),
        );
      } else {
        const when = ctx.d.edges.find((e) => e.exception?.id === l.exception)?.exception?.when;
        out.push(
          tag(
            'g',
            { class: 'handoff', 'data-handoff': l.exception, 'data-at': n.step, 'data-owner': l.actor },
            title(`Hand-off ${l.exception ?? ''}: the case leaves ${n.step} for ${l.actor}${when ? ` — when ${oneLine(when)}` : ''}`),
            tag('path', { d: pathOf(l.points), class: 'handoff-line', 'marker-end': 'url(#wu-arrow-handoff)' }),
          ),
        );
      }
    }
  }
  return tag('g', { class: 'links' }, ...out);
}

function edgeTip(ctx: Ctx, e: DiagramEdge): string {
  const mode = (s: string) => ctx.nodeOf.get(s)?.mode ?? '';
  const head = e.kind === 'exception' ? `Exception ${e.exception?.id ?? ''}` : e.kind === 'next' ? 'Next' : 'Then (falls through)';
  const ends = e.to === 'end' ? `${e.from} → end` : e.dangling ? `${e.from} → ${e.to} (no such step)` : `${e.from} (${mode(e.from)}) → ${e.to} (${mode(e.to)})`;
  const parts = [`${head}: ${ends}`];
  if (e.branch !== undefined) parts.push(`branch “${oneLine(e.branch)}”`);
  if (e.exception?.when) parts.push(`when ${oneLine(e.exception.when)}`);
  if (e.exception?.owner) parts.push(`owner ${e.exception.owner}`);
  if (e.crossing) parts.push('crosses the human–machine boundary');
  return parts.join(' — ');
}

function renderEdges(ctx: Ctx): string {
  const out: string[] = [];
  // Exception routes first, flow on top.
  const ordered = [...ctx.d.edges.filter((e) => e.kind === 'exception'), ...ctx.d.edges.filter((e) => e.kind !== 'exception')];
  for (const e of ordered) {
    if (e.points.length < 2) continue;
    const exception = e.kind === 'exception';
    let pts = e.points;
    let terminal = '';
    if (e.to === 'end' || e.dangling) {
      // The route's last point is the marker's centre: the line stops at its rim.
      const c = pts[pts.length - 1]!;
      const prev = pts[pts.length - 2]!;
      const len = Math.hypot(c.x - prev.x, c.y - prev.y) || 1;
      pts = [...pts.slice(0, -1), { x: c.x - ((c.x - prev.x) / len) * (G.endR + 1), y: c.y - ((c.y - prev.y) / len) * (G.endR + 1) }];
      terminal = e.dangling ? danglingMarker(c, e.to) : endMarker(c);
    }
    const marker = e.crossing ? 'wu-arrow-crossing' : exception ? 'wu-arrow-exception' : 'wu-arrow-flow';
    const attrs: Attrs = {
      class: `edge-group ${exception ? 'exception' : 'flow'}${e.crossing ? ' is-crossing' : ''}${e.dangling ? ' is-dangling' : ''}`,
      'data-from': e.from,
      'data-to': e.to,
      'data-kind': e.kind,
      'data-branch': e.branch,
      'data-dangling': e.dangling ? 'true' : undefined,
    };
    if (e.crossing) {
      // `>` is legal in an attribute value: the separator stays literal (`screen->decide`), the ids are escaped.
      attrs['data-crossing'] = { escaped: `${escapeXml(e.from)}->${escapeXml(e.to)}` };
      attrs['data-via'] = exception ? 'exception' : 'flow';
    }
    if (e.exception) attrs['data-exception'] = e.exception.id;
    out.push(
      tag(
        'g',
        attrs,
        title(edgeTip(ctx, e)),
        tag('path', { d: pathOf(pts), class: `edge ${exception ? 'edge-exception' : 'edge-flow'}${e.dangling ? ' edge-dangling' : ''}`, 'marker-end': terminal ? undefined : `url(#${marker})` }),
        terminal,
        e.marker ? crossMark(e.marker.x, e.marker.y, `Crossing: ${e.from} → ${e.to}${e.exception ? ` (exception ${e.exception.id})` : ''}`) : '',
      ),
    );
  }
  return tag('g', { class: 'edges' }, ...out);
}

function danglingMarker(c: Point, name: string): string {
  return tag(
    'g',
    { class: 'dangling-marker' },
    title(`${name}: no step has this id`),
    tag('circle', { cx: c.x, cy: c.y, r: G.endR, class: 'dangling-mark' }),
    tag('path', { d: `M${num(c.x - 3.5)} ${num(c.y - 3.5)} L${num(c.x + 3.5)} ${num(c.y + 3.5)} M${num(c.x + 3.5)} ${num(c.y - 3.5)} L${num(c.x - 3.5)} ${num(c.y + 3.5)}`, class: 'edge edge-dangling' }),
  );
}

/** Labels above everything but the lane headers and the legend: exception triggers, branches, unknown targets, links. */
function renderLabels(ctx: Ctx): string {
  const out: string[] = [];
  for (const e of ctx.d.edges) {
    if (!e.text) continue;
    const cls = e.exception ? 'exc-label' : e.dangling ? 'dangling-text' : 'branch-label';
    const attrs: Attrs = { class: `edge-label${e.crossing ? ' is-crossing' : ''}`, 'data-label-for': e.exception?.id ?? `${e.from}->${e.to}` };
    if (e.branch !== undefined) attrs['data-branch'] = e.branch;
    out.push(tag('g', attrs, title(edgeTip(ctx, e)), halo(e.text.box), block(e.text, cls)));
  }
  for (const n of ctx.d.nodes) {
    for (const l of n.links) {
      out.push(tag('g', { class: `link-label link-${l.kind}`, 'data-for': n.step }, halo(l.text.box), block(l.text, l.kind === 'accountable' ? 'acc-label' : 'handoff-label')));
    }
  }
  return tag('g', { class: 'edge-labels' }, ...out);
}

// ---- Nodes

function renderNodes(ctx: Ctx): string {
  return tag('g', { class: 'nodes' }, ...ctx.d.nodes.map((n) => renderNode(ctx, n)));
}

function nodeKind(ctx: Ctx, n: DiagramNode): DiagramLane['kind'] {
  const kinds = n.performers.map((p) => ctx.laneOf.get(p)?.kind ?? 'unknown');
  if (n.mode === 'human') return 'human';
  if (kinds.includes('ai-agent')) return 'ai-agent';
  if (kinds.includes('automation')) return 'automation';
  return n.mode === 'unknown' || n.mode === 'unassigned' ? 'unknown' : (kinds[0] ?? 'unknown');
}

function nodeTip(n: DiagramNode, ctx: Ctx): string {
  const lines = [`${n.step} — ${oneLine(n.label)}`];
  if (n.isDecision) lines.push(`Decision${n.question ? `: ${oneLine(n.question)}` : ''}`);
  lines.push(
    n.performers.length > 0
      ? `Performed by ${n.performers.map((p) => `${p} (${ctx.laneOf.get(p)?.kind ?? 'unknown'})`).join(', ')} — ${n.mode}`
      : 'No performer — unassigned',
  );
  if (n.expectedDuration !== undefined) lines.push(`Expected duration: ${oneLine(n.expectedDuration)}`);
  if (n.measured) lines.push(`From the log: ${figuresLine(n.measured)}${n.measured.drift ? ` — ${driftLine(n.measured.drift)}` : ''}`);
  if (n.accountable) lines.push('actor' in n.accountable ? `Accountable: ${n.accountable.actor}` : 'No accountable human');
  for (const f of n.findings) lines.push(`${f.severity}: ${oneLine(f.message)} (${f.rule})`);
  return lines.join('\n');
}

function renderNode(ctx: Ctx, n: DiagramNode): string {
  const kind = nodeKind(ctx, n);
  const box: Box = { x: n.x, y: n.y, width: n.width, height: n.height };
  const parts: string[] = [title(nodeTip(n, ctx))];
  parts.push(shape(box, n.isDecision, 'node-shape'));
  if (n.split) {
    // A hybrid node: the people half and the machine half, the boundary through it.
    const clipId = `wu-clip-${n.index}`;
    parts.push(tag('clipPath', { id: clipId }, n.isDecision ? tag('path', { d: decisionPath(box) }) : rect(box, '', 8)));
    parts.push(
      tag(
        'g',
        { 'clip-path': `url(#${clipId})` },
        rect(n.split.people, 'node-tint-human'),
        rect(n.split.machines, `node-tint-${n.split.machineKind}`),
        tag('line', { x1: n.split.line[0].x, y1: n.split.line[0].y, x2: n.split.line[1].x, y2: n.split.line[1].y, class: 'node-boundary' }),
      ),
    );
  } else {
    parts.push(shape(box, n.isDecision, `node-tint-${kind}`));
  }
  parts.push(shape(box, n.isDecision, 'node-shape node-outline'));
  parts.push(block(n.texts.id, 'node-id mono halo'));
  parts.push(block(n.texts.label, 'node-label halo'));
  if (n.texts.question) parts.push(block(n.texts.question, 'node-question halo'));
  if (n.texts.duration) parts.push(tag('g', { class: 'duration', 'data-duration': n.expectedDuration }, block(n.texts.duration, 'node-duration halo')));
  if (n.texts.measured) parts.push(tag('g', { class: 'measured', 'data-events': n.measured?.events }, block(n.texts.measured, 'node-measured halo')));
  if (n.texts.drift) parts.push(tag('g', { class: 'drift' }, block(n.texts.drift, 'node-drift halo')));
  if (n.texts.accountable && n.accountable && 'actor' in n.accountable) {
    parts.push(tag('g', { class: 'accountable-inline', 'data-accountable': n.accountable.actor }, title(`${n.accountable.actor} is accountable for ${n.step}`), block(n.texts.accountable, 'acc-inline halo')));
  }
  for (const c of n.chips) {
    parts.push(
      tag(
        'g',
        { class: 'performer', 'data-performer': c.actor },
        title(`${c.actor} (${c.kind}) also performs this step`),
        rect(c.box, `chip-performer k-${c.kind}`, c.box.height / 2),
        glyph(c.kind, c.glyph.x, c.glyph.y, c.glyph.width),
        block(c.text, 'chip-text'),
      ),
    );
  }
  for (const b of n.badges) {
    const body =
      b.severity === 'warning'
        ? tag('path', { d: `M${num(b.cx)} ${num(b.cy - 8.5)} L${num(b.cx + 9)} ${num(b.cy + 7)} L${num(b.cx - 9)} ${num(b.cy + 7)} Z`, class: 'badge-warning' })
        : tag('circle', { cx: b.cx, cy: b.cy, r: 8, class: `badge-${b.severity}` });
    parts.push(
      tag(
        'g',
        b.rule !== undefined ? { class: `badge badge-${b.severity}-group`, 'data-severity': b.severity, 'data-rule': b.rule } : { class: 'badge badge-more' },
        title(b.tip),
        body,
        text(b.cx, b.cy + 4, b.text, { class: 'badge-text t-bold', 'text-anchor': 'middle', 'font-size': 11 }),
      ),
    );
  }
  if (n.gap) {
    parts.push(
      tag(
        'g',
        { class: 'gap', 'data-gap': n.step },
        title(`Gap: ${n.step} is a ${n.mode} step with no accountable human — name one with accountable:`),
        shape(n.gap.outline, n.isDecision, 'gap-outline'),
        rect(n.gap.pill, 'gap-pill', 8),
        block(n.gap.text, 'gap-text'),
      ),
    );
  }
  return tag(
    'g',
    {
      class: `node mode-${n.mode} kind-${kind}${n.isDecision ? ' decision' : ''}${n.straddles ? ' straddles' : ''}`,
      'data-step': n.step,
      'data-mode': n.mode,
      'data-index': n.index,
      'data-decision': n.isDecision ? 'true' : undefined,
      'data-lanes': n.lanes.join(' '),
    },
    ...parts,
  );
}

// ---- Legend

function renderLegend(d: Diagram): string {
  const g = d.legend;
  const out: string[] = [tag('line', { x1: g.box.x, y1: g.box.y, x2: g.box.x + g.box.width, y2: g.box.y, class: 'rule' }), block(g.title, 'legend-title')];
  for (const item of g.items) {
    out.push(tag('g', { class: 'legend-item', 'data-legend': item.key }, legendSample(item.key, item.sample.x, item.sample.y + item.sample.height / 2), block(item.text, 'legend-text')));
  }
  return tag('g', { class: 'legend' }, ...out);
}

function legendSample(key: string, x: number, y: number): string {
  const box = (cls: string, pattern?: string, kind: DiagramLane['kind'] = 'human') =>
    tag('g', { class: `lane-${kind}` }, tag('rect', { x, y: y - 9, width: 48, height: 18, class: cls }), pattern ? tag('rect', { x, y: y - 9, width: 48, height: 18, fill: `url(#${pattern})` }) : '', glyph(kind, x + 2, y - 8, 16));
  switch (key) {
    case 'lane-human':
      return box('lane-bg', undefined, 'human');
    case 'lane-ai-agent':
      return box('lane-bg', 'wu-pat-ai', 'ai-agent');
    case 'lane-automation':
      return box('lane-bg', 'wu-pat-auto', 'automation');
    case 'unassigned':
      return box('lane-bg', 'wu-pat-unknown', 'unknown');
    case 'boundary':
      return tag('line', { x1: x, y1: y, x2: x + 48, y2: y, class: 'boundary' });
    case 'step':
      return tag('g', { class: 'mode-machine kind-automation' }, tag('rect', { x: x + 4, y: y - 9, width: 40, height: 18, rx: 5, class: 'node-shape' }));
    case 'decision':
      return tag('g', { class: 'mode-human' }, tag('path', { d: decisionPath({ x: x + 2, y: y - 10, width: 44, height: 20 }), class: 'node-shape' }));
    case 'dangling':
      return tag('g', {}, tag('path', { d: `M${x} ${y} L${x + 30} ${y}`, class: 'edge edge-flow edge-dangling' }), danglingMarker({ x: x + 38, y }, 'unknown'));
    case 'hybrid':
      return tag(
        'g',
        { class: 'mode-hybrid' },
        tag('rect', { x: x + 4, y: y - 10, width: 40, height: 10, class: 'node-tint-human' }),
        tag('rect', { x: x + 4, y, width: 40, height: 10, class: 'node-tint-ai-agent' }),
        tag('line', { x1: x + 4, y1: y, x2: x + 44, y2: y, class: 'node-boundary' }),
        tag('rect', { x: x + 4, y: y - 10, width: 40, height: 20, rx: 5, class: 'node-shape node-outline' }),
      );
    case 'flow':
      return tag('path', { d: `M${x} ${y} L${x + 44} ${y}`, class: 'edge edge-flow', 'marker-end': 'url(#wu-arrow-flow)' });
    case 'exception':
      return tag('path', { d: `M${x} ${y} L${x + 44} ${y}`, class: 'edge edge-exception', 'marker-end': 'url(#wu-arrow-exception)' });
    case 'crossing':
      return tag('g', { class: 'is-crossing' }, tag('path', { d: `M${x} ${y} L${x + 44} ${y}`, class: 'edge', 'marker-end': 'url(#wu-arrow-crossing)' }), crossMark(x + 20, y, 'crossing'));
    case 'handoff':
      return tag('g', {}, tag('path', { d: `M${x + 10} ${y + 10} L${x + 10} ${y - 8}`, class: 'handoff-line', 'marker-end': 'url(#wu-arrow-handoff)' }), text(x + 18, y + 4, '⚑', { class: 'handoff-label t-bold', 'font-size': 11 }));
    case 'accountable':
      return tag('g', {}, tag('path', { d: `M${x + 6} ${y + 10} L${x + 6} ${y - 4}`, class: 'acc-link' }), tag('circle', { cx: x + 6, cy: y - 4, r: 3.5, class: 'acc-dot' }), glyph('human', x + 14, y - 9, 16), text(x + 31, y + 4, 'A', { class: 'acc-label t-bold', 'font-size': 11 }));
    case 'gap':
      return tag('g', {}, tag('rect', { x: x + 3, y: y - 10, width: 42, height: 20, rx: 5, class: 'gap-outline' }), text(x + 24, y + 4, '✕', { class: 't-gap t-bold', 'text-anchor': 'middle', 'font-size': 11 }));
    case 'findings':
      return tag(
        'g',
        {},
        tag('circle', { cx: x + 10, cy: y, r: 8, class: 'badge-error' }),
        text(x + 10, y + 4, '!', { class: 'badge-text t-bold', 'text-anchor': 'middle', 'font-size': 11 }),
        tag('path', { d: `M${x + 32} ${y - 8.5} L${x + 41} ${y + 7} L${x + 23} ${y + 7} Z`, class: 'badge-warning' }),
        text(x + 32, y + 5, '!', { class: 'badge-text t-bold', 'text-anchor': 'middle', 'font-size': 11 }),
      );
    case 'end':
      return endMarker({ x: x + 24, y });
    default:
      return '';
  }
}

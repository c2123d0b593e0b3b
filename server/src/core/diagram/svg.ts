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
import { bandExtents, EXCEPTION_LABEL_MIN, FONT, G, headerGeometry, LANES_LEFT, legendGeometry, type HeaderGeometry } from './frame';
import { escapeXml, fitText, oneLine, textWidth, wrapText } from './text';
import type { Diagram, DiagramEdge, DiagramHandoff, DiagramLane, DiagramNode, Point } from './types';
import { pushAll } from '../collections';

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
.wu text { fill: var(--wu-fg); font-size: ${FONT.body}px; }
.wu .mono { font-family: var(--vscode-editor-font-family, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace); }
.wu .bg { fill: var(--wu-bg); }
.wu .muted { fill: var(--wu-muted); }
.wu .small { font-size: ${FONT.small}px; }
.wu .bold { font-weight: 600; }
.wu .halo { paint-order: stroke; stroke: var(--wu-bg); stroke-width: 3px; stroke-linejoin: round; }
.wu .title { font-size: ${FONT.title}px; font-weight: 700; }
.wu .header-key { font-size: ${FONT.small}px; font-weight: 700; fill: var(--wu-muted); letter-spacing: 0.06em; }
.wu .rule { stroke: var(--wu-border); stroke-width: 1; }
.wu .chip { fill: var(--wu-bg); stroke: var(--wu-border); }
.wu .chip-present { fill: color-mix(in srgb, var(--wu-ok) 12%, var(--wu-bg)); stroke: var(--wu-ok); }
.wu .chip-missing { fill: color-mix(in srgb, var(--wu-error) 10%, var(--wu-bg)); stroke: var(--wu-error); stroke-dasharray: 4 3; }
.wu .txt-present { fill: var(--wu-ok); font-weight: 600; font-size: ${FONT.small}px; }
.wu .txt-missing { fill: var(--wu-error); font-weight: 600; font-size: ${FONT.small}px; }
.wu .status-4 { fill: var(--wu-ok); font-weight: 700; }
.wu .status-3 { fill: var(--wu-warning); font-weight: 700; }
.wu .status-low { fill: var(--wu-error); font-weight: 700; }
.wu .counts-pill { fill: var(--wu-bg); stroke: var(--wu-border); }
.wu .t-crossing { fill: var(--wu-crossing); font-weight: 700; }
.wu .t-handoff { fill: var(--wu-handoff); font-weight: 700; }
.wu .t-gap { fill: var(--wu-error); font-weight: 700; }
.wu .t-human { fill: var(--wu-human); }
.wu .band-strip { fill: var(--wu-fg); fill-opacity: 0.06; }
.wu .band-name { font-size: ${FONT.small}px; font-weight: 700; letter-spacing: 0.18em; fill: var(--wu-muted); }
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
.wu .lane-id { font-size: ${FONT.lane}px; font-weight: 700; }
.wu .lane-detail { font-size: ${FONT.small}px; fill: var(--wu-muted); }
.wu .kind-badge { font-size: 9.5px; font-weight: 700; letter-spacing: 0.08em; }
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
.wu .boundary-text { fill: var(--wu-bg); font-size: ${FONT.small}px; font-weight: 700; letter-spacing: 0.04em; }
.wu .empty-band { fill: var(--wu-muted); font-size: ${FONT.small}px; font-style: italic; }
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
.wu .node-id { font-size: ${FONT.id}px; fill: var(--wu-muted); }
.wu .node-label { font-size: ${FONT.node}px; font-weight: 600; }
.wu .node-question { font-size: 11.5px; font-style: italic; }
.wu .chip-performer { fill: var(--wu-bg); stroke-width: 1.2; }
.wu .chip-text { font-size: 10.5px; font-weight: 600; }
.wu .acc-inline { font-size: 10px; fill: var(--wu-human); font-weight: 600; }
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
.wu .exc-label { font-size: ${FONT.small}px; fill: var(--wu-warning); font-weight: 600; }
.wu .is-crossing .exc-label { fill: var(--wu-crossing); }
.wu .acc-link { fill: none; stroke: var(--wu-human); stroke-width: 1.6; stroke-dasharray: 1.5 3.5; stroke-linecap: round; }
.wu .acc-dot { fill: var(--wu-human); }
.wu .acc-label { font-size: 10.5px; fill: var(--wu-human); font-weight: 600; }
.wu .handoff-line { fill: none; stroke: var(--wu-handoff); stroke-width: 2.2; }
.wu .handoff-label { font-size: 10.5px; fill: var(--wu-handoff); font-weight: 700; }
.wu .handoff-pill { fill: var(--wu-bg); stroke: var(--wu-handoff); stroke-width: 1.2; }
.wu .gap-outline { fill: none; stroke: var(--wu-error); stroke-width: 2; stroke-dasharray: 6 4; }
.wu .gap-pill { fill: var(--wu-error); }
.wu .gap-text { fill: var(--wu-bg); font-size: 10px; font-weight: 700; }
.wu .badge-error { fill: var(--wu-error); }
.wu .badge-warning { fill: var(--wu-warning); }
.wu .badge-info { fill: var(--wu-info); }
.wu .badge-text { fill: var(--wu-bg); font-size: 10px; font-weight: 800; }
.wu .legend-title { font-size: ${FONT.small}px; font-weight: 700; letter-spacing: 0.06em; fill: var(--wu-muted); }
.wu .legend-text { font-size: ${FONT.small}px; }
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

const KIND_NAME: Record<DiagramLane['kind'], string> = { human: 'HUMAN', 'ai-agent': 'AI AGENT', automation: 'AUTOMATION', unknown: 'UNKNOWN' };
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

/** A label on an opaque background, so lines that pass behind it do not cross its text. */
function labelBox(x: number, y: number, content: string, cls: string, fontSize: number, anchor: 'start' | 'end' | 'middle' = 'start', bold = true): string {
  const w = textWidth(content, fontSize, { bold });
  const left = anchor === 'start' ? x - 3 : anchor === 'end' ? x - w - 3 : x - w / 2 - 3;
  return (
    tag('rect', { x: left, y: y - fontSize + 1, width: w + 6, height: fontSize + 4, rx: 3, class: 'label-bg' }) +
    text(x, y, content, { class: cls, 'text-anchor': anchor === 'start' ? undefined : anchor })
  );
}

// ---------------------------------------------------------------------------
// The diagram

interface Ctx {
  d: Diagram;
  laneOf: Map<string, DiagramLane>;
  nodeOf: Map<string, DiagramNode>;
  peopleTop: number;
  machineBottom: number;
  right: number;
}

export function renderSvg(d: Diagram, opts: SvgOptions = {}): string {
  const standalone = opts.standalone !== false;
  const theme = opts.theme === 'dark' ? 'dark' : 'light';
  const laneOf = new Map<string, DiagramLane>();
  for (const l of d.lanes) if (!laneOf.has(l.actor)) laneOf.set(l.actor, l);
  const nodeOf = new Map<string, DiagramNode>();
  for (const n of d.nodes) if (!nodeOf.has(n.step)) nodeOf.set(n.step, n);
  const { peopleTop, machineBottom } = bandExtents(d);
  const ctx: Ctx = { d, laneOf, nodeOf, peopleTop, machineBottom, right: d.width - G.margin };

  const gaps = d.nodes.filter((n) => n.accountable && 'missing' in n.accountable).length;
  const header = headerGeometry({ ...d, gaps }, d.width);

  const body = [
    tag('rect', { x: 0, y: 0, width: d.width, height: d.height, class: 'bg' }),
    renderHeader(d, header),
    renderBands(ctx),
    renderLinks(ctx),
    renderEdges(ctx),
    renderNodes(ctx),
    renderEdgeLabels(ctx),
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
  const people = d.lanes.filter((l) => l.band === 'human').map((l) => l.label);
  const machines = d.lanes.filter((l) => l.band === 'machine').map((l) => l.label);
  const parts = [
    `Swimlane diagram of the work unit "${oneLine(d.title)}": ${d.elements.label}.`,
    d.statement !== undefined ? `Outcome: ${oneLine(d.statement)}${d.within ? ` within ${oneLine(d.within)}` : ''}.` : 'No outcome statement.',
    `People above the boundary: ${people.length ? people.join(', ') : 'none'}. Machines below it: ${machines.length ? machines.join(', ') : 'none'}.`,
    `${d.nodes.length} step${d.nodes.length === 1 ? '' : 's'}: ${d.nodes.map((n) => `${n.step} (${n.mode}${n.isDecision ? ', decision' : ''})`).join(', ') || 'none'}.`,
    `Crossings: ${d.crossings.map((c) => `${c.from} to ${c.to}${c.exception ? ` (exception ${c.exception})` : ''}`).join('; ') || 'none'}.`,
    `Hand-offs: ${d.handoffs.map((h) => `${h.exception} at ${h.at} to ${h.owner}`).join('; ') || 'none'}.`,
  ];
  if (gaps > 0) parts.push(`Steps with no accountable human: ${d.nodes.filter((n) => n.accountable && 'missing' in n.accountable).map((n) => n.step).join(', ')}.`);
  return parts.join(' ');
}

function renderHeader(d: Diagram, h: HeaderGeometry): string {
  const out: string[] = [];
  const left = G.margin;
  const valueLeft = left + 104;
  out.push(text(left, h.titleY, h.title, { class: 'title' }));
  if (h.title !== oneLine(d.title)) out.push(title(d.title));

  // The counts, top right: "3 crossings · 2 hand-offs".
  const parts = h.counts.split(' · ');
  const countsW = textWidth(h.counts, FONT.body, { bold: true });
  const cx = d.width - G.margin - countsW - 12;
  out.push(tag('rect', { x: cx - 10, y: h.titleY - 18, width: countsW + 20, height: 26, rx: 13, class: 'counts-pill' }));
  out.push(
    tag(
      'text',
      { x: cx, y: h.titleY, class: 'bold', 'data-counts': h.counts },
      parts.map((p, i) => tag('tspan', { class: i === 0 ? 't-crossing' : i === 1 ? 't-handoff' : 't-gap' }, escapeXml(p)) + (i < parts.length - 1 ? escapeXml(' · ') : '')).join(''),
    ),
  );

  out.push(text(left, h.statementY, 'OUTCOME', { class: 'header-key' }));
  out.push(
    tag('text', { x: valueLeft, y: h.statementY, class: d.statement === undefined ? 'txt-missing' : undefined }, title(h.statementFull), escapeXml(h.statement)),
  );

  out.push(text(left, h.elementsY, 'ELEMENTS', { class: 'header-key' }));
  for (const c of h.elementChips) {
    out.push(
      tag(
        'g',
        { class: `element ${c.present ? 'present' : 'missing'}`, 'data-element': c.name, 'data-present': String(c.present) },
        title(c.full),
        tag('rect', { x: c.x, y: c.y - 14, width: c.width, height: 20, rx: 10, class: c.present ? 'chip-present' : 'chip-missing' }),
        text(c.x + 8, c.y, c.text, { class: c.present ? 'txt-present' : 'txt-missing' }),
      ),
    );
  }
  const statusClass = d.elements.count === 4 ? 'status-4' : d.elements.count === 3 ? 'status-3' : 'status-low';
  out.push(tag('text', { x: h.label.x, y: h.label.y, class: statusClass, 'data-elements': d.elements.count }, title(h.label.full), escapeXml(h.label.text)));

  out.push(text(left, h.metricsY, 'LEARNING', { class: 'header-key' }));
  if (h.metricChips.length === 0) {
    out.push(text(valueLeft, h.metricsY, d.elements.learning ? 'no metrics' : 'missing — no learning loop', { class: 'txt-missing' }));
  }
  for (const m of h.metricChips) {
    out.push(
      tag(
        'g',
        { class: 'metric' },
        title(m.full),
        tag('rect', { x: m.x, y: m.y - 14, width: m.width, height: 20, rx: 4, class: 'chip' }),
        text(m.x + 8, m.y, m.text, { class: 'small' }),
      ),
    );
  }
  const bottom = G.margin + h.height;
  out.push(tag('line', { x1: left, y1: bottom, x2: d.width - G.margin, y2: bottom, class: 'rule' }));
  return tag('g', { class: 'header' }, ...out);
}

function renderBands(ctx: Ctx): string {
  const { d, peopleTop, machineBottom, right } = ctx;
  const out: string[] = [];
  const stripX = G.margin;
  const band = (y0: number, y1: number, name: string, cls: string) => {
    const cy = (y0 + y1) / 2;
    out.push(
      tag(
        'g',
        { class: `band ${cls}` },
        tag('rect', { x: stripX, y: y0, width: G.bandStrip - 4, height: y1 - y0, rx: 4, class: 'band-strip' }),
        // The rotated name only where the band is tall enough to hold it.
        y1 - y0 >= textWidth(name, FONT.small, { bold: true }) * 1.3 + 12
          ? text(stripX + (G.bandStrip - 4) / 2 + 4, cy, name, { class: 'band-name', 'text-anchor': 'middle', transform: `rotate(-90 ${num(stripX + (G.bandStrip - 4) / 2 + 4)} ${num(cy)})` })
          : '',
      ),
    );
  };
  band(peopleTop, d.boundaryY, 'PEOPLE', 'band-people');
  band(d.boundaryY, machineBottom, 'MACHINES', 'band-machines');
  const laneW = right - LANES_LEFT;
  for (const l of d.lanes) {
    const pattern = l.kind === 'ai-agent' ? 'wu-pat-ai' : l.kind === 'automation' ? 'wu-pat-auto' : l.kind === 'unknown' ? 'wu-pat-unknown' : undefined;
    const tip = `${l.label} — ${l.kind === 'unknown' ? (l.actor.startsWith('~') ? 'no performer' : 'kind unknown') : l.kind}${l.detail ? `: ${oneLine(l.detail)}` : ''}`;
    const labelW = G.laneLabel - 16;
    const idText = fitText(l.label, labelW - 30, FONT.lane, { bold: true });
    const badge = l.actor.startsWith('~') ? 'NO PERFORMER' : KIND_NAME[l.kind];
    out.push(
      tag(
        'g',
        { class: `lane lane-${l.kind}`, 'data-lane': l.band, 'data-actor': l.actor, 'data-kind': l.kind },
        title(tip),
        tag('rect', { x: LANES_LEFT, y: l.y, width: laneW, height: l.height, class: 'lane-bg' }),
        pattern ? tag('rect', { x: LANES_LEFT, y: l.y, width: laneW, height: l.height, fill: `url(#${pattern})` }) : '',
        tag('rect', { x: LANES_LEFT, y: l.y, width: G.laneLabel, height: l.height, class: 'lane-head' }),
        glyph(l.kind, LANES_LEFT + 10, l.y + 12, 22),
        text(LANES_LEFT + 38, l.y + 28, idText, { class: 'lane-id' }),
        text(LANES_LEFT + 38, l.y + 44, badge, { class: `kind-badge k-${l.kind}` }),
        l.detail ? text(LANES_LEFT + 12, l.y + 62, fitText(l.detail, labelW, FONT.small), { class: 'lane-detail' }) : '',
        tag('line', { x1: LANES_LEFT, y1: l.y + l.height, x2: right, y2: l.y + l.height, class: 'lane-sep' }),
      ),
    );
  }
  if (!d.lanes.some((l) => l.band === 'human')) {
    out.push(text(LANES_LEFT + 12, d.boundaryY - G.emptyBandH / 2 + 4, 'No people in this unit: no human actor performs a step.', { class: 'empty-band' }));
  }
  if (!d.lanes.some((l) => l.band === 'machine')) {
    out.push(text(LANES_LEFT + 12, d.boundaryY + G.emptyBandH / 2 + 4, 'No machines in this unit: no AI agent or automation.', { class: 'empty-band' }));
  }
  // The boundary: a heavy line across both bands, labelled in the lane-header column.
  const pillText = 'HUMAN–MACHINE BOUNDARY';
  const pillW = textWidth(pillText, FONT.small, { bold: true }) + 18;
  const pillX = LANES_LEFT + (G.laneLabel - pillW) / 2;
  out.push(
    tag(
      'g',
      { class: 'boundary-group', 'data-boundary-y': d.boundaryY },
      title('The human–machine boundary: people above, machines below'),
      tag('line', { x1: G.margin, y1: d.boundaryY, x2: right, y2: d.boundaryY, class: 'boundary' }),
      tag('rect', { x: pillX, y: d.boundaryY - 10, width: pillW, height: 20, rx: 10, class: 'boundary-pill' }),
      text(pillX + pillW / 2, d.boundaryY + 4, pillText, { class: 'boundary-text', 'text-anchor': 'middle' }),
    ),
  );
  return tag('g', { class: 'bands' }, ...out);
}

// ---- Accountable links and hand-offs (drawn under the nodes).

interface Riser {
  /** Where the line ends (the row in the target lane). */
  endY: number;
  kind: 'accountable' | 'handoff';
  label: string;
  tip: string;
  handoff?: DiagramHandoff;
}

/**
 * Lines that rise from a machine or hybrid node into a person's lane: the
 * link to its accountable human (dotted, ends on a dot) and its hand-offs
 * (arrows). In the target lane, the accountable row is above the lane's
 * centre and hand-off rows below it; the lines are ordered so that a label,
 * which reads to the right of its own line, never crosses another line.
 */
function risersOf(ctx: Ctx, n: DiagramNode): { risers: Riser[]; inline: { y: number; text: string; tip: string }[] } {
  const risers: Riser[] = [];
  const inline: { y: number; text: string; tip: string }[] = [];
  if (n.accountable && 'actor' in n.accountable) {
    const laneY = n.accountable.laneY;
    if (laneY < n.y) {
      risers.push({ endY: laneY - 12, kind: 'accountable', label: `accountable: ${n.accountable.actor}`, tip: `${n.accountable.actor} is accountable for ${n.step}` });
    } else if (!n.performers.includes(n.accountable.actor)) {
      inline.push({ y: laneY, text: `accountable: ${n.accountable.actor}`, tip: `${n.accountable.actor} is accountable for ${n.step}` });
    }
  }
  const perLane = new Map<string, number>();
  for (const h of ctx.d.handoffs) {
    if (h.at !== n.step || ctx.nodeOf.get(h.at) !== n) continue;
    const lane = ctx.laneOf.get(h.owner);
    if (!lane) continue;
    const laneY = lane.y + lane.height / 2;
    const m = perLane.get(h.owner) ?? 0;
    perLane.set(h.owner, m + 1);
    const when = ctx.d.edges.find((e) => e.exception?.id === h.exception)?.exception?.when;
    const tip = `Hand-off ${h.exception}: the case leaves ${h.at} for ${h.owner}${when ? ` — when ${oneLine(when)}` : ''}`;
    if (laneY < n.y) risers.push({ endY: laneY + 14 + m * 18, kind: 'handoff', label: `⚑ hand-off: ${h.exception}`, tip, handoff: h });
    else risers.push({ endY: Number.NaN, kind: 'handoff', label: `⚑ hand-off: ${h.exception} → ${h.owner}`, tip, handoff: h });
  }
  return { risers, inline };
}

function renderLinks(ctx: Ctx): string {
  const out: string[] = [];
  for (const n of ctx.d.nodes) {
    const { risers } = risersOf(ctx, n);
    const rising = risers.filter((r) => Number.isFinite(r.endY)).sort((a, b) => a.endY - b.endY);
    const diamond = n.isDecision;
    const cx = n.x + n.width / 2;
    const x0 = diamond ? cx - ((rising.length - 1) * 14) / 2 : n.x + 18;
    rising.forEach((r, i) => {
      const x = x0 + i * 14;
      const startY = diamond ? diamondTopAt(n, x) : n.y;
      const labelRoom = n.x + n.width + 36 - (x + 8);
      let label = fitText(r.label, labelRoom, 10.5, { bold: true });
      // "⚑ hand-off: id" where it fits, else "⚑ id" (the legend and the tooltip say what the flag means).
      if (r.kind === 'handoff' && label !== r.label) label = fitText(`⚑ ${r.handoff!.exception}`, labelRoom, 10.5, { bold: true });
      if (r.kind === 'accountable') {
        out.push(
          tag(
            'g',
            { class: 'accountable-link', 'data-accountable': (n.accountable as { actor: string }).actor, 'data-for': n.step },
            title(r.tip),
            tag('path', { d: pathOf([{ x, y: startY }, { x, y: r.endY }]), class: 'acc-link' }),
            tag('circle', { cx: x, cy: r.endY, r: 3.5, class: 'acc-dot' }),
            labelBox(x + 8, r.endY + 4, label, 'acc-label', 10.5),
          ),
        );
      } else {
        const h = r.handoff!;
        out.push(
          tag(
            'g',
            { class: 'handoff', 'data-handoff': h.exception, 'data-at': h.at, 'data-owner': h.owner },
            title(r.tip),
            tag('path', { d: pathOf([{ x, y: startY }, { x, y: r.endY - 4 }]), class: 'handoff-line', 'marker-end': 'url(#wu-arrow-handoff)' }),
            labelBox(x + 8, r.endY + 0, label, 'handoff-label', 10.5),
          ),
        );
      }
    });
    // Hand-offs to a person whose lane the node itself spans: a flag on the node's top edge.
    risers
      .filter((r) => !Number.isFinite(r.endY))
      .forEach((r, i) => {
        const h = r.handoff!;
        const label = fitText(r.label, n.width + 20, 10.5, { bold: true });
        const w = textWidth(label, 10.5, { bold: true }) + 12;
        const y = n.y - 22 - i * 20;
        out.push(
          tag(
            'g',
            { class: 'handoff', 'data-handoff': h.exception, 'data-at': h.at, 'data-owner': h.owner },
            title(r.tip),
            tag('rect', { x: n.x + n.width - w, y, width: w, height: 18, rx: 9, class: 'handoff-pill' }),
            text(n.x + n.width - w + 6, y + 13, label, { class: 'handoff-label' }),
          ),
        );
      });
  }
  return tag('g', { class: 'links' }, ...out);
}

function diamondTopAt(n: DiagramNode, x: number): number {
  const halfW = n.width / 2;
  const halfH = n.height / 2;
  const dx = Math.min(halfW, Math.abs(x - (n.x + halfW)));
  return n.y + halfH - halfH * (1 - dx / halfW);
}

// ---- Edges

function edgeTip(ctx: Ctx, e: DiagramEdge): string {
  const mode = (s: string) => ctx.nodeOf.get(s)?.mode ?? '';
  const head = e.kind === 'exception' ? `Exception ${e.exception?.id ?? ''}` : e.kind === 'next' ? 'Next' : 'Then (falls through)';
  const ends = e.to === 'end' ? `${e.from} → end` : `${e.from} (${mode(e.from)}) → ${e.to} (${mode(e.to)})`;
  const parts = [`${head}: ${ends}`];
  if (e.exception?.when) parts.push(`when ${oneLine(e.exception.when)}`);
  if (e.exception?.owner) parts.push(`owner ${e.exception.owner}`);
  if (e.crossing) parts.push('crosses the human–machine boundary');
  return parts.join(' — ');
}

/** Where an edge's crossing mark goes: where it passes the boundary, else on its entering (exception) or longest (flow) segment. */
function crossingPoint(d: Diagram, e: DiagramEdge): Point | undefined {
  const pts = e.points;
  if (pts.length < 2) return undefined;
  const y = d.boundaryY;
  for (let i = 0; i < pts.length - 1; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    if (a.x === b.x && Math.min(a.y, b.y) + 12 < y && Math.max(a.y, b.y) - 12 > y) return { x: a.x, y };
  }
  const seg = (i: number) => ({ a: pts[i]!, b: pts[i + 1]!, len: Math.abs(pts[i + 1]!.x - pts[i]!.x) + Math.abs(pts[i + 1]!.y - pts[i]!.y) });
  let best = seg(0);
  if (e.kind === 'exception') {
    const last = seg(pts.length - 2);
    best = last.len >= 30 ? last : seg(0);
  } else {
    for (let i = 1; i < pts.length - 1; i++) if (seg(i).len > best.len) best = seg(i);
  }
  return { x: (best.a.x + best.b.x) / 2, y: (best.a.y + best.b.y) / 2 };
}

function renderEdges(ctx: Ctx): string {
  const out: string[] = [];
  // Exception routes first, flow on top.
  const ordered = [...ctx.d.edges.filter((e) => e.kind === 'exception'), ...ctx.d.edges.filter((e) => e.kind !== 'exception')];
  for (const e of ordered) {
    if (e.points.length < 2) continue;
    const exception = e.kind === 'exception';
    let pts = e.points;
    let end = '';
    if (e.to === 'end') {
      const c = pts[pts.length - 1]!;
      const prev = pts[pts.length - 2]!;
      const len = Math.hypot(c.x - prev.x, c.y - prev.y) || 1;
      pts = [...pts.slice(0, -1), { x: c.x - ((c.x - prev.x) / len) * (G.endR + 1), y: c.y - ((c.y - prev.y) / len) * (G.endR + 1) }];
      end = endMarker(c);
    }
    const marker = e.crossing ? 'wu-arrow-crossing' : exception ? 'wu-arrow-exception' : 'wu-arrow-flow';
    const attrs: Attrs = {
      class: `edge-group ${exception ? 'exception' : 'flow'}${e.crossing ? ' is-crossing' : ''}`,
      'data-from': e.from,
      'data-to': e.to,
      'data-kind': e.kind,
    };
    if (e.crossing) {
      // `>` is legal in an attribute value: the separator stays literal (`screen->decide`), the ids are escaped.
      attrs['data-crossing'] = { escaped: `${escapeXml(e.from)}->${escapeXml(e.to)}` };
      attrs['data-via'] = exception ? 'exception' : 'flow';
    }
    if (e.exception) attrs['data-exception'] = e.exception.id;
    const mark = e.crossing ? crossingPoint(ctx.d, e) : undefined;
    out.push(
      tag(
        'g',
        attrs,
        title(edgeTip(ctx, e)),
        tag('path', { d: pathOf(pts), class: `edge ${exception ? 'edge-exception' : 'edge-flow'}`, 'marker-end': e.to === 'end' ? undefined : `url(#${marker})` }),
        end,
        mark ? crossMark(mark.x, mark.y, `Crossing: ${e.from} → ${e.to}${e.exception ? ` (exception ${e.exception.id})` : ''}`) : '',
      ),
    );
  }
  return tag('g', { class: 'edges' }, ...out);
}

/** Exception labels ("id · “trigger” · owner: x") on their tracks, above everything else but the legend. */
function renderEdgeLabels(ctx: Ctx): string {
  const out: string[] = [];
  for (const e of ctx.d.edges) {
    if (e.kind !== 'exception' || !e.exception || e.points.length < 2) continue;
    // The track: the longest horizontal segment.
    let best: { x0: number; x1: number; y: number } | undefined;
    for (let i = 0; i < e.points.length - 1; i++) {
      const a = e.points[i]!;
      const b = e.points[i + 1]!;
      if (a.y !== b.y) continue;
      const seg = { x0: Math.min(a.x, b.x), x1: Math.max(a.x, b.x), y: a.y };
      if (!best || seg.x1 - seg.x0 > best.x1 - best.x0) best = seg;
    }
    if (!best) continue;
    // A route to `end` is short: its label reads after the end marker.
    const toEnd = e.to === 'end';
    const labelX = toEnd ? best.x1 + G.endR + 8 : best.x0 + 10;
    const room = toEnd ? EXCEPTION_LABEL_MIN - 120 : Math.max(best.x1 - best.x0 - 20, EXCEPTION_LABEL_MIN - 10);
    const owner = e.exception.owner ? ` · owner: ${e.exception.owner}` : ' · no owner';
    const head = `${e.exception.id}`;
    const when = e.exception.when ? oneLine(e.exception.when) : '';
    const fixed = textWidth(`${head}${owner} · “”`, FONT.small, { bold: true });
    let label: string;
    // The trigger only where enough of it shows to mean something; the tooltip has it all.
    const whenFits = fitText(when, room - fixed, FONT.small, { bold: true });
    if (when && (whenFits === when || whenFits.length >= 16)) label = `${head} · “${whenFits}”${owner}`;
    else label = fitText(`${head}${owner}`, room, FONT.small, { bold: true });
    out.push(
      tag(
        'g',
        { class: `exc-label-group${e.crossing ? ' is-crossing' : ''}`, 'data-label-for': e.exception.id },
        title(edgeTip(ctx, e)),
        labelBox(labelX, toEnd ? best.y + 4 : best.y - 6, label, 'exc-label', FONT.small),
      ),
    );
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
  if (n.accountable) lines.push('actor' in n.accountable ? `Accountable: ${n.accountable.actor}` : 'No accountable human');
  for (const f of n.findings) lines.push(`${f.severity}: ${oneLine(f.message)} (${f.rule})`);
  return lines.join('\n');
}

function renderNode(ctx: Ctx, n: DiagramNode): string {
  const kind = nodeKind(ctx, n);
  const { x, y, width: w, height: h } = n;
  const cx = x + w / 2;
  const cy = y + h / 2;
  const diamond = n.isDecision;
  const shapePath = diamond ? `M${num(cx)} ${num(y)} L${num(x + w)} ${num(cy)} L${num(cx)} ${num(y + h)} L${num(x)} ${num(cy)} Z` : undefined;
  const shape = (cls: string, inset = 0) =>
    diamond
      ? tag('path', {
          d: `M${num(cx)} ${num(y - inset)} L${num(x + w + inset * 1.9)} ${num(cy)} L${num(cx)} ${num(y + h + inset)} L${num(x - inset * 1.9)} ${num(cy)} Z`,
          class: cls,
        })
      : tag('rect', { x: x - inset, y: y - inset, width: w + 2 * inset, height: h + 2 * inset, rx: 10 + inset, class: cls });
  const parts: string[] = [title(nodeTip(n, ctx))];
  const clipId = `wu-clip-${n.index}`;

  // Fill: white card, tinted by kind; a hybrid node is split at the boundary and shows it inside.
  parts.push(shape('node-shape'));
  if (n.straddles) {
    parts.push(tag('clipPath', { id: clipId }, diamond ? tag('path', { d: shapePath! }) : tag('rect', { x, y, width: w, height: h, rx: 10 })));
    const machineKind = n.performers.map((p) => ctx.laneOf.get(p)?.kind).includes('ai-agent') ? 'ai-agent' : 'automation';
    const b = ctx.d.boundaryY;
    parts.push(
      tag(
        'g',
        { 'clip-path': `url(#${clipId})` },
        tag('rect', { x, y, width: w, height: Math.max(0, b - y), class: 'node-tint-human' }),
        tag('rect', { x, y: b, width: w, height: Math.max(0, y + h - b), class: `node-tint-${machineKind}` }),
        tag('line', { x1: x, y1: b, x2: x + w, y2: b, class: 'node-boundary' }),
      ),
    );
  } else {
    parts.push(diamond ? tag('path', { d: shapePath!, class: `node-tint-${kind}` }) : tag('rect', { x, y, width: w, height: h, rx: 10, class: `node-tint-${kind}` }));
  }
  parts.push(shape('node-shape node-outline'));

  // Performer chips where a node spans lanes: one per performer, at its lane's centre.
  const chips: { y: number; markup: string }[] = [];
  const { inline } = risersOf(ctx, n);
  // A node that covers more than one lane shows who performs it in each.
  const spans = ctx.d.lanes.filter((l) => l.y < y + h && l.y + l.height > y).length > 1;
  if (spans || n.straddles) {
    for (const p of n.performers) {
      const lane = ctx.laneOf.get(p);
      if (!lane) continue;
      const laneCy = lane.y + lane.height / 2;
      if (laneCy < y || laneCy > y + h) continue;
      const accountableHere = n.accountable && 'actor' in n.accountable && n.accountable.actor === p;
      const want = textWidth(p, 10.5, { bold: true }) + 30;
      // In a diamond, slide the chip from its lane's centre towards the middle until it fits.
      let ly = laneCy;
      const roomAt = (yy: number) => (diamond ? w * (1 - Math.abs(yy - cy) / (h / 2)) : w) - 16;
      if (diamond) {
        const limit = laneCy + (cy - laneCy) * 0.45;
        while (roomAt(ly) < want && Math.abs(ly - cy) > Math.abs(limit - cy)) ly += Math.sign(cy - ly);
      }
      const room = roomAt(ly);
      const label = fitText(p, Math.max(20, room - 30), 10.5, { bold: true });
      const cw = Math.min(room, textWidth(label, 10.5, { bold: true }) + 30);
      const chipX = cx - cw / 2;
      let markup =
        tag('rect', { x: chipX, y: ly - 10, width: cw, height: 20, rx: 10, class: `chip-performer k-${lane.kind}` }) +
        glyph(lane.kind, chipX + 4, ly - 8, 16) +
        text(chipX + 23, ly + 4, label, { class: 'chip-text' });
      // "accountable" on the side of the chip away from the node's middle (where the label block is).
      if (accountableHere) markup += text(cx, ly < cy ? ly - 14 : ly + 23, 'accountable', { class: 'acc-inline halo', 'text-anchor': 'middle' });
      chips.push({ y: ly, markup: tag('g', { class: 'performer', 'data-performer': p }, title(`${p} (${lane.kind})${accountableHere ? ', accountable' : ''}`), markup) });
    }
  }
  for (const a of inline) {
    chips.push({ y: a.y, markup: tag('g', { class: 'accountable-inline', 'data-accountable': a.text.slice('accountable: '.length) }, title(a.tip), text(cx, a.y + 4, fitText(a.text, w - 24, 10, { bold: true }), { class: 'acc-inline halo', 'text-anchor': 'middle' })) });
  }

  // Where the label block goes: below the id line, or the middle of the widest band free of chips.
  let blockCy = diamond ? cy : cy + 8;
  if (chips.length > 0) {
    const cuts = [y + 20, ...chips.map((c) => c.y).sort((a, b) => a - b), y + h - 8];
    let bestLen = -1;
    for (let i = 0; i < cuts.length - 1; i++) {
      const lo = cuts[i]! + (i === 0 ? 0 : 26);
      const hi = cuts[i + 1]! - (i + 1 === cuts.length - 1 ? 0 : 12);
      if (hi - lo > bestLen) {
        bestLen = hi - lo;
        blockCy = (lo + hi) / 2;
      }
    }
  }

  // Badges: one per finding (top right), the message as tooltip.
  const badges = n.findings.filter((f) => f.severity !== 'hint');
  const shown = badges.slice(0, badges.length > 4 ? 3 : 4);
  const badgeMarkup: string[] = [];
  shown.forEach((f, i) => {
    const bx = x + w - 12 - i * 19;
    const by = y + 12;
    const sym = f.severity === 'error' ? '!' : f.severity === 'warning' ? '!' : 'i';
    const body =
      f.severity === 'warning'
        ? tag('path', { d: `M${num(bx)} ${num(by - 8.5)} L${num(bx + 9)} ${num(by + 7)} L${num(bx - 9)} ${num(by + 7)} Z`, class: 'badge-warning' })
        : tag('circle', { cx: bx, cy: by, r: 8, class: `badge-${f.severity}` });
    badgeMarkup.push(
      tag(
        'g',
        { class: `badge badge-${f.severity}-group`, 'data-severity': f.severity, 'data-rule': f.rule },
        title(f.message),
        body,
        text(bx, by + (f.severity === 'warning' ? 5 : 3.5), sym, { class: 'badge-text', 'text-anchor': 'middle' }),
      ),
    );
  });
  if (badges.length > shown.length) {
    const rest = badges.slice(shown.length);
    const bx = x + w - 12 - shown.length * 19;
    badgeMarkup.push(
      tag(
        'g',
        { class: 'badge badge-more' },
        title(rest.map((f) => f.message).join('\n')),
        tag('circle', { cx: bx, cy: y + 12, r: 8, class: `badge-${rest.some((f) => f.severity === 'error') ? 'error' : 'warning'}` }),
        text(bx, y + 15.5, `+${rest.length}`, { class: 'badge-text', 'text-anchor': 'middle' }),
      ),
    );
  }
  const badgesW = badgeMarkup.length * 19;

  // The id, small, top left (in a diamond's empty corner).
  parts.push(text(x + (diamond ? 2 : 10), y + (diamond ? 11 : 16), fitText(n.step, (diamond ? w / 2 - 10 : w - 20 - badgesW), FONT.id, { mono: true }), { class: 'node-id mono halo' }));

  // Label and question lines.
  const lineH = 15;
  const widthAt = (baseline: number): number => {
    const top = baseline - 11;
    const bottom = baseline + 4;
    if (!diamond) return w - 20;
    const dy = Math.max(Math.abs(top - cy), Math.abs(bottom - cy));
    return Math.max(0, w * (1 - dy / (h / 2)) - 18);
  };
  const plan = (labelLines: number, questionLines: number, labelText: string, questionText: string) => {
    const total = labelLines + questionLines;
    const first = blockCy - ((total - 1) * lineH) / 2 + 4;
    const baselines = Array.from({ length: total }, (_, i) => first + i * lineH);
    const lw = baselines.slice(0, labelLines).map(widthAt);
    const qw = baselines.slice(labelLines).map(widthAt);
    const label = labelLines > 0 ? wrapText(labelText, lw, FONT.node, { bold: true }) : [];
    const question = questionLines > 0 ? wrapText(questionText, qw, 11.5) : [];
    // How much of the text shows: characters drawn, minus a penalty for every cut.
    const shown = (lines: string[]) => lines.join(' ').replace(/…/g, '').length - lines.filter((l) => l.endsWith('…')).length * 6 - lines.filter((l) => l === '…' || l === '').length * 20;
    return { baselines, label, question, score: shown(label) + shown(question) - total * 0.5 };
  };
  const q = n.isDecision ? (n.question ? `“${oneLine(n.question)}”` : 'decision') : '';
  const room = Math.max(1, Math.floor((h - (diamond ? 22 : 30)) / lineH));
  let best: ReturnType<typeof plan> | undefined;
  for (let ll = 1; ll <= 3; ll++) {
    for (let ql = q ? 1 : 0; ql <= (q ? 2 : 0); ql++) {
      if (ll + ql > room && !(ll === 1 && ql <= 1)) continue;
      const candidate = plan(ll, ql, n.label, q);
      if (!best || candidate.score > best.score) best = candidate;
    }
  }
  const layout = best!;
  const labelLines = layout.label.filter((l) => l !== '');
  labelLines.forEach((line, i) => parts.push(text(cx, layout.baselines[i]!, line, { class: 'node-label halo', 'text-anchor': 'middle' })));
  layout.question.forEach((line, i) => parts.push(text(cx, layout.baselines[layout.label.length + i]!, line, { class: 'node-question halo', 'text-anchor': 'middle' })));

  pushAll(parts, chips.map((c) => c.markup));
  pushAll(parts, badgeMarkup);

  // The gap: no accountable human where one is needed.
  if (n.accountable && 'missing' in n.accountable) {
    const gapText = 'NO ACCOUNTABLE HUMAN';
    const gw = textWidth(gapText, 10, { bold: true }) + 14;
    // Above a card; at a diamond's lower left, where the diamond leaves its box empty.
    const gy = diamond ? y + h - 17 : y - 21;
    const gx = diamond ? x - 34 : x - 4;
    parts.push(
      tag(
        'g',
        { class: 'gap', 'data-gap': n.step },
        title(`Gap: ${n.step} is a ${n.mode} step with no accountable human — name one with accountable:`),
        shape('gap-outline', 6),
        tag('rect', { x: gx, y: gy, width: gw, height: 17, rx: 8.5, class: 'gap-pill' }),
        text(gx + 7, gy + 12.5, gapText, { class: 'gap-text' }),
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
    },
    ...parts,
  );
}

// ---- Legend

function renderLegend(d: Diagram): string {
  const g = legendGeometry(d);
  const out: string[] = [tag('line', { x1: G.margin, y1: g.y, x2: d.width - G.margin, y2: g.y, class: 'rule' }), text(G.margin, g.y + 20, 'LEGEND', { class: 'legend-title' })];
  for (const item of g.items) {
    const sx = item.x;
    const sy = item.y;
    const sample = legendSample(item.key, sx, sy);
    out.push(tag('g', { class: 'legend-item', 'data-legend': item.key }, sample, text(sx + 58, sy + 4, fitText(item.text, g.columnWidth - 66, FONT.small), { class: 'legend-text' })));
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
      return tag('g', { class: 'mode-human' }, tag('path', { d: `M${x + 24} ${y - 10} L${x + 46} ${y} L${x + 24} ${y + 10} L${x + 2} ${y} Z`, class: 'node-shape' }));
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
      return tag('g', {}, tag('path', { d: `M${x + 10} ${y + 10} L${x + 10} ${y - 8}`, class: 'handoff-line', 'marker-end': 'url(#wu-arrow-handoff)' }), text(x + 18, y + 4, '⚑', { class: 'handoff-label' }));
    case 'accountable':
      return tag('g', {}, tag('path', { d: `M${x + 6} ${y + 10} L${x + 6} ${y - 4}`, class: 'acc-link' }), tag('circle', { cx: x + 6, cy: y - 4, r: 3.5, class: 'acc-dot' }), glyph('human', x + 14, y - 9, 16), text(x + 31, y + 4, 'A', { class: 'acc-label' }));
    case 'gap':
      return tag('g', {}, tag('rect', { x: x + 3, y: y - 10, width: 42, height: 20, rx: 5, class: 'gap-outline' }), text(x + 24, y + 4, '✕', { class: 't-gap', 'text-anchor': 'middle' }));
    case 'findings':
      return tag(
        'g',
        {},
        tag('circle', { cx: x + 10, cy: y, r: 8, class: 'badge-error' }),
        text(x + 10, y + 3.5, '!', { class: 'badge-text', 'text-anchor': 'middle' }),
        tag('path', { d: `M${x + 32} ${y - 8.5} L${x + 41} ${y + 7} L${x + 23} ${y + 7} Z`, class: 'badge-warning' }),
        text(x + 32, y + 5, '!', { class: 'badge-text', 'text-anchor': 'middle' }),
      );
    case 'end':
      return endMarker({ x: x + 24, y });
    default:
      return '';
  }
}

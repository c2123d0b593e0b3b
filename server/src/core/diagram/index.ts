/** The boundary diagram: what crosses the human–machine boundary, laid out and drawn. */
export { crossingsAndHandoffs, edgeCrosses, exceptionKey, modesCross, stepKey, type Boundary } from './boundary';
export { layoutDiagram, UNASSIGNED_LANE } from './layout';
export { diagramCss, renderSvg, type SvgOptions } from './svg';
export { HTML_CSP, renderHtml, type HtmlOptions } from './html';
export { escapeXml } from './text';
export type * from './types';

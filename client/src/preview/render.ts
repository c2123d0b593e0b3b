/**
 * The one SVG renderer (server/src/core/diagram/svg.ts), as the preview uses
 * it: the webview draws with it and the export command writes with it. The
 * annotation is the preview's expectation of its signature, checked by tsc.
 */
import type { Diagram } from '../../../server/src/core/diagram/types';
import { diagramCss as css, renderSvg as render } from '../../../server/src/core/diagram/svg';

export interface SvgOptions {
  /** A file of its own (the default): XML declaration, namespace and the embedded stylesheet. */
  standalone?: boolean;
  /** The fallback palette where VS Code's theme variables are not defined. */
  theme?: 'light' | 'dark';
}

export const renderSvg: (diagram: Diagram, opts?: SvgOptions) => string = render;
/** The stylesheet a page adds itself when it draws with `standalone: false` (no string from a unit is in it). */
export const diagramCss: (theme?: 'light' | 'dark') => string = css;

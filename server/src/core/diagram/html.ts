/**
 * The boundary diagram as a standalone HTML page: the SVG inline, its
 * stylesheet in the head, nothing else — no script, no external resource.
 *
 * The Content-Security-Policy is `default-src 'none'; style-src
 * 'unsafe-inline'; base-uri 'none'; form-action 'none'`. `default-src 'none'`
 * forbids every script, frame, font, image and connection, so the page can
 * neither run code nor load or send anything. `'unsafe-inline'` for styles is
 * what lets the page's own `<style>` apply; it grants an attacker nothing
 * here, because no string from the unit file ever reaches a style (every one
 * is escaped into text or attribute values), and even injected CSS could not
 * exfiltrate anything with every fetch blocked. A nonce would be the wrong
 * tool: it protects only when it is fresh per response, and this page is a
 * file written once; a hash would break on every stylesheet edit for no gain.
 */
import { escapeXml } from './text';
import { diagramCss, renderSvg } from './svg';
import type { Diagram } from './types';

export interface HtmlOptions {
  theme?: 'light' | 'dark';
}

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function renderHtml(diagram: Diagram, opts: HtmlOptions = {}): string {
  const theme = opts.theme === 'dark' ? 'dark' : 'light';
  const page = theme === 'dark' ? { bg: '#1e1e1e', fg: '#d4d4d4' } : { bg: '#ffffff', fg: '#1f2328' };
  const svg = renderSvg(diagram, { standalone: false, theme });
  return standalonePage({
    title: diagram.title.replace(/\s+/g, ' ').trim(),
    colorScheme: theme,
    css: `html, body { margin: 0; padding: 0; background: ${page.bg}; color: ${page.fg}; }
main { padding: 16px; overflow: auto; }
main > svg { display: block; max-width: none; height: auto; }
${diagramCss(theme)}`,
    main: svg,
  });
}

export interface StandalonePage {
  /** Plain text: escaped here. */
  title: string;
  /** The `color-scheme` meta: `light`, `dark` or `light dark`. */
  colorScheme: string;
  /** The page's own stylesheet (our CSS, never text from a unit). */
  css: string;
  /** The markup inside `<main>`, every string from a unit already escaped. */
  main: string;
}

/**
 * The shell of every standalone HTML page we write (the diagram, the catalog
 * report): one place that puts HTML_CSP in the head, and no script anywhere.
 */
export function standalonePage(p: StandalonePage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXml(HTML_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="${escapeXml(p.colorScheme)}">
<title>${escapeXml(p.title)}</title>
<style>
${p.css}
</style>
</head>
<body>
<main>
${p.main}
</main>
</body>
</html>
`;
}

/**
 * The boundary preview's page, as a pure function of where its two resources
 * live and a nonce. The page is a fixed shell — toolbar, banners, an empty
 * canvas and one script with a `src`. No unit text and no diagram data is ever
 * in it: the diagram arrives through `postMessage` (see messages.ts), and the
 * Content-Security-Policy allows only that script (by nonce) and the extension's
 * own stylesheet.
 */
export interface PreviewHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(dist/webview.js)`, as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(media/preview.css)`, as a string. */
  styleUri: string;
  /** Fresh for every page the panel sets. */
  nonce: string;
}

/** The banner the webview shows over a stale diagram (kept here so the host, the page and the tests agree). */
export const STALE_BANNER = 'Showing the last valid diagram — fix the YAML to update';

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;

/** A fresh CSP nonce: 128 bits from the platform's CSPRNG (Web Crypto: in Node and in the web worker alike), base64url. */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

export function previewHtml({ cspSource, scriptUri, styleUri, nonce }: PreviewHtmlInput): string {
  if (!NONCE.test(nonce)) throw new Error('previewHtml: the nonce must be at least 16 base64 characters');
  // The host's source list goes into two directives; a `;` or `,` would start another directive or policy.
  if (/[;,]/.test(cspSource)) throw new Error('previewHtml: unexpected characters in cspSource');
  // asWebviewUri gives encoded URIs: a blank, quote or bracket means something else was passed.
  for (const uri of [scriptUri, styleUri]) if (/[\s"'<>`]/.test(uri)) throw new Error(`previewHtml: not a resource URI: ${uri}`);
  const csp = contentSecurityPolicy(cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(styleUri)}">
<title>Boundary preview</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Diagram tools">
<button type="button" class="tool" data-action="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#x2212;</button>
<output class="zoom-level" id="zoom-level" aria-label="Zoom level">100%</output>
<button type="button" class="tool" data-action="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
<button type="button" class="tool" data-action="fit" title="Fit the whole diagram in the panel (0)">Fit</button>
<button type="button" class="tool" data-action="actual" title="Back to 100% (1)">100%</button>
<span class="spacer"></span>
<button type="button" class="tool" data-action="export" title="Save the diagram as an SVG file">Export SVG</button>
</div>
<div class="banner banner-stale" id="stale-banner" role="status" hidden>${STALE_BANNER}</div>
<div class="banner banner-error" id="error-banner" role="alert" hidden></div>
<div class="canvas" id="canvas" tabindex="0" role="group" aria-roledescription="diagram canvas" aria-label="Boundary diagram. Arrow keys pan, plus and minus zoom, 0 fits, 1 is 100%. Tab moves through the steps; Enter shows a step in the editor.">
<p class="placeholder" id="placeholder">Loading the boundary diagram…</p>
</div>
<script nonce="${nonce}" src="${attr(scriptUri)}"></script>
</body>
</html>
`;
}

/**
 * The few URI operations the catalog needs, for any scheme with a path:
 * `file:///home/a/x.workunit.yaml`, `vscode-vfs://github/owner/repo/x.workunit.yaml`.
 * A URI is `prefix` (scheme and authority) plus a path of percent-encoded
 * segments; the host decides the spelling (one spelling per file), these
 * functions only cut and join it.
 */

const HIERARCHICAL = /^([a-zA-Z][\w+.-]*:(?:\/\/[^/?#]*)?)(\/[^?#]*)?$/;

function split(uri: string): { prefix: string; segments: string[] } | undefined {
  const m = HIERARCHICAL.exec(uri);
  if (!m) return undefined;
  return { prefix: m[1], segments: (m[2] ?? '').split('/').filter(Boolean) };
}

/** One spelling of a folder: no trailing slash (`scheme://host/dir/` → `scheme://host/dir`), the root as `scheme://host/`. */
export function trimSlash(uri: string): string {
  const s = split(uri);
  return s ? `${s.prefix}/${s.segments.join('/')}` : uri;
}

/** The folder holding `uri`; undefined at the root (or for a URI without a path). */
export function parentUri(uri: string): string | undefined {
  const s = split(uri);
  if (!s || s.segments.length === 0) return undefined;
  return `${s.prefix}/${s.segments.slice(0, -1).join('/')}`;
}

/** `name` (plain text) inside the folder `dir`. */
export function childUri(dir: string, name: string): string {
  const folder = trimSlash(dir);
  return `${folder}${folder.endsWith('/') ? '' : '/'}${encodeURIComponent(name)}`;
}

/** The last segment, decoded. */
export function uriBasename(uri: string): string {
  const s = split(uri);
  return s ? decodeSegment(s.segments.at(-1) ?? '') : '';
}

/**
 * The decoded path of `uri` relative to `root`, with `/` between segments:
 * '' for the root itself, undefined when `uri` is not under `root`.
 */
export function relativePath(root: string, uri: string): string | undefined {
  const r = split(root);
  const u = split(uri);
  if (!r || !u || r.prefix !== u.prefix || u.segments.length < r.segments.length) return undefined;
  for (let i = 0; i < r.segments.length; i++) if (r.segments[i] !== u.segments[i]) return undefined;
  return u.segments.slice(r.segments.length).map(decodeSegment).join('/');
}

/** `uri` is strictly inside `root`. */
export function isInside(root: string, uri: string): boolean {
  return !!relativePath(root, uri);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is a name like any other: keep it as written
  }
}

/**
 * A relative path (`../logs/x.csv`, `/` or `\` between segments) resolved
 * against the folder `dir`; a path that starts with `/` starts at the root
 * of `dir`'s scheme and authority. `..` above the root stays at the root.
 */
export function resolveUri(dir: string, path: string): string {
  const s = split(trimSlash(dir));
  if (!s) return path;
  const segments = path.startsWith('/') || path.startsWith('\\') ? [] : [...s.segments];
  for (const part of path.split(/[/\\]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') segments.pop();
    else segments.push(encodeURIComponent(part));
  }
  return `${s.prefix}/${segments.join('/')}`;
}

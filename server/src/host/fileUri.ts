/**
 * Which URIs name a plain local file: a `file:` URI with no host (or
 * `localhost`) whose path decodes to a local path — no encoded slash, no bad
 * `%`, nothing Node refuses. Anything else (a share on another host,
 * `untitled:`, `vscode-vfs:`, garbage) is checked alone, with no disk access.
 * The one guard in front of `fileURLToPath`, which throws on all of these.
 */
import { fileURLToPath } from 'node:url';

/** The local path a URI names, or undefined when it names none. */
export function localPathOf(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined; // not a URL at all: no file
  }
  if (url.hostname !== '' && url.hostname !== 'localhost') return undefined;
  try {
    return fileURLToPath(url);
  } catch {
    return undefined; // an encoded slash, a bad percent-escape…: Node names no file for it
  }
}

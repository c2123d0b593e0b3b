/**
 * An in-memory file system for the catalog's unit tests: files and folders
 * under `mem://` URIs (a scheme that is not `file:`, as the web's are), and
 * a record of what was asked.
 */
import type { CatalogFileSystem, FileChange, ListResult, ReadResult, StatResult } from '../../server/src/core/catalog/fileSystem';
import { parentUri, uriBasename } from '../../server/src/core/catalog/uris';

export class MemoryFileSystem implements CatalogFileSystem {
  readonly files = new Map<string, string>();
  readonly folders = new Set<string>();
  /** Symbolic links: link URI → the URI it leads to. */
  readonly links = new Map<string, string>();
  /** Every call, as `list <uri>`, `read <uri>`, `stat <uri>`. */
  readonly calls: string[] = [];

  constructor(readonly root = 'mem://host/ws') {
    this.folders.add(root);
  }

  uri(rel: string): string {
    return `${this.root}/${rel}`;
  }

  /** Writes a file (making its folders); returns the event a watcher would send. */
  write(rel: string, text: string): FileChange {
    const uri = this.uri(rel);
    const existed = this.files.has(uri);
    this.files.set(uri, text);
    for (let d = parentUri(uri); d && d.startsWith(this.root); d = parentUri(d)) this.folders.add(d);
    return { uri, type: existed ? 'changed' : 'created' };
  }

  /** Deletes a file or a folder with everything in it; returns the one event a watcher would send. */
  delete(rel: string): FileChange {
    const uri = this.uri(rel);
    for (const k of [...this.files.keys()]) if (k === uri || k.startsWith(`${uri}/`)) this.files.delete(k);
    for (const k of [...this.folders]) if (k === uri || k.startsWith(`${uri}/`)) this.folders.delete(k);
    return { uri, type: 'deleted' };
  }

  async list(folder: string): Promise<ListResult> {
    this.calls.push(`list ${folder}`);
    if (!this.folders.has(folder)) return { missing: true };
    const out: { name: string; uri: string; kind: 'file' | 'directory'; isLink?: boolean }[] = [];
    for (const f of this.files.keys()) if (parentUri(f) === folder) out.push({ name: uriBasename(f), uri: f, kind: 'file' });
    for (const d of this.folders) if (parentUri(d) === folder) out.push({ name: uriBasename(d), uri: d, kind: 'directory' });
    for (const [link, target] of this.links) {
      if (parentUri(link) !== folder) continue;
      const kind = this.files.has(target) ? 'file' : 'directory';
      out.push({ name: uriBasename(link), uri: link, kind, isLink: true });
    }
    return { entries: out };
  }

  async read(file: string): Promise<ReadResult> {
    this.calls.push(`read ${file}`);
    const text = this.files.get(this.links.get(file) ?? file);
    return text === undefined ? { missing: true } : { text };
  }

  async stat(uri: string): Promise<StatResult> {
    this.calls.push(`stat ${uri}`);
    uri = this.links.get(uri) ?? uri;
    const text = this.files.get(uri);
    if (text !== undefined) return { kind: 'file', size: new TextEncoder().encode(text).length };
    return this.folders.has(uri) ? { kind: 'directory', size: 0 } : { missing: true };
  }

  display(uri: string): string {
    return uri;
  }

  async realUri(uri: string): Promise<string | undefined> {
    for (const [link, target] of this.links) if (uri === link || uri.startsWith(`${link}/`)) return target + uri.slice(link.length);
    return this.files.has(uri) || this.folders.has(uri) ? uri : undefined;
  }
}

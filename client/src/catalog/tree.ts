/**
 * The "Work Units" tree in the Explorer: the units the server's workspace
 * index knows, grouped by value stream ("(no value stream)" last), each with
 * its four-element status as an icon and tooltip and its findings counted in
 * the description; a click opens the file. Nothing is requested until the
 * view is shown (or a test asks for a snapshot); then `workunit/catalogChanged`
 * refreshes it.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { mdCode, mdText } from '../../../server/src/core/text/markdown';
import { CATALOG_CHANGED_NOTIFICATION, CATALOG_REQUEST, type CatalogResult, type CatalogViewUnit } from '../../../server/src/protocol';

export const CATALOG_VIEW_ID = 'workunit.catalog';
export const NO_VALUE_STREAM = '(no value stream)';

type Node = { kind: 'stream'; name: string; units: CatalogViewUnit[] } | { kind: 'unit'; unit: CatalogViewUnit };

export interface CatalogSnapshotUnit {
  label: string;
  id?: string;
  description: string;
  tooltip: string;
  icon: string;
}
export interface CatalogSnapshotGroup {
  stream: string;
  units: CatalogSnapshotUnit[];
}

export class CatalogTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refreshed = new vscode.EventEmitter<void>();
  /** Fires after the units were fetched again (a notification, or the view asked). */
  readonly onDidRefresh = this.refreshed.event;
  private units?: CatalogViewUnit[];
  /** Someone looks (the view, a snapshot): notifications refresh from then on. */
  private wanted = false;
  private fetching?: Promise<CatalogViewUnit[]>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(this.changed, this.refreshed);
  }

  /** Registers the view and listens to the server (the client must be running for the listener). */
  register(): void {
    const view = vscode.window.createTreeView(CATALOG_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(view, this.client.onNotification(CATALOG_CHANGED_NOTIFICATION, () => this.invalidate()));
    // The Explorer shows an extension's views collapsed until someone opens them; a user (or `npm run studio`)
    // who wants the catalog in sight from the start says so, and the editor keeps the focus.
    if (vscode.workspace.getConfiguration('workunit').get<boolean>('catalog.revealOnStartup') === true) {
      void Promise.resolve(vscode.commands.executeCommand(`${CATALOG_VIEW_ID}.focus`)).then(() => vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup'));
    }
  }

  /** The units as the server has them now (fetched, or the last fetch while one is under way). */
  async fetch(): Promise<CatalogViewUnit[]> {
    this.wanted = true;
    this.fetching ??= (async () => {
      try {
        const result = await this.client.sendRequest<CatalogResult>(CATALOG_REQUEST, {});
        this.units = result.units;
        void vscode.commands.executeCommand('setContext', 'workunit.catalogLoaded', true);
        return result.units;
      } finally {
        this.fetching = undefined;
      }
    })();
    return this.fetching;
  }

  /** The server said the catalog changed: fetch again if anyone looks, then redraw. */
  invalidate(): void {
    if (!this.wanted) return;
    void this.fetch().then(
      () => {
        this.changed.fire(undefined);
        this.refreshed.fire();
      },
      () => undefined,
    );
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'stream') return node.units.map((unit) => ({ kind: 'unit', unit }));
    if (node) return [];
    const first = !this.wanted;
    const units = this.units && !first ? this.units : await this.fetch();
    if (first) this.refreshed.fire();
    return groups(units).map(({ stream, units }) => ({ kind: 'stream', name: stream, units }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'stream') {
      const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `stream:${node.name}`;
      item.iconPath = new vscode.ThemeIcon('git-merge');
      item.description = `${node.units.length} unit${node.units.length === 1 ? '' : 's'}`;
      item.contextValue = 'workunit.valueStream';
      return item;
    }
    const u = node.unit;
    const uri = vscode.Uri.parse(u.uri);
    const item = new vscode.TreeItem(unitLabel(u), vscode.TreeItemCollapsibleState.None);
    item.id = `unit:${u.uri}`;
    item.resourceUri = uri;
    item.description = describe(u);
    item.tooltip = new vscode.MarkdownString(tooltip(u));
    const icon = iconOf(u);
    item.iconPath = new vscode.ThemeIcon(icon.id, new vscode.ThemeColor(icon.color));
    item.command = { command: 'vscode.open', title: 'Open Work Unit', arguments: [uri] };
    item.contextValue = 'workunit.unit';
    return item;
  }

  /** What the tree shows, as plain data (for the in-editor suite); fetches fresh. */
  async snapshot(): Promise<CatalogSnapshotGroup[]> {
    const units = await this.fetch();
    return groups(units).map(({ stream, units }) => ({
      stream,
      units: units.map((u) => ({ label: unitLabel(u), ...(u.id !== undefined ? { id: u.id } : {}), description: describe(u), tooltip: tooltip(u), icon: iconOf(u).id })),
    }));
  }

  /** The value streams the units name, sorted. */
  async valueStreams(): Promise<string[]> {
    const units = await this.fetch();
    return [...new Set(units.map((u) => u.valueStream).filter((v): v is string => v !== undefined))].sort();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function groups(units: readonly CatalogViewUnit[]): { stream: string; units: CatalogViewUnit[] }[] {
  const byStream = new Map<string, CatalogViewUnit[]>();
  const none: CatalogViewUnit[] = [];
  for (const u of units) {
    if (u.valueStream === undefined) none.push(u);
    else byStream.set(u.valueStream, [...(byStream.get(u.valueStream) ?? []), u]);
  }
  const byLabel = (a: CatalogViewUnit, b: CatalogViewUnit) => unitLabel(a).localeCompare(unitLabel(b)) || a.uri.localeCompare(b.uri);
  const out = [...byStream.keys()].sort((a, b) => a.localeCompare(b)).map((stream) => ({ stream, units: byStream.get(stream)!.sort(byLabel) }));
  if (none.length > 0) out.push({ stream: NO_VALUE_STREAM, units: none.sort(byLabel) });
  return out;
}

function unitLabel(u: CatalogViewUnit): string {
  return u.name ?? u.id ?? decodeURIComponent(u.uri.split('/').pop() ?? u.uri);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The id, then the findings counted: "invoice-matching · 3 errors, 1 warning". */
function describe(u: CatalogViewUnit): string {
  const counts = [
    u.findings.error > 0 ? plural(u.findings.error, 'error') : undefined,
    u.findings.warning > 0 ? plural(u.findings.warning, 'warning') : undefined,
    u.findings.info > 0 ? plural(u.findings.info, 'info') : undefined,
  ].filter((c): c is string => !!c);
  return [u.id, counts.join(', ')].filter((s) => !!s).join(' · ');
}

/** The unit's name and id (file text, escaped), its element status in the spec's words, one line per element, its findings. */
function tooltip(u: CatalogViewUnit): string {
  const lines = [`**${mdText(unitLabel(u))}**${u.id ? ` — ${mdCode(u.id)}` : ''}`, '', mdText(u.elements.label), ''];
  // The tool's own words (element names, states, counts): no file text to escape.
  for (const line of u.elements.lines) lines.push(`- ${line}`);
  const { error, warning, info } = u.findings;
  if (error + warning + info > 0) lines.push('', [error && plural(error, 'error'), warning && plural(warning, 'warning'), info && `${info} info`].filter(Boolean).join(', '));
  return lines.join('\n');
}

function iconOf(u: CatalogViewUnit): { id: string; color: string } {
  if (u.elements.count === 4 && u.findings.error === 0) return { id: 'pass', color: 'testing.iconPassed' };
  if (u.elements.count <= 2 || u.findings.error > 0) return { id: 'error', color: 'problemsErrorIcon.foreground' };
  return { id: 'warning', color: 'problemsWarningIcon.foreground' };
}

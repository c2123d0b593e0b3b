/**
 * The boundary preview: one webview panel that follows the active unit editor
 * and redraws as the author types.
 *
 * Flow: the panel's page (html.ts) loads dist/webview.js, which posts `ready`;
 * the host answers with the last diagram it has and asks the server for a
 * fresh one (`workunit/diagram` through the language client — at most one in
 * flight, the newest text wins; see coalesce.ts). Each answer is posted as a
 * `diagram` message and `onDidRender` fires. The webview posts `reveal` (a node
 * was clicked or activated by keyboard), `exportSvg` and `state` (what it
 * persisted with `setState`, which VS Code hands back to the serializer after a
 * reload). Moving the cursor in the editor posts `highlight`. Every message
 * from the webview is validated (messages.ts); invalid ones are dropped and
 * counted.
 *
 * Nothing is computed here: the server lays the diagram out, the webview draws
 * it with the same renderer the export uses.
 */
import * as vscode from 'vscode';
import type { Diagram } from '../../../server/src/core/diagram/types';
import { DIAGRAM_REQUEST, LANGUAGE_ID, isUnitFile, type DiagramParams, type DiagramResult } from '../../../server/src/protocol';
import { Coalescer } from './coalesce';
import { makeNonce, previewHtml } from './html';
import { isHostMessage, isWebviewMessage, persistedUri, type HostMessage, type WebviewMessage } from './messages';
import { renderSvg } from './render';
import { stepAt, stepIdSpan } from './steps';

export const PREVIEW_VIEW_TYPE = 'workunit.preview';
export const PREVIEW_COMMANDS = {
  open: 'workunit.openPreview',
  openToSide: 'workunit.openPreviewToSide',
  exportSvg: 'workunit.exportDiagramSvg',
} as const;

/** What the panel needs of the language client. */
export interface DiagramClient {
  sendRequest<R>(method: string, param: unknown): Promise<R>;
}

export interface PreviewSnapshot {
  uri?: string;
  version?: number;
  stale?: boolean;
  steps: string[];
  /** The zoom the webview last reported. */
  zoom?: number;
  /** How the shown diagram is laid out (down in a panel taller than wide). */
  orientation?: Diagram['orientation'];
  /** The canvas size the webview last reported, which the diagram is laid out for. */
  size?: { width: number; height: number };
}

export interface RenderEvent {
  uri: string;
  version: number;
  stale: boolean;
}

interface Shown {
  uri: string;
  diagram: Diagram;
  version: number;
  stale: boolean;
}

export function isUnitDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === LANGUAGE_ID || isUnitFile(doc.uri.path);
}

function unitName(uri: vscode.Uri): string {
  const base = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return base.replace(/\.workunit\.ya?ml$/i, '') || base || 'untitled';
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class BoundaryPreview implements vscode.Disposable {
  private readonly renderEmitter = new vscode.EventEmitter<RenderEvent>();
  /** Fires after each diagram is posted to the webview. */
  readonly onDidRender: vscode.Event<RenderEvent> = this.renderEmitter.event;
  /** Messages from the webview (or `handleMessage`) that failed validation and were dropped. */
  droppedMessages = 0;

  private readonly disposables: vscode.Disposable[] = [this.renderEmitter];
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  /** The unit the panel follows. */
  private uri: vscode.Uri | undefined;
  /** The newest diagram for `uri`, posted or waiting for the webview's `ready`. */
  private shown: Shown | undefined;
  /** Why there is no diagram for `uri`. */
  private problem: string | undefined;
  /** The webview has loaded and said `ready` (it is torn down whenever the panel is hidden). */
  private ready = false;
  /** The step last posted as highlighted (`undefined`: nothing posted to this page yet). */
  private highlighted: string | null | undefined;
  private zoom: number | undefined;
  /** The webview canvas's size, as it last reported it: diagrams are laid out to fit it. */
  private size: { width: number; height: number } | undefined;
  private readonly refresher = new Coalescer<string>(
    (uri) => this.fetch(uri),
    (e) => console.error('[workunit preview]', e),
  );

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: DiagramClient,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand(PREVIEW_COMMANDS.open, (target?: unknown) => this.open(target, false)),
      vscode.commands.registerCommand(PREVIEW_COMMANDS.openToSide, (target?: unknown) => this.open(target, true)),
      vscode.commands.registerCommand(PREVIEW_COMMANDS.exportSvg, (target?: unknown, destination?: unknown) =>
        this.exportSvg(target instanceof vscode.Uri ? target : undefined, destination instanceof vscode.Uri ? destination : undefined),
      ),
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state) => this.restore(panel, state),
      }),
    );
  }

  /** The panel's state, for tests: undefined when no panel is open. */
  current(): PreviewSnapshot | undefined {
    if (!this.panel) return undefined;
    const shown = this.shown;
    return {
      uri: this.uri?.toString(),
      version: shown?.version,
      stale: shown?.stale,
      steps: shown ? shown.diagram.nodes.map((n) => n.step) : [],
      zoom: this.zoom,
      orientation: shown?.diagram.orientation,
      size: this.size,
    };
  }

  /** Where every message from the webview lands (tests call it directly). */
  async handleMessage(msg: unknown): Promise<void> {
    if (!isWebviewMessage(msg)) {
      this.droppedMessages++;
      return;
    }
    await this.dispatch(msg);
  }

  /** Open (or reveal) the panel on `target`, the active unit editor, or the unit already previewed. */
  async open(target: unknown, toSide: boolean): Promise<void> {
    const uri = target instanceof vscode.Uri ? target : (activeUnitEditor()?.document.uri ?? this.uri);
    if (!uri) {
      void vscode.window.showInformationMessage('Open a work unit (*.workunit.yaml) to preview its human–machine boundary.');
      return;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!isUnitDocument(doc)) {
      void vscode.window.showInformationMessage(`${unitName(uri)} is not a work unit: the preview draws *.workunit.yaml files.`);
      return;
    }
    if (this.panel) {
      this.panel.reveal(undefined, toSide);
    } else {
      const panel = vscode.window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        title(doc.uri),
        { viewColumn: toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: toSide },
        { ...this.webviewOptions(), retainContextWhenHidden: false, enableFindWidget: false },
      );
      this.adopt(panel);
    }
    await this.follow(doc.uri);
  }

  /** Write the unit's diagram — from the same renderer, standalone — to a file the user picks (or `destination`). */
  async exportSvg(target?: vscode.Uri, destination?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const uri = target ?? activeUnitEditor()?.document.uri ?? this.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Open a work unit (*.workunit.yaml) to export its boundary diagram.');
      return undefined;
    }
    let result: DiagramResult;
    try {
      await vscode.workspace.openTextDocument(uri); // the server draws open documents
      result = await this.request(uri.toString());
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not export the diagram of ${unitName(uri)}: ${messageOf(e)}`);
      return undefined;
    }
    if (!result.diagram) {
      void vscode.window.showErrorMessage(`${unitName(uri)} has no diagram to export${result.reason ? `: ${result.reason}` : '.'}`);
      return undefined;
    }
    const dest =
      destination ??
      (await vscode.window.showSaveDialog({
        defaultUri: uri.scheme === 'untitled' ? undefined : uri.with({ path: uri.path.replace(/\.workunit\.ya?ml$/i, '') + '.svg' }),
        filters: { 'SVG image': ['svg'] },
        saveLabel: 'Export',
        title: `Export the boundary diagram of ${unitName(uri)}`,
      }));
    if (!dest) return undefined;
    const svg = renderSvg(result.diagram, { standalone: true, theme: 'light' });
    await vscode.workspace.fs.writeFile(dest, new TextEncoder().encode(svg));
    const stale = result.stale ? ' (the last valid diagram: the YAML does not parse)' : '';
    void vscode.window.showInformationMessage(`Exported the boundary diagram of ${unitName(uri)} to ${dest.path.slice(dest.path.lastIndexOf('/') + 1)}${stale}.`);
    return dest;
  }

  /**
   * On deactivation. The panel itself is left to the workbench: disposing it here, while the
   * window reloads, would close it instead of letting the serializer restore it.
   */
  dispose(): void {
    this.detach();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // -------------------------------------------------------------------------

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true, // only dist/webview.js runs: the page's CSP allows one script, by nonce
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
  }

  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.adopt(panel);
    const uri = parseUri(persistedUri(state)) ?? activeUnitEditor()?.document.uri;
    if (!uri) {
      this.showProblem('Open a work unit (*.workunit.yaml) to preview its human–machine boundary.');
      return;
    }
    try {
      await vscode.workspace.openTextDocument(uri); // so the server has it, even when no editor shows it
    } catch (e) {
      this.uri = uri;
      panel.title = title(uri);
      this.showProblem(`${unitName(uri)} could not be opened: ${messageOf(e)}`);
      return;
    }
    await this.follow(uri);
  }

  /** Make `panel` the preview: options, a fresh page (new nonce), and the listeners that live as long as it does. */
  private adopt(panel: vscode.WebviewPanel): void {
    if (this.panel && this.panel !== panel) {
      const old = this.panel;
      this.detach();
      old.dispose();
    }
    this.panel = panel;
    this.ready = false;
    this.highlighted = undefined;
    const webview = panel.webview;
    webview.options = this.webviewOptions();
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'preview.css')).toString(),
      nonce: makeNonce(),
    });
    this.panelDisposables.push(
      webview.onDidReceiveMessage((msg: unknown) => {
        this.handleMessage(msg).catch((e: unknown) => console.error('[workunit preview]', e));
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // Not retained while hidden: the page is torn down, and says `ready` again when shown.
        if (!webviewPanel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.detach();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isUnitDocument(editor.document) && editor.document.uri.toString() !== this.uri?.toString()) void this.follow(editor.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && e.document.uri.toString() === this.uri?.toString()) void this.refresh();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document.uri.toString() === this.uri?.toString()) void this.syncHighlight(e.textEditor);
      }),
    );
  }

  private detach(): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    this.panel = undefined;
    this.ready = false;
    this.uri = undefined;
    this.shown = undefined;
    this.problem = undefined;
    this.highlighted = undefined;
    this.zoom = undefined;
    this.size = undefined;
  }

  private async follow(uri: vscode.Uri): Promise<void> {
    if (!this.panel) return;
    if (this.uri?.toString() !== uri.toString()) {
      this.uri = uri;
      this.shown = undefined;
      this.problem = undefined;
      this.panel.title = title(uri);
    }
    await this.refresh();
  }

  /** The server measured `uri`'s log (`workunit/measured`): the followed unit's diagram has new per-step figures. */
  measured(uri: string): Promise<void> {
    return this.uri?.toString() === uri ? this.refresh() : Promise.resolve();
  }

  /** Ask for the followed unit's diagram; resolves once an answer for text at least as new as now is posted. */
  private refresh(): Promise<void> {
    if (!this.panel || !this.uri) return Promise.resolve();
    return this.refresher.request(this.uri.toString());
  }

  private request(uri: string, space?: { width: number; height: number }): Promise<DiagramResult> {
    const params: DiagramParams = space ? { uri, width: space.width, height: space.height } : { uri };
    return this.client.sendRequest<DiagramResult>(DIAGRAM_REQUEST, params);
  }

  private async fetch(uri: string): Promise<void> {
    // A hidden page is torn down; it asks again (`ready`) when shown.
    if (!this.panel?.visible || this.uri?.toString() !== uri) return;
    let result: DiagramResult;
    try {
      result = await this.request(uri, this.size);
    } catch (e) {
      if (this.uri?.toString() !== uri) return;
      // Keep a diagram already on screen (the client reports a dead server itself); otherwise say why there is none.
      if (this.shown) console.error('[workunit preview]', e);
      else await this.showProblem(`The diagram could not be computed: ${messageOf(e)}`);
      return;
    }
    if (!this.panel || this.uri?.toString() !== uri) return; // the panel moved to another unit meanwhile
    if (!result.diagram) {
      this.shown = undefined;
      await this.showProblem(result.reason ?? `${unitName(this.uri)} has no diagram yet.`);
      return;
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    this.problem = undefined;
    this.shown = { uri, diagram: result.diagram, version: result.version ?? doc?.version ?? 0, stale: result.stale === true };
    await this.postShown();
  }

  private async postShown(): Promise<void> {
    const shown = this.shown;
    if (!shown || !this.ready || !this.panel) return;
    const msg: HostMessage = { type: 'diagram', uri: shown.uri, diagram: shown.diagram, stale: shown.stale, version: shown.version };
    if (!isHostMessage(msg)) {
      // The page would drop it; say so instead of drawing nothing.
      await this.showProblem('The server sent a diagram this preview cannot read (is the extension up to date?).');
      return;
    }
    await this.panel.webview.postMessage(msg);
    this.renderEmitter.fire({ uri: shown.uri, version: shown.version, stale: shown.stale });
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === shown.uri);
    if (editor) await this.syncHighlight(editor);
  }

  private async showProblem(message: string): Promise<void> {
    this.problem = message;
    if (this.ready && this.panel) await this.panel.webview.postMessage({ type: 'error', message } satisfies HostMessage);
  }

  private async syncHighlight(editor: vscode.TextEditor): Promise<void> {
    const shown = this.shown;
    // A stale diagram's spans are from older text: leave the mark where it is.
    if (!shown || shown.stale || !this.ready || !this.panel || shown.uri !== editor.document.uri.toString()) return;
    const step = stepAt(shown.diagram, editor.document.offsetAt(editor.selection.active)) ?? null;
    if (step === this.highlighted) return;
    this.highlighted = step;
    await this.panel.webview.postMessage({ type: 'highlight', step } satisfies HostMessage);
  }

  private async dispatch(msg: WebviewMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.highlighted = undefined;
        if (this.shown) await this.postShown();
        else if (this.problem) await this.showProblem(this.problem);
        await this.refresh();
        return;
      case 'reveal':
        await this.reveal(msg.step);
        return;
      case 'exportSvg':
        await this.exportSvg(this.uri);
        return;
      case 'state':
        if (msg.uri === this.uri?.toString()) this.zoom = msg.zoom;
        return;
      case 'size': {
        // Lay out again for the new space (a panel too small to measure keeps the last layout).
        if (msg.width < 200 || msg.height < 100) return;
        const changed = this.size?.width !== Math.round(msg.width) || this.size?.height !== Math.round(msg.height);
        this.size = { width: Math.round(msg.width), height: Math.round(msg.height) };
        if (changed) await this.refresh();
        return;
      }
    }
  }

  /** Select the step's id in an editor on the unit (opening one beside the panel if none shows it). */
  private async reveal(step: string): Promise<void> {
    const shown = this.shown;
    const node = shown?.diagram.nodes.find((n) => n.step === step);
    if (!shown || !node) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(shown.uri, true));
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === shown.uri);
    const column = visible?.viewColumn ?? (this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
    const span = stepIdSpan(doc.getText(), node);
    const range = new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

function title(uri: vscode.Uri): string {
  return `Boundary: ${unitName(uri)}`;
}

function parseUri(s: string | undefined): vscode.Uri | undefined {
  if (!s) return undefined;
  try {
    return vscode.Uri.parse(s, true);
  } catch {
    return undefined;
  }
}

function activeUnitEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && isUnitDocument(editor.document) ? editor : undefined;
}

/**
 * LSP 3.17 conformance: the same editing session run by a rich (VS Code-like)
 * client, by a client that declares no optional capability at all (twice:
 * once offering UTF-8 positions), and by an old client (the one the issue
 * describes: commands for code actions, `changes` edits, flat symbols, kinds
 * 1–18, plain text). Every message the server sends is checked against the
 * meta model; every range lies inside its document in UTF-16 code units;
 * diagnostics carry versions the client sent; edits apply; and each answer
 * takes only what its client declared. Then the lifecycle: error codes, exit
 * codes.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, CodeAction, Command, CompletionItem, DocumentSymbol, Hover, InitializeResult, PublishDiagnosticsParams, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, editsByUri, protocolProblems, rangeProblem, rangesIn, results, serverMessages, textOf } from '../support/conformance';
import { INJECTION_UNIT } from '../support/injection';
import { richCapabilities, TestClient } from '../support/lspClient';
import { withoutLearning } from '../support/examples';

const ONBOARDING = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8');
/** invoice-matching as drafted before its log was written down: no learning loop, the fourth element these tests scaffold. */
const INVOICE = withoutLearning(readFileSync('examples/invoice-matching.workunit.yaml', 'utf8'));
/** Characters outside the BMP (two UTF-16 units, four UTF-8 bytes) before the ranges on their lines. */
const ASTRAL = ONBOARDING.replace('name: Customer onboarding case review', 'name: 🚀 𝔘nboarding review ✓').replace('role: Compliance analyst', 'role: 🧐 Compliance analyst').replace(
  'name: Screen identity and sanctions lists',
  'name: 𝕊creen 🪪 identity',
);

const OLD_KINDS = Array.from({ length: 18 }, (_, i) => i + 1);

const SESSIONS: { name: string; capabilities: ClientCapabilities; old?: boolean; rich?: boolean }[] = [
  { name: 'rich (VS Code-like)', capabilities: richCapabilities({ resolveCodeActions: true, workDoneProgress: true, watchRegistration: true }), rich: true },
  { name: 'minimal (no optional capability)', capabilities: {} },
  { name: 'minimal, offering UTF-8 positions', capabilities: { general: { positionEncodings: ['utf-8', 'utf-16'] } } },
  {
    name: 'old (commands, changes, flat symbols, kinds 1–18, plain text)',
    old: true,
    capabilities: {
      workspace: { applyEdit: true, workspaceEdit: { documentChanges: false }, symbol: { symbolKind: { valueSet: OLD_KINDS as never } } },
      textDocument: {
        hover: { contentFormat: ['plaintext'] },
        completion: { completionItem: { snippetSupport: false, documentationFormat: ['plaintext'] }, completionItemKind: { valueSet: OLD_KINDS as never } },
        codeAction: {},
        documentSymbol: { symbolKind: { valueSet: OLD_KINDS as never }, hierarchicalDocumentSymbolSupport: false },
        rename: { prepareSupport: false },
        publishDiagnostics: { versionSupport: false },
      },
    },
  },
];

/** Positions worth asking about: the start of each word on each line (capped), where keys, ids and references are. */
function probePositions(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/[^\s:{},[\]#-][^\s:{},[\]]*/g)) out.push({ line: i, character: m.index! + 1 });
  });
  return out.slice(0, 160);
}

for (const session of SESSIONS) {
  describe(`conformance: ${session.name}`, () => {
    let client: TestClient;
    let init: InitializeResult;
    const open = new Map<string, string>();
    let folder: string;
    const req = <T>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<T>;

    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'workunit-conformance-'));
      cpSync('examples', folder, { recursive: true });
      client = new TestClient(['--stdio']);
      init = await client.initialize(folder, { capabilities: session.capabilities });
      const docs: [string, string][] = [
        [pathToFileURL(join(folder, 'onboarding-review.workunit.yaml')).href, ONBOARDING],
        [pathToFileURL(join(folder, 'invoice-matching.workunit.yaml')).href, INVOICE],
        [pathToFileURL(join(folder, 'astral.workunit.yaml')).href, ASTRAL],
        ['untitled:Injection-1', INJECTION_UNIT],
      ];
      for (const [uri, text] of docs) {
        open.set(uri, text);
        await client.open(uri, text);
      }
      // One edit, so diagnostics carry a second version.
      const [astralUri] = docs[2];
      const edited = ASTRAL.replace('steps:\n', 'steps:\n  # 𝔘 note\n');
      open.set(astralUri, edited);
      await client.change(astralUri, { start: { line: ASTRAL.split('\n').indexOf('steps:') + 1, character: 0 }, end: { line: ASTRAL.split('\n').indexOf('steps:') + 1, character: 0 } }, '  # 𝔘 note\n');

      for (const [uri] of docs) {
        const text = open.get(uri)!;
        const textDocument = { uri };
        await req('textDocument/documentSymbol', { textDocument });
        await req('textDocument/codeLens', { textDocument });
        const diagnostics = client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? [];
        const lines = text.split('\n');
        await req('textDocument/codeAction', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: 0 } }, context: { diagnostics } });
        for (const position of probePositions(text)) {
          await req('textDocument/hover', { textDocument, position });
          await req('textDocument/definition', { textDocument, position });
          await req('textDocument/references', { textDocument, position, context: { includeDeclaration: true } });
          await req('textDocument/documentHighlight', { textDocument, position });
        }
        for (const position of probePositions(text).filter((_, i) => i % 7 === 0)) {
          await req('textDocument/completion', { textDocument, position });
          if (session.rich) await req('textDocument/prepareRename', { textDocument, position }).catch(() => undefined);
          await req('textDocument/rename', { textDocument, position, newName: 'renamed-id' }).catch(() => undefined);
        }
      }
      await req('workspace/symbol', { query: '' });
      await req('workspace/symbol', { query: 'screen' });
      // A fix-all action that comes without its edit is resolved, as VS Code does when it is chosen.
      for (const { result } of results(client.wire).filter((r) => r.method === 'textDocument/codeAction')) {
        for (const a of (result as CodeAction[] | null) ?? []) if ('kind' in a && a.data !== undefined && !a.edit) await req('codeAction/resolve', a);
      }
    });
    after(() => client.shutdown());

    it('every message the server sent is LSP 3.17 (meta model), nothing before the InitializeResult', () => {
      assert.ok(client.wire.length > 500, `a session of ${client.wire.length} messages`);
      assert.deepEqual(protocolProblems(client.wire).slice(0, 20), []);
    });

    it('every range lies inside its document, in UTF-16 code units', () => {
      assert.ok(init.capabilities.positionEncoding === undefined || init.capabilities.positionEncoding === 'utf-16', `positionEncoding ${init.capabilities.positionEncoding}`);
      const problems: string[] = [];
      let checked = 0;
      for (const { method, params, result } of results(client.wire)) {
        const uri = (params as { textDocument?: { uri: string } }).textDocument?.uri;
        for (const r of rangesIn(result, uri)) {
          const text = r.uri && textOf(r.uri, open);
          if (text === undefined) continue;
          checked++;
          const p = rangeProblem(text, r.range);
          if (p) problems.push(`${method} ${r.path}: ${p}`);
        }
      }
      assert.ok(checked > 200, `${checked} ranges checked`);
      assert.deepEqual(problems.slice(0, 10), []);
    });

    it('diagnostics carry a version the client sent, for the text of that version, newest last', () => {
      const versions = new Map<string, number>();
      const texts = new Map<string, Map<number, string>>();
      for (const { from, message: m } of client.wire) {
        const p = m.params as { textDocument?: { uri: string; version?: number; text?: string }; contentChanges?: unknown[] };
        if (from === 'client' && (m.method === 'textDocument/didOpen' || m.method === 'textDocument/didChange')) {
          versions.set(p.textDocument!.uri, p.textDocument!.version!);
          if (!texts.has(p.textDocument!.uri)) texts.set(p.textDocument!.uri, new Map());
        }
        if (from === 'server' && m.method === 'textDocument/publishDiagnostics') {
          const d = m.params as PublishDiagnosticsParams;
          if (d.version !== undefined) assert.ok(d.version <= (versions.get(d.uri) ?? -1), `${d.uri}: version ${d.version} never sent`);
        }
      }
      for (const [uri, text] of open) {
        const last = client.published.filter((p) => p.uri === uri).at(-1);
        assert.ok(last, `diagnostics for ${uri}`);
        assert.equal(last.version ?? versions.get(uri), versions.get(uri), `${uri}: the newest diagnostics are for the newest version`);
        for (const d of last.diagnostics) assert.equal(rangeProblem(text, d.range), undefined, `${uri} ${d.code}`);
      }
    });

    it('every edit applies: inside its document, no two overlapping', () => {
      let applied = 0;
      for (const { method, result } of results(client.wire)) {
        const edits: WorkspaceEdit[] = [];
        if (method === 'textDocument/rename' && result) edits.push(result as WorkspaceEdit);
        if (method === 'textDocument/codeAction' || method === 'codeAction/resolve') {
          for (const a of ([] as (CodeAction | Command)[]).concat((result as CodeAction | CodeAction[] | null) ?? [])) {
            if ('edit' in a && a.edit) edits.push(a.edit);
            if ('arguments' in a && a.arguments) edits.push((a.arguments[0] as { edit: WorkspaceEdit }).edit);
          }
        }
        for (const edit of edits) {
          for (const [uri, list] of editsByUri(edit)) {
            const text = textOf(uri, open);
            assert.ok(text !== undefined, `an edit of ${uri}, a document the client has`);
            assert.doesNotThrow(() => applyEdits(text, list), `${method} on ${uri}`);
            applied++;
          }
        }
      }
      assert.ok(applied > 5, `${applied} edits applied`);
    });

    it('answers take only what the client declared', () => {
      const all = results(client.wire);
      const of = (method: string) => all.filter((r) => r.method === method).map((r) => r.result);
      const rich = !!session.rich;
      const json = (v: unknown) => JSON.stringify(v);
      // Hover: Markdown only where declared.
      const hovers = of('textDocument/hover').filter(Boolean) as Hover[];
      assert.ok(hovers.length > 10);
      for (const h of hovers) assert.equal((h.contents as { kind: string }).kind, rich ? 'markdown' : 'plaintext', json(h));
      // Completion: documentation, snippets, insertTextMode, kinds.
      const items = (of('textDocument/completion') as (CompletionItem[] | null)[]).flatMap((r) => r ?? []);
      assert.ok(items.length > 10);
      for (const item of items) {
        if (!rich) {
          assert.ok(item.documentation === undefined || typeof item.documentation === 'string', `plain documentation: ${json(item)}`);
          assert.notEqual(item.insertTextFormat, 2, json(item));
          assert.doesNotMatch((item.textEdit as { newText: string } | undefined)?.newText ?? item.insertText ?? '', /\$\{\d|\$\d/, `no snippet syntax: ${json(item)}`);
          assert.equal(item.insertTextMode, undefined, json(item));
          assert.ok(item.kind === undefined || item.kind <= 18, `kind ${item.kind}`);
        }
      }
      if (rich) assert.ok(items.some((i) => i.insertTextFormat === 2) && items.some((i) => i.kind === 20), 'the rich client gets snippets and newer kinds');
      // Outline: nested or flat, kinds within the set.
      const outlines = of('textDocument/documentSymbol').filter(Boolean) as (DocumentSymbol[] | SymbolInformation[])[];
      assert.ok(outlines.length >= 3);
      for (const outline of outlines) {
        for (const s of outline) {
          if (rich) assert.ok('children' in s && 'selectionRange' in s, 'nested DocumentSymbol');
          else {
            assert.ok('location' in s && !('children' in s), `flat SymbolInformation: ${json(s).slice(0, 100)}`);
            assert.ok(s.kind <= 18, `symbol kind ${s.kind}`);
          }
        }
      }
      for (const list of of('workspace/symbol') as SymbolInformation[][]) for (const s of list) if (!rich) assert.ok(s.kind <= 18, `workspace symbol kind ${s.kind}`);
      // Rename: prepareRename only for a client that sends it.
      assert.deepEqual(init.capabilities.renameProvider, rich ? { prepareProvider: true } : true);
      // Diagnostics: codeDescription, tags and data only where declared.
      const diagnostics = client.published.flatMap((p) => p.diagnostics);
      assert.ok(diagnostics.length > 10);
      for (const d of diagnostics) {
        if (!rich) assert.ok(d.codeDescription === undefined && d.tags === undefined && d.data === undefined, json(d));
      }
      if (rich) assert.ok(diagnostics.some((d) => d.codeDescription) && diagnostics.some((d) => d.tags?.includes(1)));
      // Code actions: literals with versioned edits; commands for the old client; nothing it cannot apply for the minimal one.
      const actions = (of('textDocument/codeAction') as ((CodeAction | Command)[] | null)[]).flatMap((r) => r ?? []);
      if (rich) {
        assert.ok(actions.length > 0 && actions.every((a) => 'kind' in a), 'CodeAction literals');
        assert.ok(actions.some((a) => (a as CodeAction).isPreferred));
        for (const a of actions as CodeAction[]) if (a.edit) assert.ok(a.edit.documentChanges && !a.edit.changes);
      } else if (session.old) {
        assert.ok(actions.length > 0, 'commands for the fixes');
        for (const a of actions) {
          assert.ok(!('kind' in a) && typeof (a as Command).command === 'string', `a Command: ${json(a).slice(0, 120)}`);
          const edit = ((a as Command).arguments?.[0] as { edit: WorkspaceEdit }).edit;
          assert.ok(edit.changes && !edit.documentChanges, 'changes, not documentChanges');
        }
        assert.deepEqual(init.capabilities.executeCommandProvider?.commands, ['workunit.applyFix']);
      } else {
        assert.deepEqual(actions, [], 'no action for a client that can take neither literals nor applyEdit');
      }
      for (const a of actions) assert.ok(rich || !('isPreferred' in a), 'isPreferred only where declared');
      // The server asks nothing the client did not declare.
      if (!rich) {
        for (const method of ['client/registerCapability', 'window/workDoneProgress/create', 'workspace/configuration']) assert.deepEqual(serverMessages(client.wire, method), [], method);
      }
    });

    if (session.old) {
      it('a fix as a command: executing it has the client apply the edit (workspace/applyEdit with changes)', async () => {
        const uri = [...open.keys()].find((u) => u.endsWith('invoice-matching.workunit.yaml'))!;
        const applied: WorkspaceEdit[] = [];
        client.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
          applied.push(p.edit);
          return { applied: true };
        });
        const diagnostics = client.published.filter((p) => p.uri === uri).at(-1)!.diagnostics;
        const unused = diagnostics.find((d) => d.code === 'unused-actor')!;
        const commands = await req<Command[]>('textDocument/codeAction', { textDocument: { uri }, range: unused.range, context: { diagnostics: [unused] } });
        const remove = commands.find((c) => /remove/i.test(c.title));
        assert.ok(remove, commands.map((c) => c.title).join(', '));
        await req('workspace/executeCommand', { command: remove.command, arguments: remove.arguments });
        assert.equal(applied.length, 1);
        const edited = applyEdits(INVOICE, applied[0].changes![uri]);
        const after = await client.change(uri, { start: { line: 0, character: 0 }, end: { line: INVOICE.split('\n').length, character: 0 } }, edited);
        assert.equal(after.diagnostics.some((d) => d.code === 'unused-actor'), false);
        // The document changed since: the same command is refused, not applied to the wrong text.
        await assert.rejects(req('workspace/executeCommand', { command: remove.command, arguments: remove.arguments }), (e: { code: number }) => e.code === -32803);
        assert.deepEqual(protocolProblems(client.wire), []);
      });
    }
  });
}

describe('conformance: the lifecycle', () => {
  const uri = 'file:///tmp/lifecycle/onboarding.workunit.yaml';
  const errorOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e as { code: number; message: string };
    }
    return assert.fail('expected an error');
  };

  it('before initialize: -32002 for a request, a notification dropped; nothing published before the InitializeResult', async () => {
    const client = new TestClient();
    try {
      assert.equal((await errorOf(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }))).code, -32002);
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'workunit', version: 1, text: ONBOARDING } });
      await client.initialize();
      // The document opened too early is unknown: no hover, no diagnostics (the next one opened gets them).
      assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } }), null);
      await client.open('file:///tmp/lifecycle/other.workunit.yaml', ONBOARDING);
      assert.equal(client.published.some((p) => p.uri === uri), false);
      assert.deepEqual(protocolProblems(client.wire), []);
    } finally {
      await client.shutdown();
    }
  });

  it('a second initialize is refused (-32600); unknown requests get -32601; `$/` notifications are ignored; invalid params get -32602 naming the field, with no stack', async () => {
    const client = new TestClient();
    try {
      await client.initialize();
      assert.equal((await errorOf(client.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }))).code, -32600);
      assert.equal((await errorOf(client.connection.sendRequest('workunit/noSuchThing', {}))).code, -32601);
      assert.equal((await errorOf(client.connection.sendRequest('$/noSuchRequest', {}))).code, -32601);
      await client.connection.sendNotification('$/noSuchNotification', { x: 1 });
      await client.connection.sendNotification('$/setTrace', { value: 'off' });
      const bad = await errorOf(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 'one', character: 0 } }));
      assert.equal(bad.code, -32602);
      assert.match(bad.message, /params\.position\.line/);
      const bad2 = await errorOf(client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: 'none' } }));
      assert.equal(bad2.code, -32602);
      assert.match(bad2.message, /params\.context\.diagnostics/);
      // The server is still there, and its log carries no stack for the client's mistakes.
      await client.open(uri, ONBOARDING);
      assert.doesNotMatch(client.logs.join('\n'), /\n\s+at /);
      // A refused rename: RequestFailed.
      const refused = await errorOf(client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position: { line: 6, character: 2 } }));
      assert.equal(refused.code, -32803);
      assert.deepEqual(protocolProblems(client.wire), []);
    } finally {
      await client.shutdown();
    }
  });

  it('after shutdown: -32600 for a request; exit then ends the process with code 0', async () => {
    const client = new TestClient();
    await client.initialize();
    await client.connection.sendRequest('shutdown');
    assert.equal((await errorOf(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }))).code, -32600);
    await client.connection.sendNotification('exit');
    assert.equal(await client.exited, 0);
    client.connection.dispose();
  });

  it('exit without shutdown ends the process with code 1', async () => {
    const client = new TestClient();
    await client.initialize();
    await client.connection.sendNotification('exit');
    assert.equal(await client.exited, 1);
    client.connection.dispose();
  });
});

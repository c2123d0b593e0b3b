/** Authoring requests over stdio against the built server: what an editor asks while a person writes. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, CodeLens, DocumentHighlight, DocumentSymbol, Hover, Location, MarkupContent, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lspClient';
import { withoutLearning } from '../support/examples';

const ONBOARDING = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8');
/** invoice-matching as drafted before its log was written down: no learning loop, the fourth element these tests scaffold. */
const INVOICE = withoutLearning(readFileSync('examples/invoice-matching.workunit.yaml', 'utf8'));
const lines = ONBOARDING.split('\n');
/** The 0-based position of the `nth` occurrence of `needle`, plus `delta` characters. */
function pos(text: string, needle: string, delta = 0, nth = 0) {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not found`);
  const before = text.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('authoring requests', () => {
  let client: TestClient;
  const uri = 'file:///tmp/authoring/onboarding-review.workunit.yaml';
  const invoiceUri = 'file:///tmp/authoring/invoice-matching.workunit.yaml';
  const req = <T>(method: string, params: object) => client.connection.sendRequest(method, params) as Promise<T>;

  before(async () => {
    client = new TestClient();
    const init = await client.initialize();
    for (const cap of ['hoverProvider', 'documentSymbolProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'codeLensProvider', 'documentHighlightProvider'] as const) {
      assert.ok(init.capabilities[cap], `capability ${cap}`);
    }
    await client.open(uri, ONBOARDING);
    await client.open(invoiceUri, INVOICE);
  });
  after(() => client.shutdown());

  it('hover explains a key from the schema and a reference from the model', async () => {
    const key = await req<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(ONBOARDING, 'cadence:', 2) });
    assert.match((key.contents as MarkupContent).value, /daily.*weekly.*biweekly.*monthly.*quarterly/s);
    const ref = await req<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(ONBOARDING, 'performer: kyc-screener', 13) });
    const text = (ref.contents as MarkupContent).value;
    assert.match(text, /AI agent/);
    assert.match(text, /screen/);
    const step = await req<Hover>('textDocument/hover', { textDocument: { uri }, position: pos(ONBOARDING, 'id: decide', 5) });
    assert.match((step.contents as MarkupContent).value, /hybrid/i);
    assert.match((step.contents as MarkupContent).value, /analyst/);
  });

  it('the outline nests outcome, actors, steps, exceptions and metrics', async () => {
    const symbols = await req<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const flat = (ss: DocumentSymbol[], depth = 0): string[] => ss.flatMap((s) => [`${'  '.repeat(depth)}${s.name}`, ...flat(s.children ?? [], depth + 1)]);
    const outline = flat(symbols).join('\n');
    for (const name of ['kyc-screener', 'decide', 'screening-hit', 'first-pass-rate']) assert.match(outline, new RegExp(`^ {4,}${name}$`, 'm'), outline);
  });

  it('goes to the definition of a step reference and finds every use of an actor', async () => {
    const def = await req<Location[]>('textDocument/definition', { textDocument: { uri }, position: pos(ONBOARDING, 'then: decide', 7) });
    assert.deepEqual(def.map((l) => l.range.start), [pos(ONBOARDING, 'id: decide', 4)]);
    const refs = await req<Location[]>('textDocument/references', { textDocument: { uri }, position: pos(ONBOARDING, 'analyst:', 1), context: { includeDeclaration: true } });
    // The declaration and four uses; not the word in `role: Compliance analyst`.
    assert.deepEqual(refs.map((l) => l.range.start.line + 1).sort((a, b) => a - b), [14, 25, 29, 30, 46]);
    const hl = await req<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri }, position: pos(ONBOARDING, 'crm:', 1) });
    assert.equal(hl.filter((h) => h.kind === 3).length, 1, 'one write: the declaration');
    assert.equal(hl.length, 3);
  });

  it('renames an actor: every reference and nothing else', async () => {
    const prepared = await req<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: pos(ONBOARDING, 'owner: onboarding-lead', 9) });
    assert.equal(prepared.placeholder, 'onboarding-lead');
    const edit = await req<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: pos(ONBOARDING, 'owner: onboarding-lead', 9), newName: 'team-lead' });
    const edits = edit.changes![uri];
    assert.equal(edits.length, (ONBOARDING.match(/onboarding-lead/g) ?? []).length);
    assert.ok(edits.every((e) => e.newText === 'team-lead' && lines[e.range.start.line].slice(e.range.start.character, e.range.end.character) === 'onboarding-lead'));
    await assert.rejects(req('textDocument/rename', { textDocument: { uri }, position: pos(ONBOARDING, 'owner: onboarding-lead', 9), newName: 'Team Lead' }));
  });

  it('shows the four-element status on the first line', async () => {
    const full = await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(full.map((l) => [l.range.start.line, l.command?.title]), [[0, '4 of 4 elements complete']]);
    const partial = await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: invoiceUri } });
    assert.equal(partial[0].command?.title, '3 of 4 — no learning loop: the unit will plateau');
  });

  const labels = (r: CompletionItem[] | CompletionList | null) => (Array.isArray(r) ? r : (r?.items ?? [])).map((i) => i.label);

  it('completes actor ids at performer:, only humans at accountable:, steps and end at next:', async () => {
    const u = 'file:///tmp/authoring/completion.workunit.yaml';
    const text = ONBOARDING.replace('    performer: crm\n', '    performer: \n').replace('    accountable: analyst\n    decision', '    accountable: \n    decision');
    await client.open(u, text);
    const atPerformer = await req<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: pos(text, 'performer: \n', 11) });
    assert.deepEqual(labels(atPerformer).filter((l) => ['onboarding-lead', 'analyst', 'kyc-screener', 'crm'].includes(l)).sort(), ['analyst', 'crm', 'kyc-screener', 'onboarding-lead']);
    const screener = (atPerformer as CompletionItem[]).find((i) => i.label === 'kyc-screener')!;
    assert.match(`${screener.detail}`, /ai-agent|AI agent/i);
    const atAccountable = await req<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: pos(text, 'accountable: \n', 13) });
    assert.ok(labels(atAccountable).includes('analyst'));
    assert.ok(!labels(atAccountable).includes('kyc-screener'), 'machines are not accountable');
    await client.close(u);
  });

  it('completes inside a document that is invalid YAML at that moment', async () => {
    const u = 'file:///tmp/authoring/typing.workunit.yaml';
    await client.open(u, ONBOARDING);
    // Mid-typing: an unclosed flow list above, and a half-typed value at `performer:` below.
    const broken = ONBOARDING.replace('measuredBy: [cycle-time, first-pass-rate]', 'measuredBy: [cycle-time, first-pa').replace('    performer: crm\n', '    performer: ky\n    acc\n');
    const p = await client.change(u, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }, broken);
    assert.ok(p.diagnostics.some((d) => d.code === 'yaml-syntax'), 'the text is broken');
    const items = await req<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: pos(broken, 'performer: ky', 13) });
    const screener = (items as CompletionItem[]).find((i) => i.label === 'kyc-screener');
    assert.ok(screener, `got ${labels(items).join(', ')}`);
    const edit = screener.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
    assert.equal(edit.range.end.character - edit.range.start.character, 2, 'replaces the half-typed `ky`');
    // A half-typed key in the same step: offered keys of a step, minus the ones it already has.
    const keyItems = labels(await req<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: pos(broken, '    acc\n', 7) }));
    assert.ok(keyItems.includes('accountable'), keyItems.join(', '));
    assert.ok(!keyItems.includes('performer') && !keyItems.includes('name') && !keyItems.includes('id'), keyItems.join(', '));
    await client.close(u);
  });

  it('offers a complete unit skeleton in an empty file', async () => {
    const u = 'file:///tmp/authoring/new.workunit.yaml';
    await client.open(u, '');
    const items = (await req<CompletionItem[]>('textDocument/completion', { textDocument: { uri: u }, position: { line: 0, character: 0 } })) as CompletionItem[];
    assert.equal(items.length, 1);
    const snippet = (items[0].textEdit as { newText: string }).newText;
    // A client with snippet support gets tab stops (one without gets plain text: conformance.test.ts).
    assert.equal(items[0].insertTextFormat, 2);
    assert.match(snippet, /\$\{1:/);
    const text = snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\\}/g, '}');
    assert.doesNotMatch(text, /\$\{/);
    const p = await client.change(u, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text);
    // A scaffold never invents (format 1.1): what it cannot know is a `<…>` placeholder, and only `placeholder`
    // findings stand until a person fills them in.
    const serious = p.diagnostics.filter((d) => (d.severity ?? 1) <= 2);
    assert.ok(serious.length > 0, 'the skeleton carries placeholders');
    assert.deepEqual([...new Set(serious.map((d) => d.code))], ['placeholder']);
    await client.close(u);
  });

  /** Applies a code action's text edits (one document) to `text`. */
  function applyAction(text: string, action: CodeAction): string {
    const change = action.edit!.documentChanges![0] as { edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText?: string; snippet?: { value: string } }[] };
    const offsets = (p: { line: number; character: number }) => {
      const ls = text.split('\n');
      return ls.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    };
    const edits = change.edits.map((e) => ({ start: offsets(e.range.start), end: offsets(e.range.end), text: e.newText ?? e.snippet!.value })).sort((a, b) => b.start - a.start);
    return edits.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
  }

  it('offers quick-fixes keyed on the rule: scaffold the learning loop, nearest step, suppress', async () => {
    const u = 'file:///tmp/authoring/fixes.workunit.yaml';
    const first = await client.open(u, INVOICE);
    const loop = first.diagnostics.find((d) => d.code === 'missing-learning-loop')!;
    const actions = await req<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: loop.range, context: { diagnostics: [loop] } });
    const scaffold = actions.find((a) => a.diagnostics?.[0]?.code === 'missing-learning-loop' && !/suppress/i.test(a.title));
    assert.ok(scaffold, actions.map((a) => a.title).join(' | '));
    assert.ok(actions.some((a) => /suppress/i.test(a.title)), 'a suppression is offered too');
    const fixed = applyAction(INVOICE, scaffold);
    assert.match(fixed, /owner: ap-lead\n*$/m, 'the review is owned by the unit owner');
    const after = await client.change(u, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }, fixed);
    assert.equal(after.diagnostics.some((d) => d.code === 'missing-learning-loop' || d.code === 'yaml-syntax'), false);

    // A typo'd step reference: the nearest id is the preferred fix. (Not on `pay`, the last step: every step
    // before it would make a loop with no way out, which a fix never offers since format 1.1.)
    const typo = fixed.replace('next: pay-run', 'next: end').replace('  - id: match\n', '  - id: match\n    next: aprove\n');
    const typoed = await client.change(u, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }, typo);
    const step = typoed.diagnostics.find((d) => d.code === 'unknown-step')!;
    const stepFixes = await req<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: step.range, context: { diagnostics: [step] } });
    const preferred = stepFixes.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, stepFixes.map((a) => a.title).join(' | '));
    assert.match(applyAction(typo, preferred[0]), /next: approve\n/);
    await client.close(u);
  });

  it('sends scaffolds as snippet edits at the start of a line, so the editor neither re-indents them nor loses the tab stops', async () => {
    const snippetClient = new TestClient();
    try {
      await snippetClient.initialize(process.cwd(), { snippetEdits: true });
      const u = 'file:///tmp/authoring/snippets.workunit.yaml';
      const first = await snippetClient.open(u, INVOICE);
      const loop = first.diagnostics.find((d) => d.code === 'missing-learning-loop')!;
      const actions = (await snippetClient.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: loop.range, context: { diagnostics: [loop] } })) as CodeAction[];
      const scaffold = actions.find((a) => a.diagnostics?.[0]?.code === 'missing-learning-loop' && !/suppress/i.test(a.title))!;
      const edit = (scaffold.edit!.documentChanges![0] as { edits: { range: { start: { character: number } }; snippet?: { value: string } }[] }).edits[0];
      assert.ok(edit.snippet, 'a snippet edit');
      assert.match(edit.snippet.value, /\$\{\d+[:|]/);
      assert.equal(edit.range.start.character, 0);
      assert.match(edit.snippet.value, /^\n?learning:\n {2}metrics:/);
    } finally {
      await snippetClient.shutdown();
    }
  });

  it('fixes all safe problems at once (source.fixAll.workunit)', async () => {
    const u = 'file:///tmp/authoring/fixall.workunit.yaml';
    const text = INVOICE.replace('performer: erp', 'perfomer: erp');
    await client.open(u, text);
    const actions = await req<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.workunit');
    const fixed = applyAction(text, actions[0]);
    assert.doesNotMatch(fixed, /perfomer/);
    assert.match(fixed, /\nlearning:\n  metrics:\n/);
    assert.match(fixed, /next: pay-run\n/, 'a guess is not a safe fix');
    await client.close(u);
  });

  it('with a client that resolves edits, offers "fix all" without its edit and computes it on codeAction/resolve', async () => {
    const lazy = new TestClient();
    try {
      await lazy.initialize(null, { resolveCodeActions: true });
      const u = 'file:///tmp/authoring/fixall-lazy.workunit.yaml';
      const text = INVOICE.replace('performer: erp', 'perfomer: erp');
      const published = await lazy.open(u, text);
      const typo = published.diagnostics.find((d) => d.code === 'unknown-key')!;
      const sendLazy = <T>(method: string, params: object) => lazy.connection.sendRequest(method, params) as Promise<T>;
      // At a quick-fix's place: the quick-fixes whole, the fix-all action unresolved.
      const actions = await sendLazy<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: typo.range, context: { diagnostics: [typo] } });
      const fixAll = actions.find((a) => a.kind === 'source.fixAll.workunit')!;
      assert.ok(fixAll, 'the fix-all action is offered');
      assert.equal(fixAll.edit, undefined, 'its edit waits for resolve');
      assert.ok(actions.filter((a) => a.kind === 'quickfix').every((a) => a.edit), 'quick-fixes carry their edits');
      const resolved = await sendLazy<CodeAction>('codeAction/resolve', fixAll);
      // The same edit the eager path gives (the shared client does not resolve).
      await client.open(u, text);
      const eagerOnShared = await req<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
      await client.close(u);
      assert.equal(applyAction(text, resolved), applyAction(text, eagerOnShared[0]));
      assert.doesNotMatch(applyAction(text, resolved), /perfomer/);
    } finally {
      await lazy.shutdown();
    }
  });

  it('keeps the outline while the YAML is momentarily broken', async () => {
    const broken = await client.change(uri, { start: pos(ONBOARDING, 'measuredBy: [cycle-time, first-pass-rate]', 40), end: pos(ONBOARDING, 'measuredBy: [cycle-time, first-pass-rate]', 41) }, '');
    assert.ok(broken.diagnostics.some((d) => d.code === 'yaml-syntax'));
    const symbols = await req<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(JSON.stringify(symbols).includes('kyc-screener'));
  });
});

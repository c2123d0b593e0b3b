// Tests for the TextMate grammar (syntaxes/workunit.tmLanguage.json) and the
// language configuration (language-configuration.json).
//
// Run from the repository root:
//   node --import tsx --test test/grammar/grammar.test.ts
//
// The grammar is loaded with vscode-textmate + vscode-oniguruma, the same engine
// VS Code uses, and real files and small snippets are tokenized; each assertion
// names the exact token and the scope it must (or must not) carry.

import { before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { ALL_KEYS } from '../../server/src/core/format/description';

const ROOT_SCOPE = 'source.workunit';

const SCOPE = {
  key: 'entity.name.tag.yaml',
  formatKey: 'keyword.other.key.workunit',
  separator: 'punctuation.separator.key-value.mapping.yaml',
  dash: 'punctuation.definition.block.sequence.item.yaml',
  comment: 'comment.line.number-sign.yaml',
  commentPunctuation: 'punctuation.definition.comment.yaml',
  reference: 'variable.other.reference.workunit',
  end: 'keyword.control.end.workunit',
  enumValue: 'constant.language.enum.workunit',
  id: 'entity.name.function.id.workunit',
  versionNumber: 'constant.numeric.integer.yaml',
  number: 'constant.numeric.yaml',
  boolean: 'constant.language.boolean.yaml',
  null: 'constant.language.null.yaml',
  plainBlock: 'string.unquoted.plain.out.yaml',
  plainFlow: 'string.unquoted.plain.in.yaml',
  plainAny: 'string.unquoted.plain',
  doubleQuoted: 'string.quoted.double.yaml',
  singleQuoted: 'string.quoted.single.yaml',
  escape: 'constant.character.escape.yaml',
  blockScalarContent: 'string.unquoted.block.yaml',
  anchor: 'entity.name.type.anchor.yaml',
  alias: 'variable.other.alias.yaml',
  tag: 'storage.type.tag-handle.yaml',
  directive: 'keyword.control.directive.workunit',
  ruleId: 'constant.other.rule-id.workunit',
  flowSequence: 'meta.flow-sequence.yaml',
  flowMapping: 'meta.flow-mapping.yaml',
  branchLabel: 'entity.name.label.branch.workunit',
  documentBegin: 'entity.other.document.begin.yaml',
  documentEnd: 'entity.other.document.end.yaml',
} as const;

// ---------------------------------------------------------------------------
// Locating files
// ---------------------------------------------------------------------------

/** The repository root: the first directory, from the working directory up, holding the grammar. */
function findRepositoryRoot(): string {
  let dir = process.cwd();
  for (;;) {
    if (fs.existsSync(path.join(dir, 'syntaxes', 'workunit.tmLanguage.json')) && fs.existsSync(path.join(dir, 'package.json'))) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`run the tests from the repository root (no syntaxes/workunit.tmLanguage.json above ${process.cwd()})`);
    dir = parent;
  }
}

const REPO_ROOT = findRepositoryRoot();
const GRAMMAR_PATH = path.join(REPO_ROOT, 'syntaxes', 'workunit.tmLanguage.json');
const LANGUAGE_CONFIGURATION_PATH = path.join(REPO_ROOT, 'language-configuration.json');
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
const ONIG_WASM_PATH = path.join(REPO_ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');

function listExampleFiles(): string[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((name) => /\.workunit\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(EXAMPLES_DIR, name));
}

// ---------------------------------------------------------------------------
// Loading the grammar and tokenizing
// ---------------------------------------------------------------------------

interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

interface TokenizedLine {
  lineNumber: number; // 0-based
  text: string;
  tokens: Token[];
}

interface TokenizedDocument {
  lines: TokenizedLine[];
  finalState: vsctm.StateStack;
}

let onigurumaReady: Promise<void> | undefined;

function loadOniguruma(): Promise<void> {
  onigurumaReady ??= oniguruma.loadWASM(fs.readFileSync(ONIG_WASM_PATH));
  return onigurumaReady;
}

function createOnigLib(): vsctm.IOnigLib {
  return {
    createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  };
}

/** Loads source.workunit through a vscode-textmate registry; also reports every scope the registry asked for. */
async function loadWorkunitGrammar(): Promise<{ grammar: vsctm.IGrammar; requestedScopes: string[] }> {
  await loadOniguruma();
  const requestedScopes: string[] = [];
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve(createOnigLib()),
    loadGrammar: async (scopeName: string) => {
      requestedScopes.push(scopeName);
      if (scopeName !== ROOT_SCOPE) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
    },
  });
  const grammar = await registry.loadGrammar(ROOT_SCOPE);
  assert.ok(grammar, 'the registry returns a grammar for source.workunit');
  return { grammar, requestedScopes };
}

function tokenizeText(grammar: vsctm.IGrammar, text: string): TokenizedDocument {
  let state: vsctm.StateStack = vsctm.INITIAL;
  const lines = text.split(/\r?\n/).map((lineText, lineNumber): TokenizedLine => {
    const result = grammar.tokenizeLine(lineText, state);
    state = result.ruleStack;
    const tokens = result.tokens.map((token) => ({
      text: lineText.slice(token.startIndex, Math.min(token.endIndex, lineText.length)),
      start: token.startIndex,
      end: Math.min(token.endIndex, lineText.length),
      scopes: token.scopes,
    }));
    return { lineNumber, text: lineText, tokens };
  });
  return { lines, finalState: state };
}

// ---------------------------------------------------------------------------
// Finding tokens and asserting scopes
// ---------------------------------------------------------------------------

/** The line whose text is exactly `lineText` (the `occurrence`-th one, 0-based). */
function findLine(document: TokenizedDocument, lineText: string, occurrence = 0): TokenizedLine {
  const matches = document.lines.filter((line) => line.text === lineText);
  const line = matches[occurrence];
  assert.ok(line, `no line ${JSON.stringify(lineText)} (occurrence ${occurrence}) in the document`);
  return line;
}

/** Start column of the `occurrence`-th `substring` in the line. */
function columnOf(line: TokenizedLine, substring: string, occurrence = 0): number {
  let column = -1;
  for (let i = 0; i <= occurrence; i++) {
    column = line.text.indexOf(substring, column + 1);
    assert.ok(column >= 0, `${JSON.stringify(substring)} (occurrence ${occurrence}) not found in line ${JSON.stringify(line.text)}`);
  }
  return column;
}

/** The tokens that overlap the `occurrence`-th `substring` of the line. */
function tokensCovering(line: TokenizedLine, substring: string, occurrence = 0): Token[] {
  const start = columnOf(line, substring, occurrence);
  const end = start + substring.length;
  return line.tokens.filter((token) => token.start < end && token.end > start);
}

function describeTokens(line: TokenizedLine): string {
  return line.tokens.map((t) => `${JSON.stringify(t.text)} [${t.scopes.slice(1).join(', ')}]`).join('\n  ');
}

/** The single token that is exactly the `occurrence`-th `substring` (same start, same end). */
function exactToken(line: TokenizedLine, substring: string, occurrence = 0): Token {
  const start = columnOf(line, substring, occurrence);
  const token = line.tokens.find((t) => t.start === start && t.end === start + substring.length);
  assert.ok(
    token,
    `${JSON.stringify(substring)} is not a token of its own in ${JSON.stringify(line.text)}; tokens:\n  ${describeTokens(line)}`,
  );
  return token;
}

/** `substring` is one token carrying every scope in `expected` (and none in `forbidden`). */
function assertTokenScopes(
  line: TokenizedLine,
  substring: string,
  expected: readonly string[],
  options: { occurrence?: number; forbidden?: readonly string[] } = {},
): void {
  const token = exactToken(line, substring, options.occurrence ?? 0);
  for (const scope of expected) {
    assert.ok(
      token.scopes.includes(scope),
      `${JSON.stringify(substring)} in ${JSON.stringify(line.text)} should have ${scope}; it has [${token.scopes.join(', ')}]`,
    );
  }
  for (const scope of options.forbidden ?? []) {
    assert.ok(
      !token.scopes.includes(scope),
      `${JSON.stringify(substring)} in ${JSON.stringify(line.text)} must not have ${scope}; it has [${token.scopes.join(', ')}]`,
    );
  }
}

/** Every character of `substring` lies in tokens carrying `scope` (the tokens may be split further, e.g. by escapes). */
function assertSubstringWithin(line: TokenizedLine, substring: string, scope: string, occurrence = 0): void {
  const tokens = tokensCovering(line, substring, occurrence);
  assert.ok(tokens.length > 0);
  for (const token of tokens) {
    assert.ok(
      token.scopes.includes(scope),
      `${JSON.stringify(token.text)} (part of ${JSON.stringify(substring)}) in ${JSON.stringify(line.text)} should be inside ${scope}; it has [${token.scopes.join(', ')}]`,
    );
  }
}

/** No token of the line has a scope starting with `scopePrefix`. */
function assertLineHasNoScope(line: TokenizedLine, scopePrefix: string): void {
  for (const token of line.tokens) {
    const offending = token.scopes.find((scope) => scope.startsWith(scopePrefix));
    assert.equal(offending, undefined, `${JSON.stringify(token.text)} in ${JSON.stringify(line.text)} must not be ${scopePrefix}`);
  }
}

function keyTokens(line: TokenizedLine): string[] {
  return line.tokens.filter((t) => t.scopes.includes(SCOPE.key)).map((t) => t.text);
}

// ---------------------------------------------------------------------------
// Walking the raw grammar JSON
// ---------------------------------------------------------------------------

type RawRule = Record<string, unknown>;

/** Every rule object in the grammar (top-level patterns, repository entries, nested patterns and captures). */
function collectRawRules(rawGrammar: RawRule): RawRule[] {
  const rules: RawRule[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const rule = value as RawRule;
    rules.push(rule);
    for (const key of ['patterns', 'captures', 'beginCaptures', 'endCaptures', 'whileCaptures', 'repository']) {
      const child = rule[key];
      if (child && typeof child === 'object') {
        if (Array.isArray(child)) visit(child);
        else Object.values(child as Record<string, unknown>).forEach(visit);
      }
    }
  };
  visit(rawGrammar);
  return rules;
}

// ---------------------------------------------------------------------------
// The grammar
// ---------------------------------------------------------------------------

let grammar: vsctm.IGrammar;
let scopesRequestedWhileLoading: string[] = [];

before(async () => {
  ({ grammar, requestedScopes: scopesRequestedWhileLoading } = await loadWorkunitGrammar());
});

function tokenizeSnippet(text: string): TokenizedDocument {
  return tokenizeText(grammar, text);
}

function readExample(fileName: string): TokenizedDocument {
  return tokenizeText(grammar, fs.readFileSync(path.join(EXAMPLES_DIR, fileName), 'utf8'));
}

describe('grammar file', () => {
  const rawGrammar = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as RawRule;
  const rawRules = collectRawRules(rawGrammar);

  test('declares source.workunit and loads stand-alone', () => {
    assert.equal(rawGrammar.scopeName, ROOT_SCOPE);
    assert.ok(grammar, 'loaded in before()');
    assert.deepEqual(scopesRequestedWhileLoading, [ROOT_SCOPE], 'the grammar asks the registry for no other grammar');
  });

  test('includes only its own repository (never source.yaml), and every include resolves', () => {
    const repository = rawGrammar.repository as Record<string, unknown>;
    const includes = rawRules.map((rule) => rule.include).filter((include): include is string => typeof include === 'string');
    assert.ok(includes.length > 10, 'the grammar is organised with repository includes');
    for (const include of includes) {
      assert.ok(include === '$self' || include.startsWith('#'), `external include ${include}`);
      if (include.startsWith('#')) assert.ok(include.slice(1) in repository, `unresolved include ${include}`);
    }
  });

  test('every regular expression compiles with Oniguruma', async () => {
    await loadOniguruma();
    let compiled = 0;
    for (const rule of rawRules) {
      for (const key of ['match', 'begin', 'end', 'while']) {
        const source = rule[key];
        if (typeof source !== 'string') continue;
        // end/while may refer to begin captures (\1); give them a stand-in, as vscode-textmate does at run time
        const resolved = key === 'end' || key === 'while' ? source.replace(/(?<!\\)\\([1-9])/g, '  ') : source;
        assert.doesNotThrow(() => new oniguruma.OnigScanner([resolved]).dispose(), `${key}: ${source}`);
        compiled++;
      }
    }
    assert.ok(compiled > 50, `compiled ${compiled} expressions`);
  });

  test('lists exactly the keys of the format spec as format keys', () => {
    // The format's keys as its one description lists them (the grammar is generated from it).
    const specKeys = [...ALL_KEYS];
    const document = tokenizeSnippet([...specKeys.map((key) => `${key}: x`), 'notAKey: x'].join('\n'));
    for (const [index, key] of specKeys.entries()) {
      assertTokenScopes(document.lines[index]!, key, [SCOPE.key, SCOPE.formatKey]);
    }
    assertTokenScopes(findLine(document, 'notAKey: x'), 'notAKey', [SCOPE.key], { forbidden: [SCOPE.formatKey] });
  });
});

describe('examples', () => {
  for (const fileName of fs.readdirSync(EXAMPLES_DIR).filter((name) => /\.workunit\.ya?ml$/.test(name)).sort()) {
    test(`${fileName}: every token has the root scope, all text is scoped, the stack unwinds, no engine errors`, (t) => {
      const consoleError = mock.method(console, 'error', () => undefined);
      t.after(() => consoleError.mock.restore());
      const document = readExample(fileName);
      assert.equal(consoleError.mock.callCount(), 0, 'vscode-textmate reported no endless loop or bad rule');
      assert.ok(document.lines.length > 20);
      for (const line of document.lines) {
        for (const token of line.tokens) {
          assert.equal(token.scopes[0], ROOT_SCOPE, `line ${line.lineNumber + 1} token ${JSON.stringify(token.text)}`);
          if (token.text.trim() !== '') {
            assert.ok(
              token.scopes.length > 1,
              `line ${line.lineNumber + 1}: ${JSON.stringify(token.text)} got no scope besides the root`,
            );
          }
        }
      }
      assert.equal(document.finalState.depth, 1, 'no rule is left open at the end of the file');
    });
  }

  test('all three example files are covered', () => {
    assert.equal(listExampleFiles().length, 3);
  });

  test('onboarding-review: keys, ids, references, enums, numbers, comments', () => {
    const doc = readExample('onboarding-review.workunit.yaml');

    const version = findLine(doc, 'workunit: 1');
    assertTokenScopes(version, 'workunit', [SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(version, ':', [SCOPE.separator]);
    assertTokenScopes(version, '1', [SCOPE.versionNumber]);

    assertTokenScopes(findLine(doc, 'id: onboarding-review'), 'onboarding-review', [SCOPE.id]);
    assertTokenScopes(findLine(doc, 'owner: onboarding-lead'), 'onboarding-lead', [SCOPE.reference]);
    assertTokenScopes(findLine(doc, 'valueStream: customer-onboarding'), 'customer-onboarding', [SCOPE.plainBlock], {
      forbidden: [SCOPE.reference],
    });

    const measuredBy = findLine(doc, '  measuredBy: [cycle-time, first-pass-rate]');
    assertTokenScopes(measuredBy, 'cycle-time', [SCOPE.flowSequence, SCOPE.reference]);
    assertTokenScopes(measuredBy, 'first-pass-rate', [SCOPE.flowSequence, SCOPE.reference]);

    const actor = findLine(doc, '  analyst:         { kind: human, role: Compliance analyst, resources: [a.jansen, m.okafor] }');
    assertTokenScopes(actor, 'analyst', [SCOPE.key], { forbidden: [SCOPE.formatKey] });
    assertTokenScopes(actor, 'kind', [SCOPE.flowMapping, SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(actor, 'human', [SCOPE.enumValue]);
    assertTokenScopes(actor, 'role', [SCOPE.flowMapping, SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(actor, 'Compliance analyst', [SCOPE.flowMapping, SCOPE.plainFlow]);
    assertTokenScopes(actor, 'resources', [SCOPE.flowMapping, SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(actor, 'a.jansen', [SCOPE.flowSequence, SCOPE.plainFlow], { forbidden: [SCOPE.reference] });
    assertTokenScopes(findLine(doc, '  kyc-screener:    { kind: ai-agent, model: kyc-screen-v3, resources: [kyc-bot] }'), 'ai-agent', [SCOPE.enumValue]);

    const activity = findLine(doc, '    activity: Sanctions screening   # the log\'s name for this step');
    assertTokenScopes(activity, 'activity', [SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(activity, 'Sanctions screening', [SCOPE.plainBlock]);

    // A labelled branch: the labels are keys of the map, the targets references, `end` the end.
    const branches = findLine(doc, '    next: { decided: notify, escalated: end }   # escalations leave for enhanced due diligence');
    assertTokenScopes(branches, 'decided', [SCOPE.flowMapping, SCOPE.key, SCOPE.branchLabel], { forbidden: [SCOPE.reference] });
    assertTokenScopes(branches, 'notify', [SCOPE.flowMapping, SCOPE.reference]);
    assertTokenScopes(branches, 'escalated', [SCOPE.flowMapping, SCOPE.branchLabel]);
    assertTokenScopes(branches, 'end', [SCOPE.flowMapping, SCOPE.end], { forbidden: [SCOPE.reference] });
    assertSubstringWithin(branches, ' escalations leave for enhanced due diligence', SCOPE.comment);

    assertTokenScopes(findLine(doc, '  log:'), 'log', [SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(findLine(doc, '    timestamp: completed_at'), 'timestamp', [SCOPE.key, SCOPE.formatKey]);

    const intake = findLine(doc, '  - id: intake');
    assertTokenScopes(intake, '-', [SCOPE.dash]);
    assertTokenScopes(intake, 'id', [SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(intake, ':', [SCOPE.separator]);
    assertTokenScopes(intake, 'intake', [SCOPE.id]);

    assertTokenScopes(findLine(doc, '    performer: crm'), 'crm', [SCOPE.reference]);
    assertTokenScopes(findLine(doc, '    accountable: analyst'), 'analyst', [SCOPE.reference]);
    assertTokenScopes(findLine(doc, '    at: intake'), 'intake', [SCOPE.reference]);
    assertTokenScopes(findLine(doc, '    then: decide'), 'decide', [SCOPE.reference]);

    const hybrid = findLine(doc, '    performer: [analyst, kyc-screener]   # hybrid: machine proposes, human decides');
    assertTokenScopes(hybrid, 'analyst', [SCOPE.flowSequence, SCOPE.reference]);
    assertTokenScopes(hybrid, 'kyc-screener', [SCOPE.flowSequence, SCOPE.reference]);
    assertTokenScopes(hybrid, '#', [SCOPE.comment, SCOPE.commentPunctuation]);
    assertSubstringWithin(hybrid, ' hybrid: machine proposes, human decides', SCOPE.comment);
    assert.deepEqual(keyTokens(hybrid), ['performer'], 'the "hybrid:" inside the comment is not a key');

    assertTokenScopes(findLine(doc, '    decision: Is the risk acceptable?'), 'Is the risk acceptable?', [SCOPE.plainBlock]);
    assertTokenScopes(findLine(doc, '    name: Approve, decline or escalate'), 'Approve, decline or escalate', [SCOPE.plainBlock]);

    assertTokenScopes(findLine(doc, '      kind: cycle-time'), 'cycle-time', [SCOPE.enumValue]);
    assertTokenScopes(findLine(doc, '      kind: quality'), 'quality', [SCOPE.enumValue]);
    assertTokenScopes(findLine(doc, '    cadence: weekly'), 'weekly', [SCOPE.enumValue]);
    assertTokenScopes(findLine(doc, '      baseline: 40'), '40', [SCOPE.number]);
    assertTokenScopes(findLine(doc, '      unit: hours'), 'hours', [SCOPE.plainBlock]);
  });

  test('incident-triage: folded block scalar, next: end, reference lists', () => {
    const doc = readExample('incident-triage.workunit.yaml');

    const header = findLine(doc, 'description: >');
    assertTokenScopes(header, 'description', [SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(header, '>', ['keyword.control.flow.block-scalar.folded.yaml']);
    const firstContent = doc.lines[header.lineNumber + 1]!;
    const secondContent = doc.lines[header.lineNumber + 2]!;
    assert.match(firstContent.text, /^ {2}Every inbound incident/);
    for (const content of [firstContent, secondContent]) {
      assertSubstringWithin(content, content.text.trim(), SCOPE.blockScalarContent);
      assert.deepEqual(keyTokens(content), []);
    }
    // "; the on-shift agent" etc. must not become anything but string; and the block ends at "outcome:"
    assertTokenScopes(findLine(doc, 'outcome:'), 'outcome', [SCOPE.key, SCOPE.formatKey], { forbidden: [SCOPE.blockScalarContent] });

    const route = findLine(doc, '    next: end');
    assertTokenScopes(route, 'end', [SCOPE.end], { forbidden: [SCOPE.reference] });

    const confirm = findLine(doc, '    next: { routine: route, major: major-incident }');
    assertTokenScopes(confirm, 'routine', [SCOPE.branchLabel]);
    assertTokenScopes(confirm, 'route', [SCOPE.reference]);
    assertTokenScopes(confirm, 'major', [SCOPE.branchLabel]);
    assertTokenScopes(confirm, 'major-incident', [SCOPE.reference]);

    const vip = findLine(doc, '    at: [capture, classify]');
    assertTokenScopes(vip, 'capture', [SCOPE.reference]);
    assertTokenScopes(vip, 'classify', [SCOPE.reference]);

    const hybridPerformer = findLine(doc, '    performer: [shift-agent, itsm]');
    assertTokenScopes(hybridPerformer, 'shift-agent', [SCOPE.reference]);

    assertTokenScopes(findLine(doc, '    - date: 2026-09-14'), '2026-09-14', [SCOPE.plainBlock], { forbidden: [SCOPE.number] });
    assertTokenScopes(findLine(doc, '  within: 15m'), '15m', [SCOPE.plainBlock]);
    const effect = findLine(doc, '      effect: Misroute rate from 12% to 7% in four weeks');
    assertTokenScopes(effect, 'Misroute rate from 12% to 7% in four weeks', [SCOPE.plainBlock]);
    const source = findLine(doc, '      source: ITSM ticket timestamps (created to assigned)');
    assertTokenScopes(source, 'ITSM ticket timestamps (created to assigned)', [SCOPE.plainBlock]);
  });

  test('invoice-matching: a leading comment, decision: true, next to an undeclared step', () => {
    const doc = readExample('invoice-matching.workunit.yaml');
    const first = doc.lines[0]!;
    assertTokenScopes(first, '#', [SCOPE.comment, SCOPE.commentPunctuation]);
    assertSubstringWithin(first, 'A unit still being designed: the tooling should flag what is missing.', SCOPE.comment);
    assert.deepEqual(keyTokens(first), []);
    assertTokenScopes(findLine(doc, '    decision: true'), 'true', [SCOPE.boolean]);
    assertTokenScopes(findLine(doc, '    next: pay-run'), 'pay-run', [SCOPE.reference]);
    assertTokenScopes(findLine(doc, '  statement: Match supplier invoices'), 'Match supplier invoices', [SCOPE.plainBlock]);
  });
});

describe('snippets', () => {
  test('a format key versus unknown keys (including ones that start with a format key)', () => {
    const doc = tokenizeSnippet('steps:\nidentity: x\nnames: y\nperformers: z\nsteps2: w\nrisk-level: high');
    assertTokenScopes(doc.lines[0]!, 'steps', [SCOPE.key, SCOPE.formatKey]);
    for (const [index, key] of ['identity', 'names', 'performers', 'steps2', 'risk-level'].entries()) {
      assertTokenScopes(doc.lines[index + 1]!, key, [SCOPE.key], { forbidden: [SCOPE.formatKey] });
    }
    // an unknown key's value is an ordinary string, not a reference or an id
    assertTokenScopes(findLine(doc, 'performers: z'), 'z', [SCOPE.plainBlock], { forbidden: [SCOPE.reference] });
  });

  test('references: single value, flow list, block list; end only for next/then', () => {
    const doc = tokenizeSnippet(
      [
        'steps:',
        '  - id: a',
        '    performer: kyc-screener',
        '    next: end',
        '    performer: end',
        '  - id: b',
        '    performer:',
        '      - analyst   # reviews',
        '      - crm',
        '    next:',
        '    - end',
        '    name: after the list',
        'exceptions:',
        '  - then: [route, end]',
        '  - { id: c, performer: crm, next: end }',
      ].join('\n'),
    );
    assertTokenScopes(findLine(doc, '    performer: kyc-screener'), 'kyc-screener', [SCOPE.reference]);
    assertTokenScopes(findLine(doc, '    next: end'), 'end', [SCOPE.end], { forbidden: [SCOPE.reference] });
    assertTokenScopes(findLine(doc, '    performer: end'), 'end', [SCOPE.reference], { forbidden: [SCOPE.end] });
    const analyst = findLine(doc, '      - analyst   # reviews');
    assertTokenScopes(analyst, '-', [SCOPE.dash]);
    assertTokenScopes(analyst, 'analyst', [SCOPE.reference]);
    assertTokenScopes(analyst, '#', [SCOPE.commentPunctuation]);
    assertTokenScopes(findLine(doc, '      - crm'), 'crm', [SCOPE.reference]);
    assertTokenScopes(findLine(doc, '    - end'), 'end', [SCOPE.end]);
    // the block list of references ends with the next key at the step's indentation
    const after = findLine(doc, '    name: after the list');
    assertTokenScopes(after, 'name', [SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(after, 'after the list', [SCOPE.plainBlock], { forbidden: [SCOPE.reference] });
    const routeList = findLine(doc, '  - then: [route, end]');
    assertTokenScopes(routeList, 'route', [SCOPE.reference]);
    assertTokenScopes(routeList, 'end', [SCOPE.end]);
    const flowStep = findLine(doc, '  - { id: c, performer: crm, next: end }');
    assertTokenScopes(flowStep, 'c', [SCOPE.flowMapping, SCOPE.id]);
    assertTokenScopes(flowStep, 'performer', [SCOPE.key, SCOPE.formatKey]);
    assertTokenScopes(flowStep, 'crm', [SCOPE.flowMapping, SCOPE.reference]);
    assertTokenScopes(flowStep, 'end', [SCOPE.flowMapping, SCOPE.end]);
  });

  test('next as a map, in block and flow style: labels are branch labels, values references or end', () => {
    const doc = tokenizeSnippet(
      [
        'steps:',
        '  - id: decide',
        '    next:',
        '      approved: notify   # the usual way',
        '      "needs review": senior-review',
        '      declined: end',
        '    name: after the map',
        '  - id: b',
        '    next: { yes: notify, no: end }',
        '  - { id: c, next: { later: b, never: end } }',
      ].join('\n'),
    );
    const approved = findLine(doc, '      approved: notify   # the usual way');
    assertTokenScopes(approved, 'approved', [SCOPE.key, SCOPE.branchLabel], { forbidden: [SCOPE.reference] });
    assertTokenScopes(approved, 'notify', [SCOPE.reference]);
    assertTokenScopes(approved, '#', [SCOPE.commentPunctuation]);
    assertTokenScopes(findLine(doc, '      "needs review": senior-review'), 'senior-review', [SCOPE.reference]);
    const declined = findLine(doc, '      declined: end');
    assertTokenScopes(declined, 'declined', [SCOPE.branchLabel]);
    assertTokenScopes(declined, 'end', [SCOPE.end], { forbidden: [SCOPE.reference] });
    // the map ends with the next key at the step's indentation
    const after = findLine(doc, '    name: after the map');
    assertTokenScopes(after, 'name', [SCOPE.key, SCOPE.formatKey], { forbidden: [SCOPE.branchLabel] });
    assertTokenScopes(after, 'after the map', [SCOPE.plainBlock], { forbidden: [SCOPE.reference] });
    const flow = findLine(doc, '    next: { yes: notify, no: end }');
    assertTokenScopes(flow, 'yes', [SCOPE.flowMapping, SCOPE.branchLabel], { forbidden: [SCOPE.boolean] });
    assertTokenScopes(flow, 'notify', [SCOPE.flowMapping, SCOPE.reference]);
    assertTokenScopes(flow, 'end', [SCOPE.flowMapping, SCOPE.end]);
    const nested = findLine(doc, '  - { id: c, next: { later: b, never: end } }');
    assertTokenScopes(nested, 'later', [SCOPE.branchLabel]);
    assertTokenScopes(nested, 'b', [SCOPE.reference]);
    assertTokenScopes(nested, 'never', [SCOPE.branchLabel]);
  });

  test('enum values: only the spec values of kind and cadence', () => {
    const doc = tokenizeSnippet(
      [
        'kind: human',
        'kind: automation',
        'kind: throughput',
        'kind: robot',
        'cadence: biweekly',
        'cadence: hourly',
        'role: human',
        'a: { kind: custom, kind: humane }',
      ].join('\n'),
    );
    assertTokenScopes(doc.lines[0]!, 'human', [SCOPE.enumValue]);
    assertTokenScopes(doc.lines[1]!, 'automation', [SCOPE.enumValue]);
    assertTokenScopes(doc.lines[2]!, 'throughput', [SCOPE.enumValue]);
    assertTokenScopes(doc.lines[3]!, 'robot', [SCOPE.plainBlock], { forbidden: [SCOPE.enumValue] });
    assertTokenScopes(doc.lines[4]!, 'biweekly', [SCOPE.enumValue]);
    assertTokenScopes(doc.lines[5]!, 'hourly', [SCOPE.plainBlock], { forbidden: [SCOPE.enumValue] });
    assertTokenScopes(doc.lines[6]!, 'human', [SCOPE.plainBlock], { forbidden: [SCOPE.enumValue] });
    assertTokenScopes(doc.lines[7]!, 'custom', [SCOPE.enumValue]);
    assertTokenScopes(doc.lines[7]!, 'humane', [SCOPE.plainFlow], { forbidden: [SCOPE.enumValue] });
  });

  test('ids, the format version and other numbers', () => {
    const doc = tokenizeSnippet('id: kyc-screen\nworkunit: 1\nbaseline: 1\ntarget: 0.8\nwithin: 24 hours');
    assertTokenScopes(doc.lines[0]!, 'kyc-screen', [SCOPE.id]);
    assertTokenScopes(doc.lines[1]!, '1', [SCOPE.versionNumber]);
    assertTokenScopes(doc.lines[2]!, '1', [SCOPE.number], { forbidden: [SCOPE.versionNumber] });
    assertTokenScopes(doc.lines[3]!, '0.8', [SCOPE.number]);
    assertTokenScopes(doc.lines[4]!, '24 hours', [SCOPE.plainBlock], { forbidden: [SCOPE.number] });
  });

  test('comments only where YAML has them', () => {
    const doc = tokenizeSnippet(
      [
        'name: "Quote # not a comment"',
        "role: 'also # not a comment'",
        'note: a#b',
        'other: x # a comment',
        '# a whole-line comment with key: value',
        'tags: [a#b, c] # after a flow list',
      ].join('\n'),
    );
    const doubleQuoted = doc.lines[0]!;
    assertSubstringWithin(doubleQuoted, '"Quote # not a comment"', SCOPE.doubleQuoted);
    assertLineHasNoScope(doubleQuoted, 'comment');
    const singleQuoted = doc.lines[1]!;
    assertSubstringWithin(singleQuoted, "'also # not a comment'", SCOPE.singleQuoted);
    assertLineHasNoScope(singleQuoted, 'comment');
    const hashInside = doc.lines[2]!;
    assertTokenScopes(hashInside, 'a#b', [SCOPE.plainBlock]);
    assertLineHasNoScope(hashInside, 'comment');
    const trailing = doc.lines[3]!;
    assertTokenScopes(trailing, 'x', [SCOPE.plainBlock], { forbidden: [SCOPE.comment] });
    assertTokenScopes(trailing, '#', [SCOPE.comment, SCOPE.commentPunctuation]);
    assertSubstringWithin(trailing, ' a comment', SCOPE.comment);
    const whole = doc.lines[4]!;
    assertSubstringWithin(whole, whole.text, SCOPE.comment);
    assert.deepEqual(keyTokens(whole), []);
    const flow = doc.lines[5]!;
    assertTokenScopes(flow, 'a#b', [SCOPE.plainFlow], { forbidden: [SCOPE.comment] });
    assertSubstringWithin(flow, '# after a flow list', SCOPE.comment);
  });

  test('quoted strings: ": " inside, escapes, doubled single quotes, quoted keys', () => {
    const doc = tokenizeSnippet(
      [
        'decision: "Approve: yes or no?"',
        'name: "tab\\t quote\\" \\x41 bad\\q"',
        "role: 'it''s: fine'",
        '"quoted key": value',
      ].join('\n'),
    );
    const colon = doc.lines[0]!;
    assertSubstringWithin(colon, '"Approve: yes or no?"', SCOPE.doubleQuoted);
    assert.deepEqual(keyTokens(colon), ['decision'], 'the text before ": " inside quotes is not a key');
    assert.equal(colon.tokens.filter((t) => t.scopes.includes(SCOPE.separator)).length, 1);

    const escapes = doc.lines[1]!;
    assertTokenScopes(escapes, '\\t', [SCOPE.doubleQuoted, SCOPE.escape]);
    assertTokenScopes(escapes, '\\"', [SCOPE.doubleQuoted, SCOPE.escape]);
    assertTokenScopes(escapes, '\\x41', [SCOPE.doubleQuoted, SCOPE.escape]);
    assertTokenScopes(escapes, '\\q', [SCOPE.doubleQuoted, 'invalid.illegal.constant.character.escape.yaml']);
    assertTokenScopes(escapes, '"', [SCOPE.doubleQuoted, 'punctuation.definition.string.end.yaml'], { occurrence: 2 });

    const single = doc.lines[2]!;
    assertTokenScopes(single, "''", [SCOPE.singleQuoted, 'constant.character.escape.single-quoted.yaml']);
    assertSubstringWithin(single, "'it''s: fine'", SCOPE.singleQuoted);
    assert.deepEqual(keyTokens(single), ['role']);

    const quotedKey = doc.lines[3]!;
    assertTokenScopes(quotedKey, 'quoted key', [SCOPE.key, SCOPE.doubleQuoted]);
    assertTokenScopes(quotedKey, 'value', [SCOPE.plainBlock]);
  });

  test('block scalars: literal and folded, with indicators, after a key and after "- key:"', () => {
    const doc = tokenizeSnippet(
      [
        'description: |',
        '  first: not a key',
        '  # not a comment',
        '',
        '    - not a list item',
        'name: after',
        'steps:',
        '  - id: a',
        '    description: >-',
        '      folded id: text',
        '    name: step name',
        '  - note: |+  # keep trailing newlines',
        '      literal [not, flow]',
        '    performer: crm',
      ].join('\n'),
    );
    const literal = findLine(doc, 'description: |');
    assertTokenScopes(literal, '|', ['keyword.control.flow.block-scalar.literal.yaml']);
    for (const content of ['  first: not a key', '  # not a comment', '    - not a list item', '      folded id: text', '      literal [not, flow]']) {
      const line = findLine(doc, content);
      assertSubstringWithin(line, content.trim(), SCOPE.blockScalarContent);
      assertLineHasNoScope(line, 'comment');
      assertLineHasNoScope(line, SCOPE.key);
      assertLineHasNoScope(line, 'punctuation');
    }
    assertTokenScopes(findLine(doc, 'name: after'), 'name', [SCOPE.key], { forbidden: [SCOPE.blockScalarContent] });
    const folded = findLine(doc, '    description: >-');
    assertTokenScopes(folded, '>', ['keyword.control.flow.block-scalar.folded.yaml']);
    assertTokenScopes(folded, '-', ['storage.modifier.chomping-indicator.yaml']);
    // "- key: |": the block ends at the next key of the same item, not only at the next item
    assertTokenScopes(findLine(doc, '    name: step name'), 'step name', [SCOPE.plainBlock], { forbidden: [SCOPE.blockScalarContent] });
    const keep = findLine(doc, '  - note: |+  # keep trailing newlines');
    assertTokenScopes(keep, '-', [SCOPE.dash]);
    assertTokenScopes(keep, 'note', [SCOPE.key]);
    assertTokenScopes(keep, '+', ['storage.modifier.chomping-indicator.yaml']);
    assertTokenScopes(keep, '#', [SCOPE.commentPunctuation]);
    assertTokenScopes(findLine(doc, '    performer: crm'), 'crm', [SCOPE.reference]);
  });

  test('suppression comments: directive and rule names inside the comment', () => {
    const doc = tokenizeSnippet(
      [
        '# workunit-disable missing-learning-loop',
        'steps:',
        '  # workunit-disable-next-line step-without-owner, unknown-actor -- routed per case by the queue',
        '  - id: triage',
        '# a comment that mentions workunit-disable in passing',
      ].join('\n'),
    );
    const fileWide = doc.lines[0]!;
    assertTokenScopes(fileWide, 'workunit-disable', [SCOPE.comment, SCOPE.directive]);
    assertTokenScopes(fileWide, 'missing-learning-loop', [SCOPE.comment, SCOPE.ruleId]);

    const nextLine = doc.lines[2]!;
    assertTokenScopes(nextLine, '#', [SCOPE.comment, SCOPE.commentPunctuation]);
    assertTokenScopes(nextLine, 'workunit-disable-next-line', [SCOPE.comment, SCOPE.directive]);
    assertTokenScopes(nextLine, 'step-without-owner', [SCOPE.comment, SCOPE.ruleId]);
    assertTokenScopes(nextLine, 'unknown-actor', [SCOPE.comment, SCOPE.ruleId]);
    // the reason is comment text, not rule names
    for (const word of ['routed', 'queue']) {
      for (const token of tokensCovering(nextLine, word)) {
        assert.ok(token.scopes.includes(SCOPE.comment));
        assert.ok(!token.scopes.includes(SCOPE.ruleId), `${word} in the reason is not a rule id`);
      }
    }
    assertLineHasNoScope(doc.lines[4]!, SCOPE.directive);
    assertSubstringWithin(doc.lines[4]!, doc.lines[4]!.text, SCOPE.comment);
  });

  test('anchors, aliases, tags, null and booleans, document markers', () => {
    const doc = tokenizeSnippet(
      [
        '---',
        'base: &defaults { kind: human }',
        'copy: *defaults',
        'items: [*defaults, &x 1]',
        'typed: !!str 42',
        'empty: ~',
        'nothing: null',
        'flags: [true, false]',
        '...',
      ].join('\n'),
    );
    assertTokenScopes(doc.lines[0]!, '---', [SCOPE.documentBegin]);
    assertTokenScopes(doc.lines[8]!, '...', [SCOPE.documentEnd]);
    assertTokenScopes(doc.lines[1]!, 'defaults', [SCOPE.anchor]);
    assertTokenScopes(doc.lines[1]!, '&', [SCOPE.anchor, 'punctuation.definition.anchor.yaml']);
    assertTokenScopes(doc.lines[1]!, 'human', [SCOPE.enumValue]);
    assertTokenScopes(doc.lines[2]!, 'defaults', [SCOPE.alias]);
    assertTokenScopes(doc.lines[2]!, '*', [SCOPE.alias, 'punctuation.definition.alias.yaml']);
    assertTokenScopes(doc.lines[3]!, 'defaults', [SCOPE.flowSequence, SCOPE.alias]);
    assertTokenScopes(doc.lines[3]!, 'x', [SCOPE.flowSequence, SCOPE.anchor]);
    assertTokenScopes(doc.lines[3]!, '1', [SCOPE.flowSequence, SCOPE.number]);
    assertSubstringWithin(doc.lines[4]!, '!!str', SCOPE.tag);
    assertTokenScopes(doc.lines[4]!, '42', [SCOPE.number]);
    assertTokenScopes(doc.lines[5]!, '~', [SCOPE.null]);
    assertTokenScopes(doc.lines[6]!, 'null', [SCOPE.null]);
    assertTokenScopes(doc.lines[7]!, 'true', [SCOPE.boolean]);
    assertTokenScopes(doc.lines[7]!, 'false', [SCOPE.boolean]);
  });

  test('a flow collection may span lines; the rule closes with it', () => {
    const doc = tokenizeSnippet('measuredBy: [cycle-time,\n  exception-rate]\nname: x');
    assertTokenScopes(doc.lines[1]!, 'exception-rate', [SCOPE.flowSequence, SCOPE.reference]);
    assertTokenScopes(doc.lines[1]!, ']', ['punctuation.definition.sequence.end.yaml']);
    assertTokenScopes(doc.lines[2]!, 'name', [SCOPE.key, SCOPE.formatKey], { forbidden: [SCOPE.flowSequence] });
    assert.equal(doc.finalState.depth, 1);
  });
});

// ---------------------------------------------------------------------------
// language-configuration.json
// ---------------------------------------------------------------------------

interface OnEnterRule {
  beforeText: string | { pattern: string; flags?: string };
  afterText?: string | { pattern: string; flags?: string };
  previousLineText?: string | { pattern: string; flags?: string };
  action: { indent: 'none' | 'indent' | 'outdent' | 'indentOutdent'; appendText?: string; removeText?: number };
}

interface LanguageConfiguration {
  comments: { lineComment?: string; blockComment?: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: ({ open: string; close: string; notIn?: string[] } | [string, string])[];
  surroundingPairs: ([string, string] | { open: string; close: string })[];
  folding?: { offSide?: boolean; markers?: { start: string; end: string } };
  wordPattern?: string | { pattern: string; flags?: string };
  indentationRules?: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules?: OnEnterRule[];
}

const REGEX_KEYS = new Set([
  'wordPattern',
  'increaseIndentPattern',
  'decreaseIndentPattern',
  'indentNextLinePattern',
  'unIndentedLinePattern',
  'beforeText',
  'afterText',
  'previousLineText',
  'start',
  'end',
]);

/** Every regular expression in the configuration, as the `new RegExp` VS Code would build. */
function collectConfigurationRegexes(value: unknown, at = '$'): { at: string; pattern: string; flags: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => collectConfigurationRegexes(item, `${at}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  const found: { at: string; pattern: string; flags: string }[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const where = `${at}.${key}`;
    if (REGEX_KEYS.has(key) && typeof child === 'string') found.push({ at: where, pattern: child, flags: '' });
    else if (REGEX_KEYS.has(key) && child && typeof child === 'object' && 'pattern' in child) {
      const { pattern, flags } = child as { pattern: string; flags?: string };
      found.push({ at: where, pattern, flags: flags ?? '' });
    } else found.push(...collectConfigurationRegexes(child, where));
  }
  return found;
}

function toRegExp(source: string | { pattern: string; flags?: string }): RegExp {
  return typeof source === 'string' ? new RegExp(source) : new RegExp(source.pattern, source.flags);
}

/** The action VS Code takes on Enter at the end of `line`: the first onEnter rule whose beforeText matches. */
function onEnterActionFor(configuration: LanguageConfiguration, line: string): OnEnterRule['action'] | undefined {
  return configuration.onEnterRules?.find((rule) => toRegExp(rule.beforeText).test(line))?.action;
}

/** The indentation of the new line after pressing Enter at the end of `line` (indent unit: two spaces). */
function indentationAfterEnter(configuration: LanguageConfiguration, line: string): string | undefined {
  const action = onEnterActionFor(configuration, line);
  if (!action) return undefined;
  const current = /^\s*/.exec(line)![0];
  const base = action.indent === 'indent' || action.indent === 'indentOutdent' ? `${current}  ` : current;
  return base + (action.appendText ?? '');
}

describe('language-configuration.json', () => {
  const configuration = JSON.parse(fs.readFileSync(LANGUAGE_CONFIGURATION_PATH, 'utf8')) as LanguageConfiguration;

  test('comments, brackets, pairs and folding', () => {
    assert.equal(configuration.comments.lineComment, '#');
    assert.deepEqual(configuration.brackets, [['[', ']'], ['{', '}']]);
    const pairs = configuration.autoClosingPairs.map((pair) => (Array.isArray(pair) ? { open: pair[0], close: pair[1] } : pair));
    for (const [open, close] of [['[', ']'], ['{', '}'], ['"', '"'], ["'", "'"]]) {
      const pair = pairs.find((p) => p.open === open);
      assert.ok(pair, `auto-closes ${open}`);
      assert.equal(pair.close, close);
      assert.deepEqual([...('notIn' in pair && pair.notIn ? pair.notIn : [])].sort(), ['comment', 'string'], `${open} is not auto-closed in strings or comments`);
    }
    const surrounding = configuration.surroundingPairs.map((pair) => (Array.isArray(pair) ? pair[0] : pair.open)).sort();
    assert.deepEqual(surrounding, ['"', "'", '[', '{'].sort());
    assert.equal(configuration.folding?.offSide, true);
  });

  test('every regular expression compiles', () => {
    const regexes = collectConfigurationRegexes(configuration);
    const places = regexes.map((r) => r.at);
    for (const expected of ['$.wordPattern', '$.indentationRules.increaseIndentPattern', '$.indentationRules.decreaseIndentPattern', '$.onEnterRules[0].beforeText']) {
      assert.ok(places.includes(expected), `found ${expected}`);
    }
    assert.ok(regexes.length >= 4 + (configuration.onEnterRules?.length ?? 0) - 1);
    for (const { at, pattern, flags } of regexes) {
      assert.doesNotThrow(() => new RegExp(pattern, flags), `${at}: ${pattern}`);
      assert.doesNotThrow(() => new RegExp(pattern, `${flags}g`), `${at} with the g flag VS Code adds to wordPattern`);
    }
  });

  test('onEnter: indent after "key:" (even with a trailing comment)', () => {
    assert.equal(onEnterActionFor(configuration, 'steps:')?.indent, 'indent');
    assert.equal(indentationAfterEnter(configuration, 'steps:'), '  ');
    assert.equal(onEnterActionFor(configuration, 'outcome:   # comment')?.indent, 'indent');
    assert.equal(indentationAfterEnter(configuration, '  review:'), '    ');
    assert.equal(indentationAfterEnter(configuration, 'description: >-'), '  ');
  });

  test('onEnter: after "- key: value" keep the indentation and align under the key', () => {
    const line = '  - id: intake';
    const action = onEnterActionFor(configuration, line);
    assert.equal(action?.indent, 'none');
    assert.equal(action?.appendText, '  ');
    assert.equal(indentationAfterEnter(configuration, line)?.length, line.indexOf('id'));
    const nested = '  - review:';
    assert.equal(indentationAfterEnter(configuration, nested)?.length, nested.indexOf('review') + 2, 'a "- key:" line opens a block under the key');
  });

  test('onEnter: a comment line stays a plain line (no comment continuation)', () => {
    for (const line of ['# a comment', '  # workunit-disable-next-line step-without-owner', 'outcome:   # comment ends with colon:']) {
      const action = onEnterActionFor(configuration, line);
      if (line.trimStart().startsWith('#')) {
        assert.equal(action?.indent, 'none', line);
        assert.equal(action?.appendText, undefined, `${line}: no "# " continuation`);
      } else {
        assert.equal(action?.indent, 'indent', line);
      }
    }
  });

  test('onEnter: ordinary value lines get no rule', () => {
    for (const line of ['    name: Collect case documents', 'decision: "Approve: yes?"', 'url: http://example.com', 'x: true  # note:', '  - plain item']) {
      assert.equal(onEnterActionFor(configuration, line), undefined, line);
    }
  });

  test('indentationRules: increase after "key:" and "- key:", not after "key: value"', () => {
    const increase = new RegExp(configuration.indentationRules!.increaseIndentPattern);
    const decrease = new RegExp(configuration.indentationRules!.decreaseIndentPattern);
    for (const line of ['steps:', 'outcome:   # comment', '  - steps:', '  - review:  # weekly', 'description: |', 'performer: [']) {
      assert.ok(increase.test(line), `increase after ${JSON.stringify(line)}`);
    }
    for (const line of ['  - id: intake', 'name: "a: b"', '# comment:', 'x: true  # note:', 'url: http://x', '# see [']) {
      assert.ok(!increase.test(line), `no increase after ${JSON.stringify(line)}`);
    }
    assert.ok(decrease.test('  ]'));
    assert.ok(!decrease.test('  - id: x'));
  });

  test('wordPattern keeps kebab-case ids together', () => {
    const word = toRegExp(configuration.wordPattern!);
    const words = (text: string) => text.match(new RegExp(word.source, 'g')) ?? [];
    assert.deepEqual(words('performer: [analyst, kyc-screener]'), ['performer', 'analyst', 'kyc-screener']);
    assert.deepEqual(words('  - id: cycle-time'), ['id', 'cycle-time']);
    assert.deepEqual(words('# workunit-disable-next-line step-without-owner -- why'), ['workunit-disable-next-line', 'step-without-owner', 'why']);
  });
});

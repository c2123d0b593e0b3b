/**
 * Expanding a unit to plain data (server/src/core/parse/expand.ts): the
 * problems the yaml library's `toJS` throws on are found first and said at
 * the node that has them — an alias bomb at the alias where the library
 * stops, not at the first `*` of the text; an alias with no anchor; a merge
 * key with no mapping to merge, or one that merges itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { analyzeText } from '../../server/src/core/analyze';
import { parseConfig } from '../../server/src/core/config/configFile';
import { expandDocument, MAX_ALIAS_COUNT } from '../../server/src/core/parse/expand';
import { aliasBomb } from '../support/hostile';

/** The one finding of a text that does not expand: its code, and the text its range covers. */
function problemOf(text: string): { code: unknown; covers: string; message: string } {
  const a = analyzeText(text);
  assert.equal(a.parsed, false, 'the text is refused');
  assert.equal(a.findings.length, 1, a.findings.map((f) => f.message).join('\n'));
  const [f] = a.findings;
  return { code: f.data?.code, covers: text.slice(f.span.start, f.span.end), message: f.message };
}

/** What the yaml library itself does on expanding `text` (merge keys on, as the parser reads units). */
function libraryExpands(text: string): 'ok' | string {
  try {
    parseDocument(text, { merge: true }).toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('expanding aliases and merge keys', () => {
  it('an alias bomb is reported at the alias where the library stops, not at a `*` in a comment before it', () => {
    const text = `# a comment with a * in it\n${aliasBomb()}`;
    const a = analyzeText(text);
    assert.equal(a.findings.length, 1);
    const [f] = a.findings;
    assert.equal(f.data?.code, 'ALIAS_EXPANSION');
    assert.match(f.message, /too many aliases.*alias bomb/);
    assert.equal(text.slice(f.span.start, f.span.end), '*a2');
    // The eighth `*a2` of the `a3` line: 8 uses of `a2` (weighing 121 each) pass 1000.
    const line = a.unit.lines.lineAt(f.span.start);
    assert.match(a.unit.lines.lineText(line), /^a3: &a3 \[/);
    assert.equal(text.slice(a.unit.lines.lineStart(line), f.span.start).split('*a2').length - 1, 7);
    // The library agrees: up to this alias it expands, with it it refuses.
    assert.equal(libraryExpands(`${text.slice(0, f.span.start)}]\n`), 'ok');
    assert.match(libraryExpands(`${text.slice(0, f.span.end)}]\n`), /^Excessive alias count/);
  });

  it('a thousand and one uses of one small anchor: reported at the use past the limit', () => {
    const text = `workunit: 1\nid: flat\nx: &x 1\nl:\n${'  - *x\n'.repeat(MAX_ALIAS_COUNT + 1)}`;
    const p = problemOf(text);
    assert.equal(p.code, 'ALIAS_EXPANSION');
    const a = analyzeText(text);
    assert.equal(a.unit.lines.lineAt(a.findings[0].span.start), 4 + MAX_ALIAS_COUNT - 1);
    assert.equal(libraryExpands(text.slice(0, a.findings[0].span.start)), 'ok');
    assert.match(libraryExpands(text.slice(0, a.findings[0].span.end)), /^Excessive alias count/);
  });

  it('an alias with no anchor before it is said at the alias', () => {
    const p = problemOf('workunit: 1\n# see *here\nid: a\nname: b\nowner: *lead\nactors:\n  lead: &lead { kind: human }\n');
    assert.deepEqual([p.code, p.covers], ['UNRESOLVED_ALIAS', '*lead']);
    assert.match(p.message, /^The alias `\*lead` names no anchor before it/);
  });

  it('a merge key without a mapping to merge is said at what it merges (at the key when empty)', () => {
    assert.deepEqual(Object.values(problemOf('workunit: 1\nid: a\nname: b\n<<:\n')).slice(0, 2), ['BAD_MERGE', '<<']);
    assert.deepEqual(Object.values(problemOf('workunit: 1\nid: a\nname: b\nx:\n  <<: 1\n')).slice(0, 2), ['BAD_MERGE', '1']);
    assert.deepEqual(Object.values(problemOf('workunit: 1\nid: &i a\nm: &m { k: v }\nx:\n  <<: [*m, *i]\n')).slice(0, 2), ['BAD_MERGE', '*i']);
    assert.deepEqual(Object.values(problemOf('workunit: 1\nl: &l [1]\nx:\n  <<: *l\n')).slice(0, 2), ['BAD_MERGE', '*l']);
  });

  it('a merge key that merges a mapping it is part of is said at its alias (the library runs out of stack)', () => {
    const text = 'workunit: 1\nid: a\nactors: &m\n  b: 1\n  c:\n    <<: *m\n';
    assert.match(libraryExpands(text), /call stack/);
    assert.deepEqual(Object.values(problemOf(text)).slice(0, 2), ['MERGE_CYCLE', '*m']);
  });

  it('what expands gives the library\'s own data: merges, a list of merges, an alias inside its own anchor', () => {
    for (const text of [
      'a: &a { x: 1, y: 2 }\nb:\n  <<: *a\n  y: 3\n',
      'a: &a { x: 1 }\nb: &b { y: 2 }\nc:\n  <<: [*a, *b, { z: 3 }]\n',
      'a: &s [{ x: 1 }]\nb:\n  <<: *s\n',
      'a: &a [*a]\n',
      `a: &a 1\nl: [${Array(MAX_ALIAS_COUNT - 1).fill('*a').join(', ')}]\n`,
    ]) {
      const doc = parseDocument(text, { merge: true });
      const expanded = expandDocument(doc, text);
      assert.ok('data' in expanded, text);
      assert.deepEqual(expanded.data, parseDocument(text, { merge: true }).toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
    }
  });

  it('without merge keys in the schema, `<<` is a key like any other', () => {
    const text = 'a: 1\n<<: 2\n';
    assert.deepEqual(expandDocument(parseDocument(text), text), { data: { a: 1, '<<': 2 } });
  });

  it('a config file whose aliases do not expand is a problem, not a crash', () => {
    const { config, problems } = parseConfig('rules: *levels\n');
    assert.deepEqual(config.rules, {});
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^workunit\.config\.yaml: not valid YAML \(The alias `\*levels` names no anchor before it.*\); using the defaults\.$/);
  });
});

/**
 * `workunit lint --format sarif`, run as CI runs it: the built binary
 * (`node scripts/build.mjs` first) on a temporary copy of annotated fixtures.
 * The output is validated against the vendored SARIF 2.1.0 schema
 * (test/fixtures-sarif/sarif-2.1.0.json, from @microsoft/jest-sarif's
 * lib/schemas/sarif-2.1.0-rtm.5.json) and compared with the fixtures'
 * `# expect:` markers.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import { ALL_RULES, ruleDocsUrl } from '../../server/src/core/rules/registry';
import { VERSION } from '../../server/src/version';
import { parseExpectations } from '../support/fixtures';

const CLI = resolve('dist/cli.js');
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

// --- The schema -------------------------------------------------------------

/**
 * The vendored schema is draft-04 (`$schema: …draft-04…`, `id` rather than
 * `$id`); ajv 8 speaks draft-07 and later. Draft-04's keywords that differ
 * (`id`, boolean `exclusiveMinimum`/`exclusiveMaximum`) are checked absent
 * or dropped, so the draft-07 reading of the rest is the draft-04 one.
 */
function compileSarifSchema(): ValidateFunction {
  const schema = JSON.parse(readFileSync('test/fixtures-sarif/sarif-2.1.0.json', 'utf8')) as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  const text = JSON.stringify(schema);
  assert.doesNotMatch(text, /"exclusive(Minimum|Maximum)":/, 'draft-04 boolean exclusive* would read differently in draft-07');
  delete schema.$schema;
  delete schema.id;
  // `unicodeRegExp: false`: one of the schema's patterns (language tags) is valid only without the `u` flag.
  const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, unicodeRegExp: false });
  // The formats the schema names, checked rather than ignored.
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s\\]/.test(s) && canParse(s, 'http://base.invalid/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s));
  return ajv.compile(schema);
}

function canParse(s: string, base?: string): boolean {
  try {
    new URL(s, base);
    return true;
  } catch {
    return false;
  }
}

// --- The SARIF we read --------------------------------------------------------

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string; index?: number }; region: Region } }[];
  partialFingerprints: Record<string, string>;
}
interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: string };
}
interface Log {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: Rule[] } };
    columnKind: string;
    artifacts?: { location: { uri: string; uriBaseId?: string } }[];
    results: Result[];
  }[];
}

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

// --- The workspace ------------------------------------------------------------

/** One `fires-*` fixture per rule folder, the annotated examples and the edge cases with Unicode and tabs. */
function pickFixtures(): string[] {
  const picked: string[] = [];
  for (const rule of readdirSync('test/fixtures/rules').sort()) {
    const fires = readdirSync(join('test/fixtures/rules', rule)).sort().find((f) => f.startsWith('fires-'));
    if (fires) picked.push(join('test/fixtures/rules', rule, fires));
  }
  for (const f of readdirSync('test/fixtures/edge/examples').sort()) picked.push(join('test/fixtures/edge/examples', f));
  picked.push('test/fixtures/edge/unicode.workunit.yaml', 'test/fixtures/edge/tabs-in-values.workunit.yaml');
  return picked;
}

let validate: ValidateFunction;
let dir: string;
/** Paths relative to `dir`, as given to the CLI. */
let files: string[];
let log: Log;
let code: number | null;

before(() => {
  validate = compileSarifSchema();
  dir = mkdtempSync(join(tmpdir(), 'workunit-sarif-'));
  files = [];
  for (const src of pickFixtures()) {
    const rel = src.replace(/^test\/fixtures\//, '');
    mkdirSync(join(dir, dirname(rel)), { recursive: true });
    cpSync(src, join(dir, rel));
    files.push(rel);
  }
  // A path that must be percent-encoded in a URI.
  mkdirSync(join(dir, 'with space'));
  cpSync('test/fixtures/edge/examples/invoice-matching.workunit.yaml', join(dir, 'with space', 'invoice #2.workunit.yaml'));
  files.push('with space/invoice #2.workunit.yaml');
  // Named one by one: each file is checked alone, as the fixture harness checks it (no catalog rules).
  const r = run(['lint', ...files, '--format', 'sarif'], dir);
  code = r.code;
  assert.equal(r.err, '');
  log = JSON.parse(r.out) as Log;
});

function errorsOf(v: ValidateFunction): string {
  return JSON.stringify(v.errors?.slice(0, 5), null, 1);
}

describe('workunit lint --format sarif', () => {
  it('is valid SARIF 2.1.0 (the vendored OASIS schema)', () => {
    assert.equal(validate(log), true, errorsOf(validate));
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    assert.equal(code, 1, 'error-level findings: exit 1, as in text and json');
  });

  it('the validation catches broken documents', () => {
    const broken: [string, (l: Log & Record<string, unknown>) => void][] = [
      ['no version', (l) => void delete (l as Partial<Log>).version],
      ['version 2.0.0', (l) => void (l.version = '2.0.0')],
      ['level fatal', (l) => void (l.runs[0]!.results[0]!.level = 'fatal')],
      ['startLine 0', (l) => void (l.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0)],
      ['no message', (l) => void delete (l.runs[0]!.results[0] as Partial<Result>).message],
      ['rule without id', (l) => void delete (l.runs[0]!.tool.driver.rules[0] as Partial<Rule>).id],
      ['unknown top-level key', (l) => void (l.extra = true)],
      ['columnKind bytes', (l) => void (l.runs[0]!.columnKind = 'bytes')],
      ['helpUri not a URI', (l) => void (l.runs[0]!.tool.driver.rules[0]!.helpUri = 'not a uri')],
    ];
    for (const [what, breakIt] of broken) {
      const copy = structuredClone(log) as Log & Record<string, unknown>;
      breakIt(copy);
      assert.equal(validate(copy), false, `${what} must fail validation`);
    }
  });

  it('describes the tool and lists EVERY rule with its summary, docs page and default level', () => {
    const driver = log.runs[0]!.tool.driver;
    assert.equal(driver.name, 'workunit');
    assert.equal(driver.version, VERSION);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map((r) => r.id), ALL_RULES.map((r) => r.id));
    for (const [i, meta] of ALL_RULES.entries()) {
      const rule = driver.rules[i]!;
      assert.equal(rule.name, meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()));
      assert.match(rule.name, /^[A-Z][A-Za-z]+$/);
      assert.equal(rule.shortDescription.text, meta.summary);
      assert.ok(rule.fullDescription.text.startsWith(meta.summary));
      assert.equal(rule.helpUri, ruleDocsUrl(meta.id));
      assert.equal(rule.defaultConfiguration.level, LEVEL[meta.defaultLevel]);
    }
    assert.equal(driver.rules.find((r) => r.id === 'unused-actor')?.defaultConfiguration.level, 'note');
    assert.equal(driver.rules.find((r) => r.id === 'no-exception-rules')?.defaultConfiguration.level, 'note');
  });

  it('declares UTF-16 columns and points every result at its rule', () => {
    const run0 = log.runs[0]!;
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    for (const r of run0.results) {
      assert.equal(run0.tool.driver.rules[r.ruleIndex]?.id, r.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(r.level), r.level);
      assert.ok(r.message.text.length > 0);
    }
  });

  it('gives file locations relative to the current folder, with forward slashes, against %SRCROOT%', () => {
    const run0 = log.runs[0]!;
    const uris = new Set<string>();
    for (const r of run0.results) {
      const loc = r.locations[0]!.physicalLocation.artifactLocation;
      assert.equal(loc.uriBaseId, '%SRCROOT%');
      assert.doesNotMatch(loc.uri, /^(\/|[a-z][a-z0-9+.-]*:)/i, `relative: ${loc.uri}`);
      assert.doesNotMatch(loc.uri, /\\|\.\.|\s/, `forward slashes, inside the folder, encoded: ${loc.uri}`);
      assert.ok(!loc.uri.includes(dir), 'no absolute path');
      // `artifacts[index]` is the same file.
      assert.equal(run0.artifacts?.[loc.index!]?.location.uri, loc.uri);
      uris.add(loc.uri);
    }
    assert.ok(uris.has('rules/unknown-actor/' + readdirSync(join(dir, 'rules/unknown-actor'))[0]));
    assert.ok(uris.has('with%20space/invoice%20%232.workunit.yaml'), [...uris].join('\n'));
    // Every linted file is an artifact, also those without findings.
    assert.deepEqual(run0.artifacts?.map((a) => decodeURIComponent(a.location.uri)).sort(), [...files].sort());
  });

  it('matches the fixtures\' `# expect:` markers: lines, 1-based regions over the expected text, and nothing else', () => {
    const results = log.runs[0]!.results;
    let checked = 0;
    for (const file of files) {
      const uri = file.split('/').map(encodeURIComponent).join('/');
      const text = readFileSync(join(dir, file), 'utf8');
      const lines = text.split(/\r\n|\r|\n/);
      const expected = parseExpectations(text);
      const actual = results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === uri);
      const remaining = [...actual];
      for (const e of expected) {
        const i = remaining.findIndex((r) => {
          const g = r.locations[0]!.physicalLocation.region;
          if (r.ruleId !== e.rule || g.startLine !== e.line + 1) return false;
          if (e.text === undefined) return true;
          // The region, read back with 1-based UTF-16 columns and an exclusive end, covers exactly the text.
          return g.endLine === g.startLine && lines[g.startLine - 1]!.slice(g.startColumn - 1, g.endColumn - 1) === e.text;
        });
        assert.ok(i >= 0, `${file}: expected ${e.rule}${e.text !== undefined ? `(${e.text})` : ''} on line ${e.line + 1}; got ${JSON.stringify(actual.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region]))}`);
        remaining.splice(i, 1);
        checked++;
      }
      assert.deepEqual(
        remaining.filter((r) => ['error', 'warning', 'note'].includes(r.level)).map((r) => `${r.ruleId} on line ${r.locations[0]!.physicalLocation.region.startLine}`),
        [],
        `${file}: results without a marker`,
      );
    }
    assert.ok(checked >= 40, `only ${checked} expectations checked`);
    // The copy in `with space/` is the annotated invoice-matching example: its nine findings, once more.
    assert.equal(results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('with%20space/')).length, 9);
  });

  it('maps each finding\'s severity to its level', () => {
    const results = log.runs[0]!.results;
    const levelOf = (rule: string) => new Set(results.filter((r) => r.ruleId === rule).map((r) => r.level));
    assert.deepEqual(levelOf('unknown-step'), new Set(['error']));
    assert.deepEqual(levelOf('missing-learning-loop'), new Set(['warning']));
    assert.deepEqual(levelOf('no-exception-rules'), new Set(['note']));
    assert.deepEqual(levelOf('unused-actor'), new Set(['note']));
    // A level set on the command line is the result's level.
    const r = run(['lint', 'edge/examples/invoice-matching.workunit.yaml', '--format', 'sarif', '--rule', 'unused-actor=error'], dir);
    const l = JSON.parse(r.out) as Log;
    assert.equal(l.runs[0]!.results.find((x) => x.ruleId === 'unused-actor')?.level, 'error');
    assert.equal(l.runs[0]!.tool.driver.rules.find((x) => x.id === 'unused-actor')?.defaultConfiguration.level, 'note', 'the rule keeps its default');
  });

  // The marker test above reads `(text)` regions with JS string (UTF-16) slicing; edge/unicode has markers after astral emoji.
  it('1-based regions inside the file (edge/unicode)', () => {
    const text = readFileSync(join(dir, 'edge/unicode.workunit.yaml'), 'utf8');
    const lines = text.split(/\r\n|\r|\n/);
    const results = log.runs[0]!.results.filter((r) => r.locations[0]!.physicalLocation.artifactLocation.uri === 'edge/unicode.workunit.yaml');
    assert.ok(results.length > 0);
    for (const r of results) {
      const g = r.locations[0]!.physicalLocation.region;
      assert.ok(g.startLine >= 1 && g.startColumn >= 1 && g.endLine >= g.startLine, JSON.stringify(g));
      if (g.endLine === g.startLine) assert.ok(g.endColumn >= g.startColumn);
      assert.ok(g.startColumn - 1 <= lines[g.startLine - 1]!.length);
    }
  });

  it('fingerprints are unique, survive lines inserted above (and CRLF), and change with the line', () => {
    const results = log.runs[0]!.results;
    const prints = results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}|${JSON.stringify(r.partialFingerprints)}`);
    assert.equal(new Set(prints).size, prints.length, 'one identity per result');
    for (const r of results) assert.match(Object.values(r.partialFingerprints)[0]!, /^[0-9a-f]{32}:\d+$/);

    const shifted = mkdtempSync(join(tmpdir(), 'workunit-sarif-shift-'));
    const original = readFileSync('test/fixtures/edge/examples/invoice-matching.workunit.yaml', 'utf8');
    writeFileSync(join(shifted, 'inv.workunit.yaml'), original);
    const a = JSON.parse(run(['lint', 'inv.workunit.yaml', '--format', 'sarif'], shifted).out) as Log;
    writeFileSync(join(shifted, 'inv.workunit.yaml'), `# a comment\n# and another\n\n${original.replace(/\n/g, '\r\n')}`);
    const b = JSON.parse(run(['lint', 'inv.workunit.yaml', '--format', 'sarif'], shifted).out) as Log;
    const key = (l: Log) => l.runs[0]!.results.map((r) => `${r.ruleId} ${JSON.stringify(r.partialFingerprints)}`).sort();
    assert.deepEqual(key(b), key(a));
    const lineOf = (l: Log, rule: string) => l.runs[0]!.results.find((r) => r.ruleId === rule)!.locations[0]!.physicalLocation.region.startLine;
    assert.equal(lineOf(b, 'unknown-step'), lineOf(a, 'unknown-step') + 3, 'the lines did move');
    // Changing the line itself changes the identity.
    writeFileSync(join(shifted, 'inv.workunit.yaml'), original.replace('next: pay-run', 'next: payrun'));
    const c = JSON.parse(run(['lint', 'inv.workunit.yaml', '--format', 'sarif'], shifted).out) as Log;
    const printOf = (l: Log, rule: string) => JSON.stringify(l.runs[0]!.results.find((r) => r.ruleId === rule)!.partialFingerprints);
    assert.notEqual(printOf(c, 'unknown-step'), printOf(a, 'unknown-step'));
    assert.equal(printOf(c, 'missing-learning-loop'), printOf(a, 'missing-learning-loop'));
  });

  it('a folder brings the catalog rules; a clean run is valid with no results and exits 0; --quiet keeps errors only', () => {
    const cat = mkdtempSync(join(tmpdir(), 'workunit-sarif-cat-'));
    mkdirSync(join(cat, 'units'));
    const review = readFileSync('examples/onboarding-review.workunit.yaml', 'utf8');
    writeFileSync(join(cat, 'units', 'a.workunit.yaml'), review);
    writeFileSync(join(cat, 'units', 'b.workunit.yaml'), review);
    const dup = run(['lint', 'units', '--format', 'sarif'], cat);
    assert.equal(dup.code, 1);
    const l = JSON.parse(dup.out) as Log;
    assert.equal(validate(l), true, errorsOf(validate));
    assert.deepEqual(l.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine]), [
      ['duplicate-unit-id', 'units/a.workunit.yaml', 2],
      ['duplicate-unit-id', 'units/b.workunit.yaml', 2],
    ]);
    assert.equal(l.runs[0]!.tool.driver.rules[l.runs[0]!.results[0]!.ruleIndex]!.id, 'duplicate-unit-id');

    const clean = run(['lint', 'units/a.workunit.yaml', '--format', 'sarif'], cat);
    assert.equal(clean.code, 0);
    const c = JSON.parse(clean.out) as Log;
    assert.equal(validate(c), true, errorsOf(validate));
    assert.deepEqual(c.runs[0]!.results, []);
    assert.equal(c.runs[0]!.tool.driver.rules.length, ALL_RULES.length);

    const quiet = JSON.parse(run(['lint', 'edge/examples/invoice-matching.workunit.yaml', '--format', 'sarif', '--quiet'], dir).out) as Log;
    assert.deepEqual(new Set(quiet.runs[0]!.results.map((r) => r.level)), new Set(['error']));
    assert.equal(quiet.runs[0]!.results.length, 3);
  });

  it('an unknown format is a usage error', () => {
    const r = run(['lint', '.', '--format', 'sarif2'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /^workunit: Unknown format `sarif2`: use text, json or sarif\.\n$/);
  });
});

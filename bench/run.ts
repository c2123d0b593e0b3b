// The benchmark (issue 8): our language server (dist/server.js) against
// yaml-language-server configured with our JSON schema, on generated units of
// 50, 500 and 2000 steps, plus `workunit lint` over a 1,000-unit catalog
// against a bare `yaml` parse of the same files. Nothing is asserted: the
// numbers are reported on stdout and written to bench/RESULTS.md.
//
// Run: npm run bench   (= npm run build && node --import tsx bench/run.ts)
//      node --import tsx bench/run.ts --only measure   (the measuring of a 1,000,000-event log alone, bench/measure.ts; RESULTS.md untouched)
//      npm run bench -- --only catalog   the catalog rows of issue 20 alone (bench/catalog.ts), printed; RESULTS.md is left as it is
// Env: BENCH_RUNS (default 8; the first run of each series is a discarded warm-up, so 7 samples).
//
// Also here, because a test must not time anything: hostile inputs and the
// product limits (open → diagnostics at each limit), the soak's heap, and the
// heap before and after an idle collection.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, tmpdir, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams, Diagnostic } from 'vscode-languageserver-protocol';
import { parseDocument } from 'yaml';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../server/src/protocol';
import { generateUnit } from '../test/support/generate';
import { bigUnit, cleanUnit, deepFlow, hostileInputs, MB } from '../test/support/hostile';
import { TestClient } from '../test/support/lspClient';
import { soak, SOAK_DOCUMENTS, soakWarmUp } from '../test/support/soak';
import { benchMeasure } from './measure';
import { catalogGoals, catalogMarkdown, measureCatalogs } from './catalog';

// npm runs scripts from the package root.
const ROOT = resolve(process.cwd());
const RUNS = Number(process.env.BENCH_RUNS ?? 8);
if (!Number.isInteger(RUNS) || RUNS < 2) throw new Error(`BENCH_RUNS must be a whole number ≥ 2 (one warm-up, then samples); got ${process.env.BENCH_RUNS}`);
/** Samples per measurement: every run but the first, a warm-up. */
const SAMPLES = RUNS - 1;
const SIZES = [50, 500, 2000];
const CATALOG_UNITS = 1000;
const TIMEOUT_MS = 120_000;
const SCHEMA = join(ROOT, 'schemas', 'workunit.schema.json');
/** yaml-language-server waits this long before validating (hard-coded `validationDelayMs` in its yamlSettings.js; no setting changes it). */
const YAML_LS_DEBOUNCE_MS = 200;
const ACTORS = ['lead', 'analyst', 'reviewer', 'agent', 'bot'];

// ---------------------------------------------------------------- statistics
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const min = (xs: number[]) => Math.min(...xs);
const max = (xs: number[]) => Math.max(...xs);

// ---------------------------------------------------------------- LSP client
type Position = { line: number; character: number };

class Server {
  readonly connection: MessageConnection;
  readonly child: ChildProcessWithoutNullStreams;
  stderr = '';
  private waiters: { match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  constructor(
    readonly name: string,
    args: string[],
    readonly languageId: string,
    private readonly configuration: (section: string | undefined) => unknown,
  ) {
    this.child = spawn(process.execPath, args, { stdio: 'pipe', cwd: ROOT });
    this.child.stderr.on('data', (d) => (this.stderr += String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((i) => this.configuration(i.section)));
    // Anything else the server asks (capability registration, progress tokens,
    // yaml-language-server's custom/schema/request …): a neutral answer.
    this.connection.onRequest((method: string) => (method === 'custom/schema/request' ? [] : null));
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, workspaceEdit: { documentChanges: true } },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          // As VS Code's language client advertises them: edits may come on codeAction/resolve.
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll'] } }, dataSupport: true, resolveSupport: { properties: ['edit'] } },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  nextDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`${this.name}: no diagnostics for ${uri} within ${TIMEOUT_MS} ms; stderr: ${this.stderr.slice(-2000)}`)), TIMEOUT_MS);
      this.waiters.push({ match: (p) => p.uri === uri && match(p), resolve: (p) => (clearTimeout(timer), res(p)) });
    });
  }

  /** Open → the first diagnostics for version 1 (or unversioned). */
  open(uri: string, text: string): Promise<PublishDiagnosticsParams> {
    const waiting = this.nextDiagnostics(uri, (p) => p.version === undefined || p.version === null || p.version === 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: this.languageId, version: 1, text } });
    return waiting;
  }

  /** One incremental change → the diagnostics for `version`, or the first unversioned publish after the edit. */
  change(uri: string, version: number, range: { start: Position; end: Position }, text: string): Promise<PublishDiagnosticsParams> {
    const waiting = this.nextDiagnostics(uri, (p) => p.version === undefined || p.version === null || p.version === version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return waiting;
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Peak resident set (VmHWM) of the server process, in MiB. */
  peakMemoryMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}

// ---------------------------------------------------------------- servers
const yamlSettings = {
  schemas: { [SCHEMA]: '*.workunit.yaml' },
  validate: true,
  completion: true,
  hover: true,
  // No network: the schema store catalog would be fetched otherwise.
  schemaStore: { enable: false },
};

function startOurs(): Server {
  return new Server('workunit-language-server', [join(ROOT, 'dist', 'server.js'), '--stdio'], 'workunit', (section) => (section === 'workunit' ? {} : null));
}

function startYamlLs(): Server {
  const bin = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
  return new Server('yaml-language-server', [bin, '--stdio'], 'yaml', (section) => {
    if (section === 'yaml') return yamlSettings;
    if (section === '[yaml]' || section === 'editor' || section === 'http' || section === 'files') return {};
    return null;
  });
}

// ---------------------------------------------------------------- per-size measurements
interface Sample {
  open: number;
  edit: number;
  completion: number;
  completionItems: number;
  completionHasActors: boolean;
  symbols: number;
  symbolCount: number;
  hover: number;
  hoverHasContent: boolean;
  codeActions: number;
  codeActionCount: number;
  diagram?: number;
  openDiagnostics: number;
}

function countSymbols(result: unknown): number {
  if (!Array.isArray(result)) return 0;
  let n = 0;
  for (const s of result as { children?: unknown[] }[]) n += 1 + countSymbols(s.children ?? []);
  return n;
}

/** Where to probe: a `performer: reviewer` line in the middle of the unit (step i with i % 5 === 3). */
function probes(text: string, steps: number) {
  const lines = text.split('\n');
  let mid = Math.floor(steps / 2);
  while (mid % 5 !== 3) mid++;
  const stepLine = lines.indexOf(`  - id: step-${mid}`);
  let performerLine = stepLine;
  while (!lines[performerLine].startsWith('    performer:')) performerLine++;
  // The first AI step without an accountable human: step-4 (a finding of ours).
  const aiStep = lines.indexOf('  - id: step-4');
  let aiPerformer = aiStep;
  while (!lines[aiPerformer].startsWith('    performer:')) aiPerformer++;
  return {
    // Right after `performer: ` — the start of the value.
    completion: { line: performerLine, character: '    performer: '.length },
    // On the `performer` key.
    hover: { line: performerLine, character: 6 },
    codeActionLine: aiPerformer,
    codeActionStepLine: aiStep,
    lines,
  };
}

/** The text after the benchmark's edit: one character typed at line 21, column 11. */
function editedText(text: string): string {
  const lines = text.split('\n');
  lines[20] = `${lines[20].slice(0, 10)}x${lines[20].slice(10)}`;
  return lines.join('\n');
}

async function measureOne(server: Server, steps: number, run: number, text: string, withDiagram: boolean): Promise<Sample> {
  const uri = pathToFileURL(join(tmpdir(), 'workunit-bench', `${server.languageId}-${steps}-${run}.workunit.yaml`)).href;
  const p = probes(text, steps);
  const td = { uri };

  let t = performance.now();
  const opened = await server.open(uri, text);
  const open = performance.now() - t;

  // Type one character into the first step's name (line 21), as a keystroke would.
  t = performance.now();
  const edited = await server.change(uri, 2, { start: { line: 20, character: 10 }, end: { line: 20, character: 10 } }, 'x');
  const edit = performance.now() - t;

  t = performance.now();
  const completion = await server.request<{ items?: { label: string }[] } | { label: string }[] | null>('textDocument/completion', { textDocument: td, position: p.completion, context: { triggerKind: 1 } });
  const completionMs = performance.now() - t;
  const items = Array.isArray(completion) ? completion : completion?.items ?? [];
  const labels = new Set(items.map((i) => i.label));

  t = performance.now();
  const symbols = await server.request<unknown>('textDocument/documentSymbol', { textDocument: td });
  const symbolsMs = performance.now() - t;

  t = performance.now();
  const hover = await server.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: td, position: p.hover });
  const hoverMs = performance.now() - t;

  // Code actions over the step-4 block, with the diagnostics each server published there.
  const range = { start: { line: p.codeActionStepLine, character: 0 }, end: { line: p.codeActionLine, character: p.lines[p.codeActionLine].length } };
  const inRange = (d: Diagnostic) => d.range.start.line <= range.end.line && d.range.end.line >= range.start.line;
  t = performance.now();
  const actions = await server.request<unknown[] | null>('textDocument/codeAction', { textDocument: td, range, context: { diagnostics: edited.diagnostics.filter(inRange), triggerKind: 1 } });
  const codeActionsMs = performance.now() - t;

  let diagram: number | undefined;
  if (withDiagram) {
    t = performance.now();
    await server.request('workunit/diagram', { uri });
    diagram = performance.now() - t;
  }

  await server.close(uri);
  return {
    open,
    edit,
    completion: completionMs,
    completionItems: items.length,
    completionHasActors: ACTORS.every((a) => labels.has(a)),
    symbols: symbolsMs,
    symbolCount: countSymbols(symbols),
    hover: hoverMs,
    hoverHasContent: !!hover && hover.contents !== null && JSON.stringify(hover.contents).length > 4,
    codeActions: codeActionsMs,
    codeActionCount: Array.isArray(actions) ? actions.length : 0,
    diagram,
    openDiagnostics: opened.diagnostics.length,
  };
}

// ---------------------------------------------------------------- lint over a catalog
function writeCatalog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workunit-bench-catalog-'));
  for (let i = 0; i < CATALOG_UNITS; i++) {
    const steps = 5 + (i % 10) * 5; // 5 … 50 steps, 27.5 on average
    const stream = `stream-${i % 20}`;
    mkdirSync(join(dir, stream), { recursive: true });
    writeFileSync(join(dir, stream, `unit-${i}.workunit.yaml`), generateUnit(steps, `unit-${i}`));
  }
  return dir;
}

const BARE_PARSE = `
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { parseDocument } = require(${JSON.stringify(join(ROOT, 'node_modules', 'yaml'))});
let n = 0;
(function walk(d) { for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) walk(p); else if (f.endsWith('.workunit.yaml')) { parseDocument(readFileSync(p, 'utf8')); n++; } } })(process.argv[1]);
if (n !== ${CATALOG_UNITS}) { console.error('parsed', n); process.exit(2); }
`;

function timeProcess(args: string[]): { ms: number; status: number | null } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status === 2 || r.error) throw new Error(`${args.join(' ')} failed: ${r.error ?? r.stderr}`);
  return { ms, status: r.status };
}

// ---------------------------------------------------------------- activation and package
interface ActivationSample {
  codeLoadingMs: number;
  activateCallMs: number;
  activateResolvedMs?: number;
  error?: string;
}

type Build = 'desktop' | 'web';
/** What each build loads: the extension and its server bundle. */
const BUNDLES: Record<Build, string[]> = { desktop: ['extension.js', 'server.js'], web: ['web/extension.js', 'web/server.js'] };

/**
 * `bench/activation.cjs` on a production build, RUNS fresh processes per
 * build (the first discarded): the desktop build (`main`, its server a Node
 * process) and the web build (`browser`, its server in a worker); and the
 * bytes of each build's two bundles.
 */
function measureActivation(): Record<Build, { samples: ActivationSample[]; bundleBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'workunit-bench-extension-'));
  try {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production', `--outdir=${join(dir, 'dist')}`], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`production build failed: ${build.stderr}`);
    const measure = (which: Build) => {
      const samples: ActivationSample[] = [];
      for (let run = 0; run < RUNS; run++) {
        const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'activation.cjs'), dir, ...(which === 'web' ? ['--web'] : [])], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT_MS });
        const line = r.stdout.trim().split('\n').pop() ?? '';
        const sample = JSON.parse(line) as ActivationSample;
        if (sample.error) throw new Error(`${which} activation failed: ${sample.error}`);
        if (run > 0) samples.push(sample);
      }
      const bundleBytes = BUNDLES[which].reduce((sum, f) => sum + statSync(join(dir, 'dist', f)).size, 0);
      return { samples, bundleBytes };
    };
    return { desktop: measure('desktop'), web: measure('web') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run package` (production build into dist/, then vsce): the .vsix's size in bytes. */
function packageVsix(): { bytes: number } {
  const r = spawnSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed: ${r.stderr}`);
  return { bytes: statSync(join(ROOT, 'dist', 'work-unit-studio.vsix')).size };
}

// ---------------------------------------------------------------- memory at the same documents
/** Documents both servers hold open at once for the memory comparison, and their size. */
const OPEN_DOCUMENTS = 20;
const OPEN_DOCUMENT_STEPS = 500;

/** Current resident set (VmRSS) of a process, in MiB. */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/** How long both servers are left quiet before the second reading: past our idle collection's one second. */
const SETTLE_MS = 2000;

/**
 * Opens the same OPEN_DOCUMENTS units in a server and reads its resident set
 * with all of them open: once their diagnostics and outlines are in, and again
 * after SETTLE_MS of quiet (the footprint while they sit open); closes them.
 */
async function residentWithDocumentsOpen(server: Server): Promise<{ opened: number; settled: number }> {
  const uris = Array.from({ length: OPEN_DOCUMENTS }, (_, i) => pathToFileURL(join(tmpdir(), 'workunit-bench', `open-${server.languageId}-${i}.workunit.yaml`)).href);
  await Promise.all(uris.map((uri, i) => server.open(uri, generateUnit(OPEN_DOCUMENT_STEPS, `open-${i}`))));
  // One request each after the diagnostics: whatever a server computes lazily is computed.
  for (const uri of uris) await server.request('textDocument/documentSymbol', { textDocument: { uri } });
  const opened = rssMiB(server.pid);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const settled = rssMiB(server.pid);
  for (const uri of uris) await server.close(uri);
  return { opened, settled };
}

// ---------------------------------------------------------------- limits and hostile inputs (ours)
interface LimitCase {
  name: string;
  text: () => string;
}

/**
 * The worst a file under each product limit can cost, and what a refusal
 * costs: open → diagnostics on our server (parse.ts says why each limit is
 * where it is; these are the figures it points to).
 */
function limitCases(): LimitCase[] {
  const flowOf = (n: number) => cleanUnit('flow-items').replace(/^ {2}measuredBy: .*$/m, `  measuredBy: [${Array.from({ length: n }, () => 'q').join(', ')}]`);
  const linesOf = (n: number) => `${cleanUnit('line-items')}\nnotes:\n${Array.from({ length: n }, (_, i) => `  - n${i}`).join('\n')}\n`;
  const base = cleanUnit('x').split('\n').length;
  return [
    { name: 'a 2,000-step unit (250 KB)', text: () => generateUnit(2000) },
    { name: 'the largest unit under the size limit (1 MB, about 8,000 steps)', text: () => bigUnit(MB - 1, 'one-mb-unit') },
    { name: 'just under the item limit: 49,900 one-letter flow entries', text: () => flowOf(49_900) },
    { name: 'just under the item limit: 49,900 short lines', text: () => linesOf(49_900 - base) },
    { name: 'just under the nesting limit: 95 levels of `[`', text: () => `${cleanUnit('deep')}x: ${deepFlow(95)}` },
    { name: 'refused for items: 330,000 one-letter flow entries (1 MB)', text: () => flowOf(330_000) },
    ...hostileInputs().map((h) => ({ name: `hostile: ${h.name}`, text: h.text })),
  ];
}

async function measureLimits(ours: Server): Promise<{ name: string; findings: number; ms: number[] }[]> {
  const out: { name: string; findings: number; ms: number[] }[] = [];
  for (const c of limitCases()) {
    const text = c.text();
    const ms: number[] = [];
    let findings = 0;
    for (let run = 0; run < RUNS; run++) {
      const uri = pathToFileURL(join(tmpdir(), 'workunit-bench', `limit-${out.length}-${run}.workunit.yaml`)).href;
      const t = performance.now();
      const p = await ours.open(uri, text);
      if (run > 0) ms.push(performance.now() - t);
      findings = p.diagnostics.length;
      await ours.close(uri);
    }
    out.push({ name: c.name, findings, ms });
    console.log(`limits: ${c.name}: ${stat(ms)} ms, ${findings} findings`);
  }
  return out;
}

// ---------------------------------------------------------------- heap: soak and idle collection
const MiB = 1024 * 1024;
const statusOf = (client: TestClient) => client.connection.sendRequest(SERVER_STATUS_REQUEST) as Promise<ServerStatusResult>;

/**
 * The soak of `npm test` (test/support/soak.ts), once, on a server with
 * `--expose-gc`: the heap after a full collection, after the warm-up, every
 * 100 documents, and at the end.
 */
async function measureSoak(): Promise<{ startMiB: number; samplesMiB: number[]; endMiB: number; seconds: number }> {
  const client = new TestClient(['--stdio'], ['--expose-gc']);
  try {
    await client.initialize();
    await soakWarmUp(client);
    const start = await statusOf(client);
    if (!start.collected) throw new Error('the soak server should run with --expose-gc');
    const samples: number[] = [];
    const t = performance.now();
    await soak(client, async (documents) => {
      if (documents % 100 === 0) samples.push((await statusOf(client)).heapUsedBytes / MiB);
    });
    const seconds = (performance.now() - t) / 1000;
    const end = await statusOf(client);
    return { startMiB: start.heapUsedBytes / MiB, samplesMiB: samples, endMiB: end.heapUsedBytes / MiB, seconds };
  } finally {
    await client.shutdown();
  }
}

/**
 * The idle collection, as an editor starts the server (no --expose-gc): the
 * heap right after six edits of a 2,000-step unit, and once the server has
 * collected on its own; and how long after the last edit that came.
 */
async function measureIdleCollection(): Promise<{ busyMiB: number[]; quietMiB: number[]; afterMs: number[] }> {
  const client = new TestClient();
  const busyMiB: number[] = [];
  const quietMiB: number[] = [];
  const afterMs: number[] = [];
  try {
    await client.initialize(null);
    for (let run = 0; run < RUNS; run++) {
      const uri = `file:///tmp/workunit-bench/idle-${run}.workunit.yaml`;
      await client.open(uri, generateUnit(2000));
      for (let i = 0; i < 6; i++) await client.change(uri, { start: { line: 20, character: 10 }, end: { line: 20, character: 10 } }, 'x');
      const t = performance.now();
      const busy = await statusOf(client);
      let quiet = busy;
      while (quiet.idleCollections === busy.idleCollections) {
        if (performance.now() - t > TIMEOUT_MS) throw new Error('no idle collection');
        await new Promise((r) => setTimeout(r, 20));
        quiet = await statusOf(client);
      }
      if (run > 0) {
        busyMiB.push(busy.heapUsedBytes / MiB);
        quietMiB.push(quiet.heapUsedBytes / MiB);
        afterMs.push(performance.now() - t);
      }
      await client.close(uri);
    }
    return { busyMiB, quietMiB, afterMs };
  } finally {
    await client.shutdown();
  }
}

// ---------------------------------------------------------------- report
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
/** "12.6 (10.1–21.0)": median, then min–max, of the samples. */
const stat = (xs: number[]) => (xs.length === 0 ? '–' : `${f1(median(xs))} (${f1(min(xs))}–${f1(max(xs))})`);
const minusDebounce = (xs: number[]) => xs.map((x) => x - YAML_LS_DEBOUNCE_MS);

/** `--only measure` or `--only catalog`: those rows alone, printed (RESULTS.md is left as it is). */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (ONLY !== undefined && ONLY !== 'catalog' && ONLY !== 'measure') throw new Error(`--only takes \`measure\` or \`catalog\` (got ${ONLY})`);

async function main() {
  if (ONLY === 'measure') {
    const { md, goals } = await benchMeasure();
    console.log(['', '| goal | measured | |', '| --- | --- | --- |', ...goals.map(([g, m, ok]) => `| ${g} | ${m} | ${ok ? 'met' : '**not met**'} |`), '', ...md].join('\n'));
    return;
  }
  if (process.platform !== 'linux') console.warn('Peak memory needs /proc (Linux); it will be missing here.');
  if (ONLY === 'catalog') {
    const catalogs = await measureCatalogs();
    console.log(['', ...catalogMarkdown(catalogs), '| goal | measured | |', '| --- | --- | --- |', ...catalogGoals(catalogs).map(([g, m, ok]) => `| ${g} | ${m} | ${ok ? 'met' : '**not met**'} |`)].join('\n'));
    return;
  }
  const ours = startOurs();
  const yls = startYamlLs();
  await Promise.all([ours.initialize(), yls.initialize()]);
  // yaml-language-server pulls its settings (workspace/configuration) on this.
  await yls.connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });

  // Check that yaml-language-server applies our schema: hover on `workunit:` shows its description.
  {
    const uri = pathToFileURL(join(tmpdir(), 'workunit-bench', 'schema-check.workunit.yaml')).href;
    let ok = false;
    for (let i = 0; i < 50 && !ok; i++) {
      await yls.open(uri, generateUnit(3, 'schema-check'));
      const h = await yls.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
      ok = !!h && /format version/i.test(JSON.stringify(h.contents));
      await yls.close(uri);
      if (!ok) await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`yaml-language-server schema association: ${ok ? 'active' : 'NOT ACTIVE (numbers below are for plain YAML)'}`);
  }

  type SizeResult = { ours: Sample[]; yls: Sample[]; parse: number[]; chars: number; lines: number };
  const results = new Map<number, SizeResult>();
  for (const steps of SIZES) {
    const text = generateUnit(steps);
    const entry = { ours: [] as Sample[], yls: [] as Sample[], parse: [] as number[], chars: text.length, lines: text.split('\n').length };
    const edited = editedText(text);
    for (let run = 0; run < RUNS; run++) {
      const a = await measureOne(ours, steps, run, text, true);
      const b = await measureOne(yls, steps, run, text, false);
      // The floor: \`yaml\`'s parseDocument of the edited text, in this process, between the servers' runs.
      const t = performance.now();
      parseDocument(edited);
      const parseMs = performance.now() - t;
      if (run > 0) {
        entry.ours.push(a);
        entry.yls.push(b);
        entry.parse.push(parseMs);
      }
    }
    results.set(steps, entry);
    const m = (xs: Sample[], k: keyof Sample) => f1(median(xs.map((s) => s[k] as number)));
    console.log(`${steps} steps: open→diag ${m(entry.ours, 'open')} vs ${m(entry.yls, 'open')} ms; edit→diag ${m(entry.ours, 'edit')} vs ${m(entry.yls, 'edit')} ms; bare parse ${f1(median(entry.parse))} ms`);
  }
  const memory = { ours: ours.peakMemoryMiB(), yls: yls.peakMemoryMiB() };
  // Memory at the same number of documents: each server in turn, so neither pays for the other's CPU.
  const openMemory = { ours: await residentWithDocumentsOpen(ours), yls: await residentWithDocumentsOpen(yls) };
  console.log(`resident with ${OPEN_DOCUMENTS} documents of ${OPEN_DOCUMENT_STEPS} steps open: ${f1(openMemory.ours.opened)} vs ${f1(openMemory.yls.opened)} MiB; ${SETTLE_MS / 1000} s later ${f1(openMemory.ours.settled)} vs ${f1(openMemory.yls.settled)} MiB`);
  await yls.shutdown();
  const limits = await measureLimits(ours);
  await ours.shutdown();
  const soakHeap = await measureSoak();
  console.log(`soak: heap ${f1(soakHeap.startMiB)} → ${f1(soakHeap.endMiB)} MiB in ${f1(soakHeap.seconds)} s`);
  const idle = await measureIdleCollection();
  console.log(`idle collection: heap ${stat(idle.busyMiB)} → ${stat(idle.quietMiB)} MiB`);

  // Lint over a catalog of 1,000 units vs a bare parse, each in one node process.
  const catalog = writeCatalog();
  const lint: number[] = [];
  const parse: number[] = [];
  let lintStatus: number | null = null;
  try {
    for (let run = 0; run < RUNS; run++) {
      const l = timeProcess([join(ROOT, 'dist', 'cli.js'), 'lint', catalog]);
      const p = timeProcess(['-e', BARE_PARSE, catalog]);
      lintStatus = l.status;
      if (run > 0) {
        lint.push(l.ms);
        parse.push(p.ms);
      }
    }
  } finally {
    rmSync(catalog, { recursive: true, force: true });
  }
  console.log(`lint of ${CATALOG_UNITS} units: ${f1(median(lint))} ms vs bare parse ${f1(median(parse))} ms`);

  // Catalogs of 10,000 and 100,000 units: lint against the floor, and the editor's scan (issue 20).
  const catalogs = await measureCatalogs();

  // The extension's activation, desktop and web builds, from a production build in a temp dir (dist/ is left as it is).
  const builds = measureActivation();
  const activation = builds.desktop.samples;
  for (const [which, { samples }] of Object.entries(builds)) {
    console.log(`${which} activation: code loading ${f1(median(samples.map((a) => a.codeLoadingMs)))} ms + activate call ${f1(median(samples.map((a) => a.activateCallMs)))} ms`);
  }

  // A unit measured from a 1,000,000-event log (issue 18).
  const measuring = await benchMeasure();

  // The package a user installs.
  const vsix = packageVsix();
  console.log(`.vsix: ${vsix.bytes} bytes`);

  // ---------------------------------------------------------- RESULTS.md
  const md: string[] = [];
  const cpu = cpus();
  md.push('# Benchmark results', '');
  md.push('Generated by `npm run bench` (`bench/run.ts`). Timing goals are not asserted; these are measurements only.', '');
  md.push('## Machine', '');
  md.push(`- CPU: ${cpu[0]?.model ?? 'unknown'} (${cpu.length} cores)`);
  md.push(`- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`);
  md.push(`- OS: ${platform()} ${release()}`);
  md.push(`- Node: ${process.version}`);
  md.push(`- yaml-language-server: ${JSON.parse(readFileSync(join(ROOT, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')).version}`);
  md.push(`- Date: ${new Date().toISOString()}`);
  md.push('');
  const last = (xs: Sample[]) => xs[xs.length - 1];
  // The goals of issue 8, each against this run's figures.
  const med = (steps: number, k: keyof Sample, who: 'ours' | 'yls') => median(results.get(steps)![who].map((x) => x[k] as number));
  const editOurs50 = med(50, 'edit', 'ours');
  const editYls50 = med(50, 'edit', 'yls');
  const editOurs2000 = med(2000, 'edit', 'ours');
  const editYls2000 = med(2000, 'edit', 'yls');
  const parse2000 = median(results.get(2000)!.parse);
  const compOurs = med(2000, 'completion', 'ours');
  const compYls = med(2000, 'completion', 'yls');
  const lintRatio = median(lint) / median(parse);
  const activationMs = median(activation.map((a) => a.codeLoadingMs + a.activateCallMs));
  const goal = (text: string, measured: string, ok: boolean) => md.push(`| ${text} | ${measured} | ${ok ? 'met' : '**not met**'} |`);
  md.push('## Goals (issue 8) in this run', '');
  md.push('| goal | measured | |', '| --- | --- | --- |');
  const workYls = (steps: number) => median(minusDebounce(results.get(steps)!.yls.map((x) => x.edit)));
  /** "17.3× faster" or "1.4× slower": ours against theirs. */
  const speed = (oursMs: number, theirsMs: number) => (theirsMs >= oursMs ? `${f1(theirsMs / oursMs)}× faster` : `${f1(oursMs / theirsMs)}× slower`);
  const seenAndWork = (oursMs: number, ylsMs: number, ylsWork: number) =>
    `as a user sees it ${f1(oursMs)} vs ${f1(ylsMs)} ms: ${speed(oursMs, ylsMs)}; the work alone (yaml-ls less its ${YAML_LS_DEBOUNCE_MS} ms debounce) ${f1(oursMs)} vs ${f1(ylsWork)} ms: ${speed(oursMs, ylsWork)}`;
  goal('edit → diagnostics at 50 steps ≥ 10× faster than yaml-ls (as a user sees it)', seenAndWork(editOurs50, editYls50, workYls(50)), editYls50 / editOurs50 >= 10);
  goal('edit → diagnostics at 2000 steps within 1.5× of the bare parse', `${f1(editOurs2000)} vs ${f1(parse2000)} ms: ${ratio(editOurs2000, parse2000)}`, editOurs2000 <= 1.5 * parse2000);
  goal('edit → diagnostics at 2000 steps ≥ 2× faster than yaml-ls (as a user sees it)', seenAndWork(editOurs2000, editYls2000, workYls(2000)), editYls2000 / editOurs2000 >= 2);
  goal('completion at 2000 steps ≥ 10× faster than yaml-ls, with the actor ids', `${f1(compOurs)} vs ${f1(compYls)} ms: ${f1(compYls / compOurs)}× faster; actor ids: ${last(results.get(2000)!.ours).completionHasActors ? 'yes' : 'no'}`, compYls / compOurs >= 10 && last(results.get(2000)!.ours).completionHasActors);
  goal('peak memory ≤ half of yaml-ls', `peak over the same runs ${f1(memory.ours)} vs ${f1(memory.yls)} MiB: ${ratio(memory.ours, memory.yls)}; with the same ${OPEN_DOCUMENTS} documents open ${f1(openMemory.ours.opened)} vs ${f1(openMemory.yls.opened)} MiB: ${ratio(openMemory.ours.opened, openMemory.yls.opened)} (${SETTLE_MS / 1000} s later ${f1(openMemory.ours.settled)} vs ${f1(openMemory.yls.settled)} MiB: ${ratio(openMemory.ours.settled, openMemory.yls.settled)})`, memory.ours <= memory.yls / 2 && openMemory.ours.opened <= openMemory.yls.opened / 2);
  goal('lint of 1,000 units within 2× of the bare parse', `${f1(median(lint))} vs ${f1(median(parse))} ms: ${lintRatio.toFixed(2)}×`, lintRatio <= 2);
  goal('.vsix under 1 MB', `${(vsix.bytes / 1024).toFixed(0)} KB`, vsix.bytes < 1024 * 1024);
  goal('activation under 100 ms (code loading + activate call, as VS Code counts it)', `${f1(activationMs)} ms`, activationMs < 100);
  const webActivationMs = median(builds.web.samples.map((a) => a.codeLoadingMs + a.activateCallMs));
  goal('web build: activation under 100 ms (code loading + activate call)', `${f1(webActivationMs)} ms`, webActivationMs < 100);
  for (const [text, measured, ok] of measuring.goals) goal(`${text} (issue 18)`, measured, ok);
  for (const [text, measured, ok] of catalogGoals(catalogs)) goal(`${text} (issue 20)`, measured, ok);
  md.push('');
  md.push(`The yaml-ls goals are issue 8's, as a user sees it. yaml-ls waits a fixed ${YAML_LS_DEBOUNCE_MS} ms before it validates, and that wait is most of its time on small units: the "work alone" figures take it off each sample, and compare what the two servers compute.`, '');
  md.push('## Method', '');
  md.push(`- ${RUNS} runs per measurement (\`BENCH_RUNS\`); the first is a discarded warm-up, so every figure is over ${SAMPLES} sample${SAMPLES === 1 ? '' : 's'}, written median (min–max). The soak runs once: its figures are one run's.`);
  md.push('- Both servers run at once, one process each for the whole benchmark, over stdio; each run opens a fresh URI, measures, and closes it. Times are client-side wall-clock in ms, including JSON-RPC transport.');
  md.push('- **ours** = `dist/server.js --stdio` (language id `workunit`); **yaml-ls** = `yaml-language-server --stdio` (language id `yaml`) with `yaml.schemas: { "<repo>/schemas/workunit.schema.json": "*.workunit.yaml" }`, `validate`, `completion`, `hover` on, schema store off.');
  md.push('- open → diagnostics: `didOpen` until the first `publishDiagnostics` for version 1 (or unversioned). edit → diagnostics: one incremental one-character insert into the first step\'s name until the diagnostics for version 2 (yaml-ls publishes unversioned: the first publish after the edit).');
  md.push('- Completion: at the start of the value of a `performer: reviewer` line in the middle of the unit. Hover: on that `performer` key. Code actions: over the `step-4` block (an AI step without an accountable human — one of our findings), passing each server\'s own diagnostics in that range. Requests are made after the edit, on version 2.');
  md.push(`- yaml-ls validates ${YAML_LS_DEBOUNCE_MS} ms after the last open/change (its hard-coded \`validationDelayMs\`); ours has no debounce. Its diagnostics times include that wait. "ratio (medians)" compares the times as a user sees them; "yaml-ls work" takes the wait off each of its samples, and "work ratio" compares ours with that: what the two servers compute.`);
  md.push('- yaml-ls sees a schema-valid document: its diagnostics count is 0 and it offers no code actions; ours reports the unit\'s deliberate findings (one per AI step without an accountable human) and their quick-fixes.');
  md.push('- Ratio = ours ÷ yaml-ls (median); below 1× means ours is faster / smaller.');
  md.push('');

  const sizesHeader = (cols: string) => `| Steps (lines) | ${cols} |`;
  function timingTable(title: string, key: keyof Sample, extra?: (e: SizeResult) => string[], extraCols: string[] = []) {
    md.push(`## ${title}`, '');
    const cols = ['ours', 'yaml-ls', 'ratio (medians)', ...extraCols];
    md.push(sizesHeader(cols.join(' | ')), `|${' --- |'.repeat(cols.length + 1)}`);
    for (const steps of SIZES) {
      const e = results.get(steps)!;
      const a = e.ours.map((s) => s[key] as number);
      const b = e.yls.map((s) => s[key] as number);
      md.push(`| ${steps} (${e.lines}) | ${stat(a)} | ${stat(b)} | ${ratio(median(a), median(b))} |${extra ? ' ' + extra(e).join(' | ') + ' |' : ''}`);
    }
    md.push('');
  }
  /** yaml-ls's work: each sample less its fixed debounce; and ours against it. */
  const work = (e: { ours: Sample[]; yls: Sample[] }, key: 'open' | 'edit') => {
    const theirs = minusDebounce(e.yls.map((s) => s[key]));
    return [stat(theirs), ratio(median(e.ours.map((s) => s[key])), median(theirs))];
  };
  const workCols = [`yaml-ls work (each sample − ${YAML_LS_DEBOUNCE_MS} ms debounce)`, 'work ratio ours ÷ yaml-ls work'];
  timingTable('Open → diagnostics (ms)', 'open', (e) => [...work(e, 'open'), String(last(e.ours).openDiagnostics), String(last(e.yls).openDiagnostics)], [...workCols, 'ours diagnostics', 'yaml-ls diagnostics']);
  timingTable('Edit → diagnostics (ms)', 'edit', (e) => [...work(e, 'edit'), stat(e.parse), ratio(median(e.ours.map((x) => x.edit)), median(e.parse))], [...workCols, 'bare `yaml` parse', 'ours ÷ bare parse']);
  timingTable('Completion at a `performer:` value (ms)', 'completion', (e) => [
    String(last(e.ours).completionItems),
    last(e.ours).completionHasActors ? 'yes' : 'no',
    String(last(e.yls).completionItems),
    last(e.yls).completionHasActors ? 'yes' : 'no',
  ], ['ours items', 'ours has actor ids', 'yaml-ls items', 'yaml-ls has actor ids']);
  timingTable('Document symbols (ms)', 'symbols', (e) => [String(last(e.ours).symbolCount), String(last(e.yls).symbolCount)], ['ours symbols (all levels)', 'yaml-ls symbols (all levels)']);
  timingTable('Hover on a `performer` key (ms)', 'hover', (e) => [last(e.ours).hoverHasContent ? 'yes' : 'no', last(e.yls).hoverHasContent ? 'yes' : 'no'], ['ours has content', 'yaml-ls has content']);
  timingTable('Code actions over the step-4 block (ms)', 'codeActions', (e) => [String(last(e.ours).codeActionCount), String(last(e.yls).codeActionCount)], ['ours actions', 'yaml-ls actions']);

  md.push('## Preview diagram — `workunit/diagram` (ms, ours only)', '');
  md.push('| Steps (lines) | ours |', '| --- | --- |');
  for (const steps of SIZES) {
    const e = results.get(steps)!;
    const a = e.ours.map((s) => s.diagram!);
    md.push(`| ${steps} (${e.lines}) | ${stat(a)} |`);
  }
  md.push('');

  md.push('## Memory with the same documents open (VmRSS, MiB)', '');
  md.push(`Each server in turn opens the same ${OPEN_DOCUMENTS} generated units of ${OPEN_DOCUMENT_STEPS} steps, waits for their diagnostics and outlines, and its resident set is read with all of them open, and again after ${SETTLE_MS / 1000} s of quiet (the footprint while they sit open: our server collects its garbage after a quiet second); then they are closed. The goal reads the first.`, '');
  md.push('| read | ours | yaml-ls | ratio |', '| --- | --- | --- | --- |');
  md.push(`| once opened | ${f1(openMemory.ours.opened)} | ${f1(openMemory.yls.opened)} | ${ratio(openMemory.ours.opened, openMemory.yls.opened)} |`);
  md.push(`| ${SETTLE_MS / 1000} s later | ${f1(openMemory.ours.settled)} | ${f1(openMemory.yls.settled)} | ${ratio(openMemory.ours.settled, openMemory.yls.settled)} |`, '');
  md.push('## Peak memory (VmHWM of the server process, MiB, after the per-size runs: both opened the same documents, one at a time)', '');
  md.push('| ours | yaml-ls | ratio |', '| --- | --- | --- |');
  md.push(`| ${f1(memory.ours)} | ${f1(memory.yls)} | ${ratio(memory.ours, memory.yls)} |`, '');

  md.push(`## \`workunit lint\` over a catalog of ${CATALOG_UNITS} units vs a bare \`yaml\` parse (ms)`, '');
  md.push(`Generated units of 5–50 steps in 20 value-stream folders, in a temp dir. Both are one fresh node process each, timed wall-clock including node start-up: \`node dist/cli.js lint <dir>\` (catalog rules included; exit status ${lintStatus}) vs \`node -e\` reading every file and calling \`parseDocument\`.`, '');
  md.push('| workunit lint | bare parse | ratio (medians) |', '| --- | --- | --- |');
  md.push(`| ${stat(lint)} | ${stat(parse)} | ${ratio(median(lint), median(parse))} |`, '');

  md.push(...catalogMarkdown(catalogs));

  md.push('## Extension activation (ms, production build)', '');
  md.push('`bench/activation.cjs` in a fresh Node process per run, with `vscode` replaced by a stub (every API name exists, every call returns a stub), times what VS Code times: code loading = `require` of the extension\'s entry, activate call = the synchronous part of `activate`; VS Code\'s Running Extensions view shows their sum as the activation time. Resolved = until `activate`\'s promise settles: the language client has started the bundled server and finished the LSP handshake.', '');
  md.push('- **desktop** = `main`, `dist/extension.js`: the server is forked as a Node process (`dist/server.js`, IPC).');
  md.push('- **web** = `browser`, `dist/web/extension.js`, as vscode.dev and github.dev load it: the server bundle `dist/web/server.js` runs in a worker thread standing in for the browser\'s Web Worker (same V8, same code, messages through `postMessage`), so the browser\'s fetching of the two files is not included.', '');
  md.push('| build | code loading | activate call | loading + call | resolved (server ready) | extension + server bundles |', '| --- | --- | --- | --- | --- | --- |');
  for (const [which, { samples, bundleBytes }] of Object.entries(builds)) {
    const sum = samples.map((a) => a.codeLoadingMs + a.activateCallMs);
    md.push(`| ${which} | ${stat(samples.map((a) => a.codeLoadingMs))} | ${stat(samples.map((a) => a.activateCallMs))} | ${stat(sum)} | ${stat(samples.map((a) => a.activateResolvedMs ?? NaN))} | ${(bundleBytes / 1024).toFixed(0)} KB |`);
  }
  md.push('');
  md.push(...measuring.md);
  md.push('## Limits and hostile inputs (ours: open → diagnostics, ms)', '');
  md.push('The product limits are in `server/src/core/parse/parse.ts` (1 MB, 50,000 items, 100 levels), each with its reason; these are the figures the reasons point to: the worst a file under each limit costs, and what a refusal costs. The hostile inputs are the tests\' (`test/support/hostile.ts`); `npm test` checks what they get, never how fast.', '');
  md.push('| file | open → diagnostics | findings |', '| --- | --- | --- |');
  for (const l of limits) md.push(`| ${l.name} | ${stat(l.ms)} | ${l.findings} |`);
  md.push('');
  md.push('## Soak: heap after a full collection (ours, MiB, one run)', '');
  md.push(`The soak of \`npm test\` (\`test/support/soak.ts\`): one server with \`--expose-gc\`, ${SOAK_DOCUMENTS} documents opened, edited and closed in batches, every hostile input among them. "Start" is after a warm-up; the samples are taken every 100 documents.`, '');
  md.push('| start | every 100 documents: min–max | end | growth | soak duration (s) |', '| --- | --- | --- | --- | --- |');
  md.push(`| ${f1(soakHeap.startMiB)} | ${f1(min(soakHeap.samplesMiB))}–${f1(max(soakHeap.samplesMiB))} | ${f1(soakHeap.endMiB)} | ${(((soakHeap.endMiB - soakHeap.startMiB) / soakHeap.startMiB) * 100).toFixed(1)}% | ${f1(soakHeap.seconds)} |`, '');
  md.push('## Idle collection (ours, heap in use, MiB)', '');
  md.push('As an editor starts the server (no `--expose-gc`): six edits of a 2,000-step unit, the heap right after them, and once the server has collected on its own (`host/node/idleCollection.ts`).', '');
  md.push('| right after the edits | after the idle collection | collection came after (ms) |', '| --- | --- | --- |');
  md.push(`| ${stat(idle.busyMiB)} | ${stat(idle.quietMiB)} | ${stat(idle.afterMs)} |`, '');
  md.push('## Package', '');
  md.push(`\`npm run package\` → \`dist/work-unit-studio.vsix\`: ${vsix.bytes} bytes (${(vsix.bytes / 1024).toFixed(0)} KB). One package serves the desktop and the web (\`main\` and \`browser\`): it is the \`.vsix\` both install; the table above gives each build\'s share of it.`, '');

  const out = md.join('\n');
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), out);
  console.log('\n' + out);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

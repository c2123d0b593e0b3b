// The benchmark (issue 8): our language server (dist/server.js) against
// yaml-language-server configured with our JSON schema, on generated units of
// 50, 500 and 2000 steps, plus `workunit lint` over a 1,000-unit catalog
// against a bare `yaml` parse of the same files. Nothing is asserted: the
// numbers are reported on stdout and written to bench/RESULTS.md.
//
// Run: npm run bench   (= npm run build && node --import tsx bench/run.ts)
// Env: BENCH_RUNS (default 7; the first run of each series is a discarded warm-up).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem, tmpdir, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams, Diagnostic } from 'vscode-languageserver-protocol';
import { parseDocument } from 'yaml';
import { generateUnit } from '../test/support/generate';

// npm runs scripts from the package root.
const ROOT = resolve(process.cwd());
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
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
/** Nearest-rank p95 (with 6 samples, that is the maximum). */
const p95 = (xs: number[]) => sorted(xs)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)];

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

// ---------------------------------------------------------------- report
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

async function main() {
  if (process.platform !== 'linux') console.warn('Peak memory needs /proc (Linux); it will be missing here.');
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
  await Promise.all([ours.shutdown(), yls.shutdown()]);

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

  // The extension's activation, desktop and web builds, from a production build in a temp dir (dist/ is left as it is).
  const builds = measureActivation();
  const activation = builds.desktop.samples;
  for (const [which, { samples }] of Object.entries(builds)) {
    console.log(`${which} activation: code loading ${f1(median(samples.map((a) => a.codeLoadingMs)))} ms + activate call ${f1(median(samples.map((a) => a.activateCallMs)))} ms`);
  }

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
  goal('edit → diagnostics at 50 steps ≥ 10× faster than yaml-ls', `${f1(editOurs50)} vs ${f1(editYls50)} ms: ${f1(editYls50 / editOurs50)}× faster`, editYls50 / editOurs50 >= 10);
  goal('edit → diagnostics at 2000 steps within 1.5× of the bare parse', `${f1(editOurs2000)} vs ${f1(parse2000)} ms: ${ratio(editOurs2000, parse2000)}`, editOurs2000 <= 1.5 * parse2000);
  goal('edit → diagnostics at 2000 steps ≥ 2× faster than yaml-ls', `${f1(editOurs2000)} vs ${f1(editYls2000)} ms: ${f1(editYls2000 / editOurs2000)}× faster`, editYls2000 / editOurs2000 >= 2);
  goal('completion at 2000 steps ≥ 10× faster than yaml-ls, with the actor ids', `${f1(compOurs)} vs ${f1(compYls)} ms: ${f1(compYls / compOurs)}× faster; actor ids: ${last(results.get(2000)!.ours).completionHasActors ? 'yes' : 'no'}`, compYls / compOurs >= 10 && last(results.get(2000)!.ours).completionHasActors);
  goal('peak memory ≤ half of yaml-ls', `${f1(memory.ours)} vs ${f1(memory.yls)} MiB: ${ratio(memory.ours, memory.yls)}`, memory.ours <= memory.yls / 2);
  goal('lint of 1,000 units within 2× of the bare parse', `${f1(median(lint))} vs ${f1(median(parse))} ms: ${lintRatio.toFixed(2)}×`, lintRatio <= 2);
  goal('.vsix under 1 MB', `${(vsix.bytes / 1024).toFixed(0)} KB`, vsix.bytes < 1024 * 1024);
  goal('activation under 100 ms (code loading + activate call, as VS Code counts it)', `${f1(activationMs)} ms`, activationMs < 100);
  const webActivationMs = median(builds.web.samples.map((a) => a.codeLoadingMs + a.activateCallMs));
  goal('web build: activation under 100 ms (code loading + activate call)', `${f1(webActivationMs)} ms`, webActivationMs < 100);
  md.push('');
  md.push('## Method', '');
  md.push(`- ${RUNS} runs per measurement; the first is a discarded warm-up, so each median and p95 is over ${RUNS - 1} samples (nearest-rank p95: with 6 samples it is the slowest run).`);
  md.push('- Both servers run at once, one process each for the whole benchmark, over stdio; each run opens a fresh URI, measures, and closes it. Times are client-side wall-clock in ms, including JSON-RPC transport.');
  md.push('- **ours** = `dist/server.js --stdio` (language id `workunit`); **yaml-ls** = `yaml-language-server --stdio` (language id `yaml`) with `yaml.schemas: { "<repo>/schemas/workunit.schema.json": "*.workunit.yaml" }`, `validate`, `completion`, `hover` on, schema store off.');
  md.push('- open → diagnostics: `didOpen` until the first `publishDiagnostics` for version 1 (or unversioned). edit → diagnostics: one incremental one-character insert into the first step\'s name until the diagnostics for version 2 (yaml-ls publishes unversioned: the first publish after the edit).');
  md.push('- Completion: at the start of the value of a `performer: reviewer` line in the middle of the unit. Hover: on that `performer` key. Code actions: over the `step-4` block (an AI step without an accountable human — one of our findings), passing each server\'s own diagnostics in that range. Requests are made after the edit, on version 2.');
  md.push(`- yaml-ls validates ${YAML_LS_DEBOUNCE_MS} ms after the last open/change (its hard-coded \`validationDelayMs\`); ours has no debounce. Its diagnostics times include that wait; the extra column subtracts it to show the work itself. The ratio column compares the raw times, as a user would see them.`);
  md.push('- yaml-ls sees a schema-valid document: its diagnostics count is 0 and it offers no code actions; ours reports the unit\'s deliberate findings (one per AI step without an accountable human) and their quick-fixes.');
  md.push('- Ratio = ours ÷ yaml-ls (median); below 1× means ours is faster / smaller.');
  md.push('');

  const sizesHeader = (cols: string) => `| Steps (lines) | ${cols} |`;
  function timingTable(title: string, key: keyof Sample, extra?: (e: SizeResult) => string[], extraCols: string[] = []) {
    md.push(`## ${title}`, '');
    const cols = ['ours median', 'ours p95', 'yaml-ls median', 'yaml-ls p95', 'ratio', ...extraCols];
    md.push(sizesHeader(cols.join(' | ')), `|${' --- |'.repeat(cols.length + 1)}`);
    for (const steps of SIZES) {
      const e = results.get(steps)!;
      const a = e.ours.map((s) => s[key] as number);
      const b = e.yls.map((s) => s[key] as number);
      md.push(`| ${steps} (${e.lines}) | ${f1(median(a))} | ${f1(p95(a))} | ${f1(median(b))} | ${f1(p95(b))} | ${ratio(median(a), median(b))} |${extra ? ' ' + extra(e).join(' | ') + ' |' : ''}`);
    }
    md.push('');
  }
  const undebounced = (e: { yls: Sample[] }, key: keyof Sample) => f1(median(e.yls.map((s) => s[key] as number)) - YAML_LS_DEBOUNCE_MS);
  timingTable('Open → diagnostics (ms)', 'open', (e) => [undebounced(e, 'open'), String(last(e.ours).openDiagnostics), String(last(e.yls).openDiagnostics)], [`yaml-ls median − ${YAML_LS_DEBOUNCE_MS} ms debounce`, 'ours diagnostics', 'yaml-ls diagnostics']);
  timingTable('Edit → diagnostics (ms)', 'edit', (e) => [undebounced(e, 'edit'), f1(median(e.parse)), ratio(median(e.ours.map((x) => x.edit)), median(e.parse))], [`yaml-ls median − ${YAML_LS_DEBOUNCE_MS} ms debounce`, 'bare `yaml` parse median', 'ours ÷ bare parse']);
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
  md.push('| Steps (lines) | median | p95 |', '| --- | --- | --- |');
  for (const steps of SIZES) {
    const e = results.get(steps)!;
    const a = e.ours.map((s) => s.diagram!);
    md.push(`| ${steps} (${e.lines}) | ${f1(median(a))} | ${f1(p95(a))} |`);
  }
  md.push('');

  md.push('## Peak memory (VmHWM of the server process, MiB, after the whole run)', '');
  md.push('| ours | yaml-ls | ratio |', '| --- | --- | --- |');
  md.push(`| ${f1(memory.ours)} | ${f1(memory.yls)} | ${ratio(memory.ours, memory.yls)} |`, '');

  md.push(`## \`workunit lint\` over a catalog of ${CATALOG_UNITS} units vs a bare \`yaml\` parse (ms)`, '');
  md.push(`Generated units of 5–50 steps in 20 value-stream folders, in a temp dir. Both are one fresh node process each, timed wall-clock including node start-up: \`node dist/cli.js lint <dir>\` (catalog rules included; exit status ${lintStatus}) vs \`node -e\` reading every file and calling \`parseDocument\`.`, '');
  md.push('| workunit lint median | lint p95 | bare parse median | parse p95 | ratio |', '| --- | --- | --- | --- | --- |');
  md.push(`| ${f1(median(lint))} | ${f1(p95(lint))} | ${f1(median(parse))} | ${f1(p95(parse))} | ${ratio(median(lint), median(parse))} |`, '');

  md.push('## Extension activation (ms, production build)', '');
  md.push('`bench/activation.cjs` in a fresh Node process per run, with `vscode` replaced by a stub (every API name exists, every call returns a stub), times what VS Code times: code loading = `require` of the extension\'s entry, activate call = the synchronous part of `activate`; VS Code\'s Running Extensions view shows their sum as the activation time. Resolved = until `activate`\'s promise settles: the language client has started the bundled server and finished the LSP handshake.', '');
  md.push('- **desktop** = `main`, `dist/extension.js`: the server is forked as a Node process (`dist/server.js`, IPC).');
  md.push('- **web** = `browser`, `dist/web/extension.js`, as vscode.dev and github.dev load it: the server bundle `dist/web/server.js` runs in a worker thread standing in for the browser\'s Web Worker (same V8, same code, messages through `postMessage`), so the browser\'s fetching of the two files is not included.', '');
  md.push('| build | code loading median | activate call median | loading + call median | loading + call p95 | resolved (server ready) median | extension + server bundles |', '| --- | --- | --- | --- | --- | --- | --- |');
  for (const [which, { samples, bundleBytes }] of Object.entries(builds)) {
    const sum = samples.map((a) => a.codeLoadingMs + a.activateCallMs);
    md.push(`| ${which} | ${f1(median(samples.map((a) => a.codeLoadingMs)))} | ${f1(median(samples.map((a) => a.activateCallMs)))} | ${f1(median(sum))} | ${f1(p95(sum))} | ${f1(median(samples.map((a) => a.activateResolvedMs ?? NaN)))} | ${(bundleBytes / 1024).toFixed(0)} KB |`);
  }
  md.push('');
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

// Catalogs of 10,000 and 100,000 units (issue 20): `workunit lint` against
// the single-thread floor (read + yaml.parseDocument of every file), and the
// editor's workspace scan (the server's memory with a 10,000-unit workspace
// against an empty one; an open document's diagnostics while the scan runs
// against an empty workspace's). Catalogs are generated into a temp dir
// (test/support/catalog.ts: copies of onboarding-review) and deleted after.
//
// Run alone: node --import tsx bench/run.ts --only catalog (after a build);
// it prints its table and leaves bench/RESULTS.md as it is.
// Env: BENCH_CATALOG_RUNS (default 5; at most 3 for 100,000 units) samples of each CLI figure, every one kept
// (no warm-up run: a catalog is read right after it is written, from the page cache).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { SERVER_STATUS_REQUEST, type ServerStatusResult } from '../server/src/protocol';
import { catalogUnitText, writeCatalog } from '../test/support/catalog';
import { TestClient } from '../test/support/lspClient';

const ROOT = resolve(process.cwd());
const RUNS = Number(process.env.BENCH_CATALOG_RUNS ?? 5);
/** The 100,000-unit row takes a minute a sample: at most three. */
const BIG_RUNS = Math.min(RUNS, 3);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`BENCH_CATALOG_RUNS must be a whole number ≥ 1; got ${process.env.BENCH_CATALOG_RUNS}`);
const TIMEOUT_MS = 600_000;
const MiB = 1024 * 1024;

/** Loaded before the measured script (`node --require`): its peak resident set, in kB, on stderr as it exits (worker threads included). */
const PEAK_RSS = `process.on('exit', () => process.stderr.write('\\nPEAK_RSS_KB ' + process.resourceUsage().maxRSS + '\\n'));`;

/** A floor: read and parseDocument every unit file the lint reads (the ignored drafts/ aside), in one thread; `load` binds readdirSync, readFileSync, join and parseDocument. */
const floorScript = (load: string) => `
${load}
let n = 0;
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(d, e.name);
    if (e.isDirectory()) { if (e.name !== 'drafts') walk(p); }
    else if (e.name.endsWith('.workunit.yaml')) { parseDocument(readFileSync(p, 'utf8')); n++; }
  }
})(process.argv[1]);
if (n !== Number(process.argv[2])) { console.error('parsed', n); process.exit(2); }
`;

/** The floor of the issue: the `yaml` package as `require` loads it (its CommonJS build). */
const FLOOR = floorScript(`
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parseDocument } = require(${JSON.stringify(join(ROOT, 'node_modules', 'yaml'))});`);

/**
 * The same floor with yaml's ES module build, the one the product's bundles hold (scripts/build.mjs): the
 * CommonJS build reads an environment variable for every token it parses. Reported beside the floor so
 * that the ratio to the faster parse is on the page too.
 */
const FLOOR_ES = floorScript(`
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from ${JSON.stringify(pathToFileURL(join(ROOT, 'node_modules', 'yaml', 'browser', 'index.js')).href)};`);

export interface ProcessSample {
  ms: number;
  peakMiB: number;
}

export interface CliRow {
  units: number;
  lint: ProcessSample[];
  /** Absent where the floor was not run (100,000 units: only its memory against the 10,000 figure counts). */
  floor?: ProcessSample[];
  /** The floor with yaml's ES module build (FLOOR_ES), where the floor was run. */
  floorEs?: ProcessSample[];
  lintStatus: number | null;
}

export interface ScanResult {
  units: number;
  /** Server RSS once the scan is done and the opened documents closed, after a full collection (MiB). */
  rssMiB: { empty: number; catalog: number };
  /** The heap in use then (MiB). */
  heapMiB: { empty: number; catalog: number };
  /** The server's peak resident set (VmHWM, MiB). */
  peakMiB: { empty: number; catalog: number };
  /** open → diagnostics of a unit (ms): with an empty workspace, and while the scan of the catalog runs. */
  openMs: { empty: number[]; duringScan: number[] };
  /** initialized → the scan's progress ends (ms). */
  scanMs: number;
}

function runMeasured(args: string[]): ProcessSample & { status: number | null } {
  const preload = join(tmpdir(), `workunit-bench-peak-${process.pid}.cjs`);
  writeFileSync(preload, PEAK_RSS);
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * MiB });
  const ms = performance.now() - t;
  rmSync(preload, { force: true });
  const peak = /PEAK_RSS_KB (\d+)/.exec(r.stderr ?? '');
  if (r.status === 2 || r.error || !peak) throw new Error(`${args.join(' ')} failed: ${r.error ?? r.stderr}`);
  return { ms, peakMiB: Number(peak[1]) / 1024, status: r.status };
}

function withCatalog<T>(units: number, f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'workunit-bench-catalog-'));
  try {
    writeCatalog(dir, units);
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `workunit lint DIR --format json` (output discarded) and, unless `floor` is false, the floor; `runs` samples of each, alternating. */
export function measureCli(units: number, floor = true, runs = RUNS): CliRow {
  return withCatalog(units, (dir) => {
    const row: CliRow = { units, lint: [], lintStatus: null, ...(floor ? { floor: [], floorEs: [] } : {}) };
    for (let run = 0; run < runs; run++) {
      const l = runMeasured([join(ROOT, 'dist', 'cli.js'), 'lint', dir, '--format', 'json']);
      row.lintStatus = l.status;
      row.lint.push(l);
      if (floor) {
        row.floor!.push(runMeasured(['-e', FLOOR, dir, String(units)]));
        row.floorEs!.push(runMeasured(['--input-type=module', '-e', FLOOR_ES, dir, String(units)]));
      }
      const fl = (xs: ProcessSample[] | undefined, name: string) => (xs ? `; ${name} ${xs.at(-1)!.ms.toFixed(0)} ms, ${xs.at(-1)!.peakMiB.toFixed(1)} MiB` : '');
      console.log(`catalog of ${units}: lint ${l.ms.toFixed(0)} ms, ${l.peakMiB.toFixed(1)} MiB${fl(row.floor, 'floor')}${fl(row.floorEs, 'floor (ES build)')}`);
    }
    return row;
  });
}

const statusOf = (client: TestClient) => client.connection.sendRequest(SERVER_STATUS_REQUEST) as Promise<ServerStatusResult>;

function peakMiB(pid: number): number {
  return Number(/VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

/**
 * One server on `dir` as its workspace folder: documents opened one after
 * another (each until its first diagnostics, then closed) from the scan's
 * first progress report until it ends — at least `minOpens` —; then its
 * memory, after a full collection.
 */
async function scanRun(dir: string, minOpens: number): Promise<{ openMs: number[]; rssMiB: number; heapMiB: number; peakMiB: number; scanMs: number }> {
  const client = new TestClient(['--stdio'], ['--expose-gc']);
  try {
    const t0 = performance.now();
    await client.initialize(dir, { workDoneProgress: true });
    const ended = client.progressEnded(TIMEOUT_MS).then(() => performance.now() - t0);
    let done = false;
    void ended.then(() => (done = true));
    await client.nextProgress((p) => p.value.kind === 'report' || p.value.kind === 'end', TIMEOUT_MS);
    const openMs: number[] = [];
    mkdirSync(join(dir, 'opened'), { recursive: true });
    for (let i = 0; !done || openMs.length < minOpens; i++) {
      const uri = pathToFileURL(join(dir, 'opened', `opened-${i}.workunit.yaml`)).href;
      const t = performance.now();
      await client.open(uri, catalogUnitText(1_000_000 + i));
      openMs.push(performance.now() - t);
      await client.close(uri);
    }
    const scanMs = await ended;
    const status = await statusOf(client);
    if (!status.collected) throw new Error('the scan server should run with --expose-gc');
    return { openMs, rssMiB: status.rssBytes / MiB, heapMiB: status.heapUsedBytes / MiB, peakMiB: peakMiB(client.child.pid!), scanMs };
  } finally {
    await client.shutdown();
  }
}

export async function measureScan(units: number): Promise<ScanResult> {
  const dir = mkdtempSync(join(tmpdir(), 'workunit-bench-scan-'));
  const empty = mkdtempSync(join(tmpdir(), 'workunit-bench-empty-'));
  try {
    writeCatalog(dir, units);
    const withCatalog = await scanRun(dir, 5);
    const without = await scanRun(empty, withCatalog.openMs.length);
    const r: ScanResult = {
      units,
      rssMiB: { empty: without.rssMiB, catalog: withCatalog.rssMiB },
      heapMiB: { empty: without.heapMiB, catalog: withCatalog.heapMiB },
      peakMiB: { empty: without.peakMiB, catalog: withCatalog.peakMiB },
      openMs: { empty: without.openMs, duringScan: withCatalog.openMs },
      scanMs: withCatalog.scanMs,
    };
    console.log(`scan of ${units}: ${r.scanMs.toFixed(0)} ms; RSS ${r.rssMiB.catalog.toFixed(1)} vs empty ${r.rssMiB.empty.toFixed(1)} MiB, heap ${r.heapMiB.catalog.toFixed(1)} vs ${r.heapMiB.empty.toFixed(1)} MiB; open → diagnostics during the scan ${median(r.openMs.duringScan).toFixed(1)} ms vs ${median(r.openMs.empty).toFixed(1)} ms`);
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
function median(xs: number[]): number {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const stat = (xs: number[]) => (xs.length === 0 ? '–' : `${f1(median(xs))} (${f1(Math.min(...xs))}–${f1(Math.max(...xs))})`);
const ms = (xs: ProcessSample[]) => xs.map((x) => x.ms);
const peaks = (xs: ProcessSample[]) => xs.map((x) => x.peakMiB);

export interface CatalogBench {
  cli: CliRow[];
  scan: ScanResult;
}

export async function measureCatalogs(): Promise<CatalogBench> {
  const cli = [measureCli(10_000), measureCli(100_000, false, BIG_RUNS)];
  return { cli, scan: await measureScan(10_000) };
}

/** The goals of issue 20 against these figures: [goal, measured, met]. */
export function catalogGoals(b: CatalogBench): [string, string, boolean][] {
  const [ten, hundred] = b.cli;
  const time = median(ms(ten.lint)) / median(ms(ten.floor!));
  const memory = median(peaks(ten.lint)) / median(peaks(ten.floor!));
  const growth = median(peaks(hundred.lint)) / median(peaks(ten.lint));
  return [
    ['lint of 10,000 units: time ≤ 1.0× the single-thread floor', `${f1(median(ms(ten.lint)))} vs ${f1(median(ms(ten.floor!)))} ms: ${time.toFixed(2)}×`, time <= 1],
    ['lint of 10,000 units: peak RSS ≤ 2× the floor\'s', `${f1(median(peaks(ten.lint)))} vs ${f1(median(peaks(ten.floor!)))} MiB: ${memory.toFixed(2)}×`, memory <= 2],
    ['lint of 100,000 units: peak RSS within 1.2× of the 10,000-unit figure', `${f1(median(peaks(hundred.lint)))} vs ${f1(median(peaks(ten.lint)))} MiB: ${growth.toFixed(2)}×`, growth <= 1.2],
  ];
}

export function catalogMarkdown(b: CatalogBench): string[] {
  const md: string[] = [];
  md.push('## Catalogs of 10,000 and 100,000 units (issue 20)', '');
  md.push(`Generated catalogs of copies of onboarding-review (\`test/support/catalog.ts\`: ten units per value-stream folder, duplicate ids, an oversized value stream, a few files that are not YAML), in a temp dir. One fresh node process per sample, wall-clock including start-up; peak RSS is the process's \`maxRSS\` (worker threads included). Samples per row: ${b.cli.map((r) => `${r.lint.length} (${r.units.toLocaleString('en')})`).join(', ')} (\`BENCH_CATALOG_RUNS\`), lint and floor alternating; median (min–max). **lint** = \`node dist/cli.js lint <dir> --format json\` (catalog rules included); **floor** = one thread reading every unit file and calling \`yaml.parseDocument\` (the \`yaml\` package as \`require\` loads it: its CommonJS build); **floor, ES build** = the same with the package's ES module build, which the product's bundles hold (\`scripts/build.mjs\`: the CommonJS build reads an environment variable for every token it parses).`, '');
  md.push('| units | lint (ms) | floor (ms) | time ratio | floor, ES build (ms) | time ratio to it | lint peak RSS (MiB) | floor peak RSS (MiB) | memory ratio | lint exit |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const ratio = (a: number[], b: number[]) => (b.length ? `${(median(a) / median(b)).toFixed(2)}×` : '–');
  for (const r of b.cli) {
    const floor = r.floor ?? [];
    const floorEs = r.floorEs ?? [];
    md.push(`| ${r.units.toLocaleString('en')} | ${stat(ms(r.lint))} | ${stat(ms(floor))} | ${ratio(ms(r.lint), ms(floor))} | ${stat(ms(floorEs))} | ${ratio(ms(r.lint), ms(floorEs))} | ${stat(peaks(r.lint))} | ${stat(peaks(floor))} | ${ratio(peaks(r.lint), peaks(floor))} | ${r.lintStatus} |`);
  }
  md.push('');
  const s = b.scan;
  const perUnit = ((s.rssMiB.catalog - s.rssMiB.empty) * MiB) / s.units;
  md.push(`### The editor's workspace scan of ${s.units.toLocaleString('en')} units`, '');
  md.push(`\`dist/server.js --stdio --expose-gc\` with the catalog as its workspace folder, against an empty folder. RSS after the scan, with the opened documents closed, right after a full collection (\`workunit/serverStatus\`); peak = VmHWM. open → diagnostics: units opened one after another (each closed after its first diagnostics) from the scan's first progress report until it ended, and as many with the empty workspace.`, '');
  md.push('| | empty workspace | 10,000 units | difference |', '| --- | --- | --- | --- |');
  md.push(`| RSS after the scan (MiB) | ${f1(s.rssMiB.empty)} | ${f1(s.rssMiB.catalog)} | ${f1(s.rssMiB.catalog - s.rssMiB.empty)} MiB: ${(perUnit / 1024).toFixed(2)} KiB per unit |`);
  md.push(`| heap in use after the scan (MiB) | ${f1(s.heapMiB.empty)} | ${f1(s.heapMiB.catalog)} | ${f1(s.heapMiB.catalog - s.heapMiB.empty)} MiB: ${(((s.heapMiB.catalog - s.heapMiB.empty) * MiB) / s.units / 1024).toFixed(2)} KiB per unit |`);
  md.push(`| peak RSS (MiB) | ${f1(s.peakMiB.empty)} | ${f1(s.peakMiB.catalog)} | ${(s.peakMiB.catalog / s.peakMiB.empty).toFixed(2)}× |`);
  md.push(`| open → diagnostics (ms; ${s.openMs.duringScan.length} documents during the scan) | ${stat(s.openMs.empty)} | ${stat(s.openMs.duringScan)} | ${(median(s.openMs.duringScan) / median(s.openMs.empty)).toFixed(2)}× |`);
  md.push(`| scan: initialized → progress ends (ms) | – | ${f1(s.scanMs)} | |`, '');
  return md;
}

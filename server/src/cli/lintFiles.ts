/**
 * A `workunit lint` run over any number of files, in memory that does not
 * grow with them (issue 20): each file is read, checked and reported as it
 * comes (cli/lintFile.ts; in worker threads too: cli/lintPool.ts), its part of the output set aside (cli/spill.ts),
 * and only its catalog keys kept (core/catalog/keyTable.ts). When every file
 * is checked, the catalog rules run over the keys; the few files they find
 * something in are checked again with those findings, and the output is
 * written in file order — the same output, byte for byte, as checking the
 * whole catalog at once (test/cli/bigCatalog.test.ts).
 */
import { dirname, resolve } from 'node:path';
import { CatalogKeyTable } from '../core/catalog/keyTable';
import type { SeverityCounts } from '../core/catalog/report';
import { uriOfPath } from '../host/node/fileSystem';
import { cliConfigLookup } from './configs';
import type { Writer } from './analyzeFiles';
import { checkPaths, unitFiles } from './files';
import type { FileJob, FileResult, LintSettings } from './lintFile';
import type { RuleLevels } from '../core/config/levels';
import { documentFrame, ListWriter } from './lintReport';
import { LintPool, WORKER_MIN_FILES, type RelintJob } from './lintPool';
import { PathList } from '../core/packed';
import { Spill } from './spill';

export interface LintRun {
  files: number;
  counts: SeverityCounts;
}

/**
 * Up to this many files, the workers of the check, warm, stay for the
 * catalog rules and check the files those name again with the main thread
 * (10,000 units name 261: the run 0.08–0.15 s shorter than with the main
 * thread alone, two runs each). A longer run stops them first: by its end a
 * worker's heap is near its bound (cli/lintPool.ts), and the main thread
 * holds the most it holds — the names and keys of every file; with 100,000
 * units, keeping the worker (bound at 48 MB then) took the run's peak from
 * 168–174 MiB to 175–193 MiB (three runs each, alternating).
 */
const KEEP_WORKERS_UP_TO = 20_000;

/** Past KEEP_WORKERS_UP_TO, new workers check the files the catalog rules name when they are at least one in this many of the run. */
const RELINT_SHARE = 4;

/** What the output streams want: big writes, not one per line. */
const OUT_CHUNK = 64 * 1024;

export async function lintFiles(paths: string[], s: LintSettings, out: Writer, err: Writer): Promise<LintRun> {
  const note = (m: string) => err.write(`workunit: ${m}\n`);
  const configs = cliConfigLookup(note);
  const checked = checkPaths(paths);
  const sawFolder = checked.some((p) => p.folder);
  const settings: LintSettings = { ...s, catalog: sawFolder };
  // A folder may hold a catalog: the workers load while its first files are found.
  const started = sawFolder ? LintPool.start(settings) : LintPool.none(settings);
  const walk = unitFiles(checked, configs, note);
  const firstFound: string[] = [];
  try {
    for (let r = await walk.next(); !r.done; r = await walk.next()) if (firstFound.push(r.value) > WORKER_MIN_FILES) break;
  } catch (e) {
    await started.close();
    throw e;
  }
  // So few files do not pay for a worker's start-up.
  let pool = await started.keepIf(firstFound.length > WORKER_MIN_FILES);

  // Each file as the walk finds it: numbered, its name kept (packed), and the levels of the config
  // governing its folder looked up once per folder as the walk enters it (the lookup keeps
  // recently asked folders only: core/config/configLookup.ts).
  const files = new PathList();
  let lastFolder: { folder: string; rules: RuleLevels } | undefined;
  const jobOf = (index: number, path = files.get(index)): FileJob | Promise<FileJob> => {
    const folder = dirname(path);
    if (lastFolder?.folder === folder) return { index, path, rules: lastFolder.rules };
    return configs.forFile(uriOfPath(resolve(path))).then(({ config }) => {
      lastFolder = { folder, rules: config.rules };
      return { index, path, rules: config.rules };
    });
  };
  let fromFirst = 0;
  const nextJob = async (): Promise<FileJob | undefined> => {
    const path = fromFirst < firstFound.length ? firstFound[fromFirst++] : (await walk.next()).value;
    if (path === undefined) return undefined;
    files.push(path);
    return jobOf(files.size - 1, path);
  };

  const frame = documentFrame(settings.report);
  const spill = new Spill(frame.lists.length);
  const keys = sawFolder ? new CatalogKeyTable((n) => files.get(n)) : undefined;
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  // What --fix changed goes with the report in text; beside a JSON or SARIF report, to stderr.
  const fixLog = settings.report.format === 'text' ? out : err;
  const take = (r: FileResult) => {
    if (r.log) fixLog.write(r.log);
    if (r.warning) err.write(r.warning);
    spill.add(r.lists);
    addCounts(counts, r.counts);
    keys?.add(r.keys);
  };
  try {
    await pool.check(nextJob, take);
    const keepWorkers = files.size <= KEEP_WORKERS_UP_TO;
    if (!keepWorkers) await pool.close();

    // The catalog rules, over the keys; the files they name, again with their findings.
    const again: RelintJob[] = [];
    for (const [index, catalogRaw] of keys?.findings() ?? []) again.push({ job: await jobOf(index), catalogRaw });
    const redone = new Map<number, string[]>();
    if (!keepWorkers) {
      // New workers check them when they are a large share of the run (a second pass, nearly).
      pool = files.size > WORKER_MIN_FILES && again.length * RELINT_SHARE >= files.size ? LintPool.start(settings) : LintPool.none(settings);
    }
    await pool.relint(again, ({ before, after }) => {
      for (const k of Object.keys(before) as (keyof SeverityCounts)[]) counts[k] -= before[k];
      addCounts(counts, after.counts);
      redone.set(after.index, after.lists);
    });
    await pool.close();

    const w = new BufferedWriter(out);
    w.write(frame.head);
    frame.lists.forEach(({ depth }, k) => {
      const list = new ListWriter(depth, (x) => w.write(x));
      let index = 0;
      for (const part of spill.read(k)) list.part(redone.get(index++)?.[k] ?? part);
      list.end();
      if (k < frame.between.length) w.write(frame.between[k]);
    });
    w.write(frame.tail({ files: files.size, counts }));
    w.flush();
  } finally {
    spill.dispose();
    await pool.close();
  }
  return { files: files.size, counts };
}

function addCounts(into: SeverityCounts, add: SeverityCounts): void {
  for (const k of Object.keys(add) as (keyof SeverityCounts)[]) into[k] += add[k];
}

class BufferedWriter {
  private buf = '';

  constructor(private readonly out: Writer) {}

  write(s: string): void {
    this.buf += s;
    if (this.buf.length >= OUT_CHUNK) this.flush();
  }

  flush(): void {
    if (this.buf !== '') this.out.write(this.buf);
    this.buf = '';
  }
}

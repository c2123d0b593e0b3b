// Bundles the extension client, the language server, the CLI and the preview's webview script with esbuild,
// and the web extension's client and server (scripts/webBundles.mjs).
// Type-checking is separate (`npm run typecheck`), as rust-analyzer does it.
import { build } from 'esbuild';
import { webBundles } from './webBundles.mjs';

const production = process.argv.includes('--production');
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // Test seams (replaceFile's beforeRename) are compiled out of every bundle; test/unit/bundles.test.ts checks.
  // papaparse (the CSV log reader) can also fetch a remote file (`download: true`), which we never ask of it: its
  // XMLHttpRequest is compiled to `undefined`, so no bundle holds a networking API (test/unit/noNetwork.test.ts).
  define: { WORKUNIT_TEST_SEAMS: 'false', XMLHttpRequest: 'undefined' },
  // yaml's ES module build, the one the web bundles get, for Node too: the CommonJS build Node would load reads
  // `process.env.LOG_TOKENS` for every token it parses (and `LOG_STREAM` per document) — a lookup in the
  // process's environment each time. The same version, bundled from its ES modules, parses the sample catalog in
  // 0.76x the time (three in-process runs, interleaved). The two builds differ only there and in reading a
  // YAML 1.1 `!!binary` value (a Uint8Array from atob instead of a Buffer; no unit holds one).
  alias: { yaml: './node_modules/yaml/browser/index.js' },
};

const e2e = process.argv.includes('--e2e');
const webTest = process.argv.includes('--web-test');
// `--outdir=DIR`: write the bundles elsewhere (the benchmark measures a production build without touching dist/).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

await Promise.all([
  build({ ...shared, entryPoints: ['client/src/extension.ts'], outfile: `${outdir}/extension.js`, external: ['vscode'] }),
  build({ ...shared, entryPoints: ['server/src/main.ts'], outfile: `${outdir}/server.js` }),
  // The Node server's workspace-scan worker (node:worker_threads), found beside server.js.
  build({ ...shared, entryPoints: ['server/src/host/node/scanWorker.ts'], outfile: `${outdir}/scanWorker.js` }),
  // The worker thread that reads and measures a unit's log (host/node/measurer.ts starts it beside server.js).
  build({ ...shared, entryPoints: ['server/src/host/node/measureWorker.ts'], outfile: `${outdir}/measureWorker.js` }),
  build({ ...shared, entryPoints: ['server/src/cli/main.ts'], outfile: `${outdir}/cli.js` }),
  // The CLI's lint workers (node:worker_threads), found beside cli.js.
  build({ ...shared, entryPoints: ['server/src/cli/lintWorker.ts'], outfile: `${outdir}/lintWorker.js` }),
  // The boundary preview's page script: runs in the webview, not in Node.
  build({ ...shared, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/src/preview/webview/main.ts'], outfile: `${outdir}/webview.js` }),
  ...webBundles({ outdir, production }).map((options) => build(options)),
  // The in-editor suite: mocha stays a package the extension host requires from node_modules.
  e2e && build({ ...shared, entryPoints: ['test/e2e/index.ts'], outfile: 'out/test/e2e/index.js', external: ['vscode', 'mocha'] }),
  // The same suites for the web-worker extension host (test/web/): mocha bundled (its browser build), Node's
  // assert replaced by a small one; the code-server screen runner's Node modules are required lazily, never there.
  webTest &&
    build({
      ...webBundles({ outdir }).find((o) => o.format === 'cjs'),
      entryPoints: ['test/web/suite/index.ts'],
      outfile: `${outdir}/web/test/suite/index.js`,
      alias: { 'node:assert/strict': './test/web/assert.ts' },
      external: ['vscode', 'node:fs', 'node:path'],
    }),
]);

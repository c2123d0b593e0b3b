// Measures the extension's activation the way VS Code times it
// (ExtensionActivationTimes: codeLoadingTime = requiring the main module,
// activateCallTime = the synchronous part of `activate`, activateResolvedTime
// = until its promise settles), in a fresh Node process, with `vscode`
// replaced by a stub: every API name of @types/vscode exists, every call
// returns another stub. The language client still forks the real bundled
// server over IPC and completes the LSP handshake, so "resolved" includes the
// server's start. Prints one JSON line.
//
// With --web, the web build instead (`browser`: dist/web/extension.js), its
// server in a worker thread standing in for the browser's Web Worker (the
// same bundle, dist/web/server.js, talking through `self.postMessage`): the
// same V8 and the same code as in vscode.dev's worker extension host, minus
// the browser's fetching of the files.
//
// Usage: node bench/activation.cjs <extension root holding dist/> [--web]
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { readFileSync } = require('node:fs');

const root = path.resolve(process.argv[2] ?? '.');
const web = process.argv.includes('--web');
if (web) globalThis.Worker = nodeWorkerStandIn(path.join(root, 'dist', 'web', 'server.js'));

/** A stub; the result of a call is also a promise of undefined (`showWarningMessage(…).then(…)`). */
function stub(name, thenable = false) {
  const fn = function () {
    return stub(`${name}()`, true);
  };
  return new Proxy(fn, {
    get(target, key) {
      if (key === 'then') return thenable ? (resolve) => resolve(undefined) : undefined;
      if (key === 'version') return '1.139.1'; // vscode-languageclient checks the host's version
      if (key === Symbol.toPrimitive) return () => name;
      if (key === Symbol.iterator) return function* () {};
      if (key === 'length') return 0; // an empty list, where one is read
      if (key === 'prototype' || key === 'name') return target[key];
      if (!Object.prototype.hasOwnProperty.call(target, key)) target[key] = stub(`${name}.${String(key)}`);
      return target[key];
    },
    construct() {
      return stub(`new ${name}`);
    },
  });
}

const vscode = stub('vscode');
// esbuild's ES-module interop copies the module's own property names: give the stub every exported name.
const dts = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
for (const m of dts.matchAll(/^\texport (?:class|enum|namespace|const|function|let) (\w+)/gm)) void vscode[m[1]];
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: stub('extensionUri'),
  asAbsolutePath: (p) => path.join(root, p),
  globalState: stub('globalState'),
  workspaceState: stub('workspaceState'),
};

const t0 = performance.now();
const extension = require(path.join(root, 'dist', web ? 'web/extension.js' : 'extension.js'));
const t1 = performance.now();
const activation = extension.activate(context);
const t2 = performance.now();
Promise.resolve(activation).then(
  () => finish(performance.now() - t1),
  (e) => finish(undefined, e),
);

function finish(resolvedMs, error) {
  console.log(JSON.stringify({ codeLoadingMs: t1 - t0, activateCallMs: t2 - t1, activateResolvedMs: resolvedMs, error: error ? String(error.message ?? error) : undefined }));
  // Exit without disposing: the forked server sees its parent go and exits too.
  process.exit(0);
}

/**
 * A `Worker` class for the web client, backed by a worker thread that runs
 * the web server bundle with the worker globals it uses (`self`,
 * `postMessage`, `onmessage`, `addEventListener`). The URL the client passes
 * comes from the stubbed `vscode.Uri`: the bundle's path is fixed here.
 */
function nodeWorkerStandIn(serverBundle) {
  const { Worker: ThreadWorker } = require('node:worker_threads');
  const bootstrap = `
    const { parentPort, workerData } = require('node:worker_threads');
    const events = new EventTarget();
    globalThis.self = globalThis;
    globalThis.postMessage = (data) => parentPort.postMessage(data);
    globalThis.addEventListener = events.addEventListener.bind(events);
    globalThis.removeEventListener = events.removeEventListener.bind(events);
    parentPort.on('message', (data) => globalThis.onmessage && globalThis.onmessage({ data }));
    require(workerData);
  `;
  return class extends EventTarget {
    constructor() {
      super();
      this.onmessage = null;
      this.thread = new ThreadWorker(bootstrap, { eval: true, workerData: serverBundle });
      this.thread.on('message', (data) => this.onmessage && this.onmessage({ data }));
      this.thread.on('error', (error) => this.dispatchEvent(Object.assign(new Event('error'), { error })));
    }
    postMessage(data) {
      // Through JSON, as over the desktop's IPC: the stubbed API puts functions where real values would be.
      this.thread.postMessage(JSON.parse(JSON.stringify(data)));
    }
    terminate() {
      void this.thread.terminate();
    }
  };
}

/**
 * The production web bundles (the client for the web-worker extension host,
 * the server for its own worker) import no Node built-in: a worker has none,
 * and one `require('fs')` would fail only when that code runs, in
 * vscode.dev. Reads esbuild's metafile of the same build `npm run package`
 * ships (scripts/webBundles.mjs), written nowhere.
 */
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { describe, it } from 'node:test';
import { build, type Metafile } from 'esbuild';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { webBundles } from '../../scripts/webBundles.mjs';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('the production web bundles', () => {
  for (const options of webBundles({ production: true }) as Parameters<typeof build>[0][]) {
    it(`${options.outfile}: no Node built-in among the imports of any input or output`, async () => {
      const result = await build({ ...options, write: false, metafile: true, logLevel: 'silent' });
      const metafile = result.metafile as Metafile;
      const inputs = Object.keys(metafile.inputs);
      assert.ok(inputs.some((i) => i.startsWith('server/src/core/')), 'the bundle holds the shared core');
      const builtins: string[] = [];
      for (const [file, input] of Object.entries(metafile.inputs)) {
        for (const imp of input.imports) if (BUILTINS.has(imp.path)) builtins.push(`${file} imports ${imp.path}`);
      }
      for (const [file, output] of Object.entries(metafile.outputs)) {
        for (const imp of output.imports) if (imp.external && imp.path !== 'vscode') builtins.push(`${file} leaves ${imp.path} external`);
      }
      assert.deepEqual(builtins, []);
      // Nor the Node halves of the language libraries (they would import built-ins at run time).
      assert.deepEqual(inputs.filter((i) => /vscode-language(server|client)\/lib\/node\/|vscode-jsonrpc\/lib\/node\//.test(i)), []);
    });
  }
});

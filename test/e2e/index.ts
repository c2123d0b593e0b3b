/**
 * The in-editor suite's entry point: VS Code (Electron through
 * @vscode/test-electron, or code-server in a browser) loads this file in the
 * extension host and calls `run()`.
 */
import Mocha from 'mocha';
import { registerAuthoringTests } from './authoring.e2e';
import { registerCatalogTests } from './catalog.e2e';
import { registerDiagnosticsTests } from './diagnostics.e2e';
import { registerPreviewTests } from './preview.e2e';
import { registerRecoveryTests } from './recovery.e2e';
import { restoreWorkspace, snapshotWorkspace } from './util';

export function run(): Promise<void> {
  // Timeouts here are hang guards, not speed checks: a cold CI machine with both cores busy took over a
  // minute for one test that takes seconds when quiet.
  const mocha = new Mocha({ ui: 'bdd', timeout: 180000, color: false, reporter: 'spec' });
  // Define describe/it on the global object, as the mocha CLI would, then register the suites.
  mocha.suite.emit('pre-require', globalThis, 'e2e', mocha);
  // Root hooks: every test starts from the workspace as the suite found it, whatever the test before it did.
  before(snapshotWorkspace);
  afterEach(restoreWorkspace);
  registerDiagnosticsTests();
  registerAuthoringTests();
  registerPreviewTests();
  registerCatalogTests();
  // Last: it kills the language server the suites above use.
  registerRecoveryTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-editor test(s) failed`)) : resolve()));
  });
}

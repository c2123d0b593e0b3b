/**
 * The in-editor suite in VS Code for the web: `@vscode/test-web` loads this
 * bundle (dist/web/test/suite/index.js) in the web-worker extension host and
 * calls `run()`. The suites are the desktop's (test/e2e/), less what needs a
 * Node host (killing the server process, the code-server screen runner),
 * plus the checks that this really is the worker host and the worker server.
 */
import 'mocha/mocha';
import { registerAuthoringTests } from '../../e2e/authoring.e2e';
import { registerCatalogTests } from '../../e2e/catalog.e2e';
import { registerDiagnosticsTests } from '../../e2e/diagnostics.e2e';
import { restoreWorkspace, snapshotWorkspace } from '../../e2e/util';
import { registerWebHostTests } from './webHost.test';
import { registerWebPreviewTests } from './preview.test';

/** The browser build of mocha 11 defines this global (see ../shared/notes/vscode-web.md). */
declare const mocha: {
  setup(options: { ui: 'bdd'; reporter: string; timeout: number; color: boolean; grep?: RegExp; invert?: boolean }): void;
  run(done: (failures: number) => void): void;
};

/** Tests of the shared suites that need what the web has not: the colours come from the code-server runner's screen. */
const NOT_ON_THE_WEB = /the grammar colours/;

export function run(): Promise<void> {
  // `spec`: mocha's browser default is its HTML reporter, and a worker has no document. The timeout is a hang
  // guard sized for a loaded machine, as on the desktop.
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 180000, color: false, grep: NOT_ON_THE_WEB, invert: true });
  // As on the desktop: every test starts from the workspace as the suite found it.
  before(snapshotWorkspace);
  afterEach(restoreWorkspace);
  registerWebHostTests();
  registerDiagnosticsTests();
  registerAuthoringTests();
  registerWebPreviewTests();
  registerCatalogTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} web test(s) failed`)) : resolve()));
  });
}

/** The crash-recovery policy: when the client restarts the server, and what the user is told (once). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_CRASHES, RESTART_ACTION, RESTARTED_MESSAGE, ServerRecovery, SHOW_LOG_ACTION, STOPPED_MESSAGE, WINDOW_MS, type RecoveryHost } from '../../client/src/serverRecovery';

// The values of vscode-languageclient's enums (the library itself needs `vscode`, so they are injected).
const ErrorAction = { Continue: 1, Shutdown: 2 } as unknown as RecoveryHost['ErrorAction'];
const CloseAction = { DoNotRestart: 1, Restart: 2 } as unknown as RecoveryHost['CloseAction'];

function setup(pick?: string) {
  let clock = 1_000_000;
  const shown: string[] = [];
  const calls: string[] = [];
  const policy = new ServerRecovery({
    ErrorAction,
    CloseAction,
    notify: (kind, message, actions) => {
      shown.push(`${kind}: ${message} [${actions.join(', ')}]`);
      return Promise.resolve(pick);
    },
    restart: () => calls.push('restart'),
    showLog: () => calls.push('showLog'),
    now: () => clock,
  });
  /** A crash the library reports: `closed()`, then (if it restarts) the new server running. */
  const crash = (afterMs = 1000) => {
    clock += afterMs;
    const r = policy.closed();
    if (r.action === CloseAction.Restart) policy.serverRunning();
    return r;
  };
  return { policy, shown, calls, crash, advance: (ms: number) => (clock += ms) };
}

describe('server crash recovery', () => {
  it('one crash: restart, one notice once the new server runs, the crash in the log, and no popup of the library', () => {
    const { policy, shown } = setup();
    policy.serverRunning(); // the first start says nothing
    assert.deepEqual(shown, []);
    policy.serverExited(4242, null, 'SIGKILL');
    const r = policy.closed();
    assert.equal(r.action, CloseAction.Restart);
    assert.equal(r.handled, true, 'handled, or the library shows its own message as well');
    assert.match(r.message ?? '', /exited unexpectedly \(pid 4242, signal SIGKILL\): restarting it \(crash 1 /);
    assert.deepEqual(shown, [], 'told when the new server is running, not before');
    policy.serverRunning();
    assert.deepEqual(shown, [`warning: ${RESTARTED_MESSAGE} [${SHOW_LOG_ACTION}]`]);
    policy.serverRunning(); // a later state change does not repeat it
    assert.deepEqual(shown.length, 1);
    assert.deepEqual(policy.notices.map((n) => n.kind), ['restarted']);
  });

  it('errors on a running connection are logged, never shown, and never shut the server down', () => {
    const { policy, shown } = setup();
    policy.serverRunning();
    for (let count = 1; count <= 10; count++) {
      const r = policy.error(new Error('channel closed'), undefined, count);
      assert.equal(r.action, ErrorAction.Continue);
      assert.equal(r.handled, true);
      assert.match(r.message ?? '', /channel closed/);
    }
    assert.deepEqual(shown, []);
    assert.deepEqual(policy.notices, []);
  });

  it('crashes while the restart is under way fold into one notice', () => {
    const { policy, shown, advance } = setup();
    policy.serverRunning();
    advance(1000);
    assert.equal(policy.closed().action, CloseAction.Restart);
    advance(100);
    assert.equal(policy.closed().action, CloseAction.Restart); // died again before it was running
    policy.serverRunning();
    assert.equal(shown.length, 1);
    assert.equal(policy.crashCount, 2);
  });

  it(`${MAX_CRASHES} crashes within ${WINDOW_MS / 60000} minutes: stop restarting, one final message with a Restart action`, async () => {
    const { policy, shown, calls, crash } = setup(RESTART_ACTION);
    policy.serverRunning();
    for (let i = 1; i < MAX_CRASHES; i++) assert.equal(crash(10_000).action, CloseAction.Restart, `crash ${i}`);
    const last = crash(10_000);
    assert.equal(last.action, CloseAction.DoNotRestart);
    assert.equal(last.handled, true, 'handled, or the library pops up its own "will not be restarted" as well');
    assert.match(last.message ?? '', new RegExp(`crash ${MAX_CRASHES} within 3 minutes, so it will not be restarted`));
    assert.deepEqual(policy.notices.map((n) => n.kind), [...Array(MAX_CRASHES - 1).fill('restarted'), 'stopped']);
    assert.equal(shown.at(-1), `error: ${STOPPED_MESSAGE} [${RESTART_ACTION}, ${SHOW_LOG_ACTION}]`);
    assert.equal(shown.filter((s) => s.startsWith('error:')).length, 1);
    await new Promise((r) => setImmediate(r)); // the picked action arrives asynchronously
    assert.ok(calls.includes('restart'), 'the Restart action restarts the server');
  });

  it('a crash at the limit while a restart notice is pending gives only the final message', () => {
    const { policy, shown, advance } = setup();
    policy.serverRunning();
    for (let i = 1; i <= MAX_CRASHES; i++) {
      advance(100);
      policy.closed(); // never running in between
    }
    assert.deepEqual(policy.notices.map((n) => n.kind), ['stopped']);
    policy.serverRunning();
    assert.equal(shown.length, 1);
  });

  it('crashes spread over time keep being restarted', () => {
    const { policy, crash } = setup();
    policy.serverRunning();
    for (let i = 0; i < MAX_CRASHES * 4; i++) assert.equal(crash(WINDOW_MS / (MAX_CRASHES - 1)).action, CloseAction.Restart, `crash ${i + 1}`);
    assert.ok(policy.crashCount < MAX_CRASHES);
    assert.ok(policy.notices.every((n) => n.kind === 'restarted'));
  });

  it('a restart the user asks for starts the count over', () => {
    const { policy, crash } = setup();
    policy.serverRunning();
    for (let i = 1; i < MAX_CRASHES; i++) crash();
    policy.manualRestart();
    assert.equal(policy.crashCount, 0);
    assert.equal(crash().action, CloseAction.Restart);
  });

  it('a stop the extension asked for (deactivate, manual restart) says nothing and does not restart', () => {
    const { policy, shown } = setup();
    policy.serverRunning();
    policy.stopping();
    const r = policy.closed();
    assert.equal(r.action, CloseAction.DoNotRestart);
    assert.equal(r.handled, true);
    assert.deepEqual(shown, []);
    assert.equal(policy.crashCount, 0);
    // Once running again, a crash is a crash.
    policy.serverRunning();
    assert.equal(policy.closed().action, CloseAction.Restart);
  });
});

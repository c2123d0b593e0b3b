/**
 * What happens when the language server process dies: the client's
 * `ErrorHandler` (vscode-languageclient calls `error()` when the connection
 * errs and `closed()` when it closes). No `vscode` import — the editor side
 * (notifications, the enums' values) is injected — so the decisions are
 * unit-tested without an editor.
 *
 * The policy, and what "says so once" means here:
 * - An unexpected exit restarts the server, and the user is told once per
 *   crash, with one notice, when the new server is running (so the notice is
 *   true when it is read). Crashes that happen while that restart is still
 *   under way fold into the same notice. Nothing is shown per document or per
 *   failed request (the library returns defaults for requests the dead server
 *   never answered).
 * - `MAX_CRASHES` crashes within `WINDOW_MS` stop the restarting: one final
 *   message says so, with a "Restart Server" action, and replaces any notice
 *   still pending. A restart the user asks for (the action or the
 *   `workunit.restartServer` command) clears the count.
 * - Errors on a live connection are logged, never shown, and never shut the
 *   server down: over IPC a failed write means the channel is closing, and the
 *   close is what decides. (The library's default shuts down after three and
 *   pops up "connection to server is erroring", which would race the restart.)
 * - A stop the extension asked for (deactivate, a manual restart) says nothing.
 * - Every decision is written to the output channel: our results carry a
 *   `message` with `handled: true`, so the library logs it and shows none of
 *   its own popups.
 */
import type { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult } from 'vscode-languageclient';

/** Contributed in package.json as "Work Unit Studio: Restart Language Server". */
export const RESTART_SERVER_COMMAND = 'workunit.restartServer';
export const MAX_CRASHES = 5;
export const WINDOW_MS = 3 * 60 * 1000;
export const RESTARTED_MESSAGE = 'Work Unit Studio: the language server stopped unexpectedly and was restarted.';
export const STOPPED_MESSAGE = `Work Unit Studio: the language server crashed ${MAX_CRASHES} times in ${WINDOW_MS / 60000} minutes and will not be restarted automatically.`;
export const RESTART_ACTION = 'Restart Server';
export const SHOW_LOG_ACTION = 'Show Log';

export interface RecoveryNotice {
  kind: 'restarted' | 'stopped';
  message: string;
  /** Crashes counted in the window when the notice was given. */
  crashes: number;
  at: number;
}

/** What the policy needs from the editor; `extension.ts` passes the real ones. */
export interface RecoveryHost {
  /** The library's enums (their values come from `vscode-languageclient`, which needs `vscode`). */
  ErrorAction: typeof ErrorAction;
  CloseAction: typeof CloseAction;
  /** Shows a notification; resolves with the action picked, if any. */
  notify(kind: 'warning' | 'error', message: string, actions: string[]): PromiseLike<string | undefined>;
  /** The user picked "Restart Server". */
  restart(): void;
  /** The user picked "Show Log". */
  showLog(): void;
  now?(): number;
}

export class ServerRecovery implements ErrorHandler {
  /** Every notice given, oldest first (the in-editor suite checks "said so once" here). */
  readonly notices: RecoveryNotice[] = [];
  private crashTimes: number[] = [];
  private pendingRestartNotice = false;
  private stopRequested = false;
  private lastExit: string | undefined;
  private readonly listeners = new Set<(n: RecoveryNotice) => void>();

  constructor(private readonly host: RecoveryHost) {}

  /** Called for each notice as it is given. */
  onNotice(listener: (n: RecoveryNotice) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Crashes counted in the current window. */
  get crashCount(): number {
    this.prune(this.now());
    return this.crashTimes.length;
  }

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    return {
      action: this.host.ErrorAction.Continue,
      message: `Connection to the Work Unit Studio language server erred${count ? ` (${count} in a row)` : ''}: ${error?.message ?? String(error)}`,
      handled: true,
    };
  }

  closed(): CloseHandlerResult {
    const exit = this.lastExit ? ` (${this.lastExit})` : '';
    this.lastExit = undefined;
    if (this.stopRequested) {
      return { action: this.host.CloseAction.DoNotRestart, message: `The language server stopped as requested${exit}.`, handled: true };
    }
    const now = this.now();
    this.prune(now);
    this.crashTimes.push(now);
    const crashes = this.crashTimes.length;
    if (crashes >= MAX_CRASHES) {
      this.pendingRestartNotice = false;
      this.give({ kind: 'stopped', message: STOPPED_MESSAGE, crashes, at: now }, 'error', [RESTART_ACTION, SHOW_LOG_ACTION]);
      return {
        action: this.host.CloseAction.DoNotRestart,
        message: `The language server exited unexpectedly${exit}: crash ${crashes} within ${WINDOW_MS / 60000} minutes, so it will not be restarted. Run "Work Unit Studio: Restart Language Server" (${RESTART_SERVER_COMMAND}) to start it again.`,
        handled: true,
      };
    }
    this.pendingRestartNotice = true;
    return {
      action: this.host.CloseAction.Restart,
      message: `The language server exited unexpectedly${exit}: restarting it (crash ${crashes} within ${WINDOW_MS / 60000} minutes; restarting stops at ${MAX_CRASHES}).`,
      handled: true,
    };
  }

  /** The server process exited (exit code or signal), recorded for the log line `closed()` returns. */
  serverExited(pid: number | undefined, code: number | null, signal: string | null): void {
    this.lastExit = `pid ${pid ?? '?'}, ${signal ? `signal ${signal}` : `exit code ${code}`}`;
  }

  /** The client reached the running state: a crash's notice is given now, once. */
  serverRunning(): void {
    this.stopRequested = false;
    if (!this.pendingRestartNotice) return;
    this.pendingRestartNotice = false;
    this.give({ kind: 'restarted', message: RESTARTED_MESSAGE, crashes: this.crashTimes.length, at: this.now() }, 'warning', [SHOW_LOG_ACTION]);
  }

  /** The extension is about to stop the server on purpose (deactivate, or a restart the user asked for). */
  stopping(): void {
    this.stopRequested = true;
  }

  /** The user asked for a restart: the crash count starts over. */
  manualRestart(): void {
    this.crashTimes = [];
    this.pendingRestartNotice = false;
  }

  private give(notice: RecoveryNotice, kind: 'warning' | 'error', actions: string[]): void {
    this.notices.push(notice);
    for (const l of this.listeners) l(notice);
    void Promise.resolve(this.host.notify(kind, notice.message, actions)).then((picked) => {
      if (picked === RESTART_ACTION) this.host.restart();
      else if (picked === SHOW_LOG_ACTION) this.host.showLog();
    });
  }

  private prune(now: number): void {
    this.crashTimes = this.crashTimes.filter((t) => now - t < WINDOW_MS);
  }

  private now(): number {
    return this.host.now?.() ?? Date.now();
  }
}

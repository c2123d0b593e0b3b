/**
 * The edge's error handling: the core has no catch-all, so a feature that
 * throws is a bug. Here, and only here, it is caught — per request, per
 * notification, per piece of background work — logged with its stack to the
 * client's output channel (`window/logMessage`), and the server keeps
 * serving. A request gets -32603 with a message that says where to look,
 * never the exception's text or stack; a `ResponseError` a handler throws on
 * purpose (a refused rename) goes to the client as it is.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';

export type Log = (message: string) => void;

/** The error's stack (or its text, for a thrown non-error). */
function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
}

/** Logs what failed with its stack: the one format of a bug report in the output channel. */
export function logFailure(log: Log, what: string, e: unknown): void {
  log(`${what} failed (a bug in the server; please report it with this log):\n${describe(e)}`);
}

/** A request handler that logs a failure and answers it with -32603. */
export function guardRequest<P extends unknown[], R>(log: Log, method: string, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      logFailure(log, method, e);
      throw new ResponseError(ErrorCodes.InternalError, `${method} failed inside the server; the server's log has the details.`);
    }
  };
}

/** A notification handler (or any callback nobody awaits) that logs a failure instead of ending the process. */
export function guardNotification<P extends unknown[]>(log: Log, what: string, handler: (...args: P) => unknown): (...args: P) => void {
  return (...args: P) => {
    runLogged(log, what, () => handler(...args));
  };
}

/** Runs fire-and-forget work (sync or async): a failure is logged, never thrown, never an unhandled rejection. */
export function runLogged(log: Log, what: string, work: () => unknown): void {
  try {
    const result = work();
    if (result instanceof Promise) result.catch((e: unknown) => logFailure(log, what, e));
  } catch (e) {
    logFailure(log, what, e);
  }
}

/** The connection's error log. */
export function errorLog(connection: Connection): Log {
  return (m) => connection.console.error(m);
}

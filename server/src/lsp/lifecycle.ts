/**
 * The protocol's lifecycle and the params' shapes, enforced in one place
 * before any handler sees a message (a JSON-RPC message strategy):
 *
 * - before `initialize`: a request gets -32002 (ServerNotInitialized), a
 *   notification is dropped (`exit` excepted);
 * - a second `initialize` gets -32600 (InvalidRequest);
 * - after `shutdown`: a request gets -32600, a notification is dropped
 *   (`exit` excepted);
 * - a message whose params are not of the declared shape: a request gets
 *   -32602 (InvalidParams) naming the field, a notification is dropped with
 *   a log line.
 *
 * A refused request is passed on renamed to `REFUSED_METHOD`, whose handler
 * answers it with the error: the connection replies under the request's own id.
 */
import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy, type RequestMessage } from 'vscode-languageserver/node';
import { paramsProblem } from './params';

export const REFUSED_METHOD = '$/workunit/refused';

interface Refusal {
  code: number;
  message: string;
}

type State = 'new' | 'running' | 'shutDown';

export class LifecycleGate implements MessageStrategy {
  private state: State = 'new';
  /** Where refusals of notifications are logged (the connection's console, once there is one). */
  log: (message: string) => void = () => {};

  handleMessage(message: Message, next: (message: Message) => void): void {
    if (Message.isRequest(message)) {
      const refusal = this.refusal(message);
      if (refusal) return next({ ...message, method: REFUSED_METHOD, params: refusal } as RequestMessage);
      if (message.method === 'initialize') this.state = 'running';
      else if (message.method === 'shutdown') this.state = 'shutDown';
      return next(message);
    }
    if (Message.isNotification(message) && message.method !== 'exit') {
      if (this.state !== 'running') return; // dropped, as the spec says
      const problem = paramsProblem(message.method, message.params);
      if (problem) {
        this.log(`Ignored ${message.method}: ${problem}.`);
        return;
      }
    }
    return next(message);
  }

  private refusal(request: RequestMessage): Refusal | undefined {
    const { method } = request;
    if (method === REFUSED_METHOD) return { code: ErrorCodes.MethodNotFound, message: `Unhandled method ${method}` };
    if (this.state === 'shutDown') return { code: ErrorCodes.InvalidRequest, message: `${method} after shutdown: the server only takes exit now.` };
    if (this.state === 'new' && method !== 'initialize') return { code: ErrorCodes.ServerNotInitialized, message: `${method} before initialize: the server is not initialized yet.` };
    if (this.state === 'running' && method === 'initialize') return { code: ErrorCodes.InvalidRequest, message: 'initialize was already received: the server initializes once.' };
    const problem = paramsProblem(method, request.params);
    return problem ? { code: ErrorCodes.InvalidParams, message: `Invalid params for ${method}: ${problem}.` } : undefined;
  }
}

/** Answers each refused request with its error. */
export function answerRefusals(connection: Connection): void {
  connection.onRequest(REFUSED_METHOD, (refusal: Refusal) => {
    throw new ResponseError(refusal.code, refusal.message);
  });
}

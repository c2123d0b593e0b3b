/** The edge's error handling: a handler that throws is logged with its stack, answered with -32603, and nothing escapes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResponseError } from 'vscode-languageserver/node';
import { guardNotification, guardRequest, runLogged } from '../../server/src/lsp/guard';

function bug(): never {
  throw new TypeError('planted bug');
}

describe('lsp/guard', () => {
  it('a request handler that throws: its stack goes to the log, the client gets -32603 without the exception text', async () => {
    const log: string[] = [];
    const handler = guardRequest((m) => log.push(m), 'textDocument/hover', bug);
    const e = await handler().then(
      () => assert.fail('expected an error'),
      (x: unknown) => x as ResponseError<unknown>,
    );
    assert.ok(e instanceof ResponseError);
    assert.equal(e.code, -32603);
    assert.doesNotMatch(e.message, /planted bug|\n\s+at /);
    assert.equal(log.length, 1);
    assert.match(log[0], /textDocument\/hover failed[^]*TypeError: planted bug\n\s+at bug/);
  });

  it('a ResponseError thrown on purpose (a refused rename) reaches the client as it is, unlogged', async () => {
    const log: string[] = [];
    const handler = guardRequest((m) => log.push(m), 'textDocument/rename', () => {
      throw new ResponseError(-32803, 'Not a symbol.');
    });
    await assert.rejects(handler(), (e: ResponseError<unknown>) => e.code === -32803 && e.message === 'Not a symbol.');
    assert.deepEqual(log, []);
  });

  it('notifications and background work, sync or async: logged with the stack, never thrown, no unhandled rejection', async () => {
    const log: string[] = [];
    guardNotification((m) => log.push(m), 'textDocument/didOpen', bug)();
    runLogged((m) => log.push(m), 'The workspace scan', async () => bug());
    await new Promise((r) => setImmediate(r));
    assert.equal(log.length, 2);
    assert.match(log[0], /textDocument\/didOpen failed[^]*planted bug\n\s+at /);
    assert.match(log[1], /The workspace scan failed[^]*planted bug\n\s+at /);
  });
});

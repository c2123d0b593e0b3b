/**
 * The params this server reads, per method, checked before any handler runs:
 * a request whose params are not of the shape the protocol declares gets
 * -32602 (InvalidParams) with a message that names the field; a notification
 * is dropped with a log line. Only what the server reads is checked (extra
 * fields are the client's business).
 */

/** A check: undefined when `value` fits, else what is wrong, naming `at`. */
type Check = (value: unknown, at: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const str: Check = (v, at) => (typeof v === 'string' ? undefined : `${at} must be a string`);
const bool: Check = (v, at) => (typeof v === 'boolean' ? undefined : `${at} must be a boolean`);
const int: Check = (v, at) => (Number.isInteger(v) ? undefined : `${at} must be an integer`);
const uint: Check = (v, at) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2147483647 ? undefined : `${at} must be an integer from 0 to 2147483647`);
const any: Check = () => undefined;

function obj(fields: Record<string, Check>): Check {
  return (v, at) => {
    if (!isObject(v)) return `${at} must be an object`;
    for (const [k, check] of Object.entries(fields)) {
      const problem = check(v[k], `${at}.${k}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

function optional(check: Check): Check {
  return (v, at) => (v === undefined ? undefined : check(v, at));
}

function nullable(check: Check): Check {
  return (v, at) => (v === null ? undefined : check(v, at));
}

function array(check: Check): Check {
  return (v, at) => {
    if (!Array.isArray(v)) return `${at} must be an array`;
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

const position = obj({ line: uint, character: uint });
const range = obj({ start: position, end: position });
const textDocument = obj({ uri: str });
const atPosition = obj({ textDocument, position });
const folder = obj({ uri: str, name: str });

const PARAMS: Record<string, Check> = {
  initialize: obj({
    processId: optional(nullable(int)),
    rootUri: optional(nullable(str)),
    rootPath: optional(nullable(str)),
    workspaceFolders: optional(nullable(array(folder))),
    capabilities: obj({}),
  }),
  'textDocument/didOpen': obj({ textDocument: obj({ uri: str, languageId: str, version: int, text: str }) }),
  'textDocument/didChange': obj({ textDocument: obj({ uri: str, version: int }), contentChanges: array(obj({ range: optional(range), text: str })) }),
  'textDocument/didClose': obj({ textDocument }),
  'textDocument/didSave': obj({ textDocument }),
  'workspace/didChangeConfiguration': obj({ settings: any }),
  'workspace/didChangeWatchedFiles': obj({ changes: array(obj({ uri: str, type: uint })) }),
  'workspace/didChangeWorkspaceFolders': obj({ event: obj({ added: array(folder), removed: array(folder) }) }),
  'textDocument/hover': atPosition,
  'textDocument/definition': atPosition,
  'textDocument/documentHighlight': atPosition,
  'textDocument/prepareRename': atPosition,
  'textDocument/completion': atPosition,
  'textDocument/references': obj({ textDocument, position, context: obj({ includeDeclaration: bool }) }),
  'textDocument/rename': obj({ textDocument, position, newName: str }),
  'textDocument/documentSymbol': obj({ textDocument }),
  'textDocument/codeLens': obj({ textDocument }),
  'textDocument/codeAction': obj({ textDocument, range, context: obj({ diagnostics: array(obj({ range })), only: optional(array(str)) }) }),
  'codeAction/resolve': obj({ title: str }),
  'workspace/symbol': obj({ query: str }),
  'workspace/executeCommand': obj({ command: str, arguments: optional(array(any)) }),
  'workunit/diagram': obj({ uri: str }),
};

/** What is wrong with the params of a message to `method`, or undefined (also for a method not listed). */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = PARAMS[method];
  return check?.(params, 'params');
}

import { found, type FileRule } from './types';

/**
 * Problems the parser refuses a file for as a whole — its size, its depth,
 * binary content: their messages already say what to do, and fixing "the
 * YAML here" is not it.
 */
const REFUSALS: ReadonlySet<string> = new Set(['TOO_LARGE', 'TOO_DEEP', 'TOO_MANY_ITEMS', 'BINARY', 'TOO_MANY_ERRORS']);

/** Reported alone: when the file is not valid YAML, no other rule runs on it. */
export const yamlSyntax: FileRule = {
  id: 'yaml-syntax',
  defaultLevel: 'error',
  summary: 'The file is not valid YAML.',
  scope: 'file',
  check: (unit) =>
    unit.syntaxErrors.map((e) =>
      found('yaml-syntax', e.span, REFUSALS.has(e.code) ? `${e.message}.` : `${e.message}. Fix the YAML here; the other checks resume once the file parses.`, { code: e.code }),
    ),
};

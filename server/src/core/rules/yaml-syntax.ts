import { SELF_EXPLAINED_CODES } from '../parse/parse';
import { found, type FileRule } from './types';

/** Reported alone: when the file is not valid YAML, no other rule runs on it. */
export const yamlSyntax: FileRule = {
  id: 'yaml-syntax',
  defaultLevel: 'error',
  summary: 'The file is not valid YAML.',
  scope: 'file',
  check: (unit) =>
    unit.syntaxErrors.map((e) =>
      found(
        'yaml-syntax',
        e.span,
        SELF_EXPLAINED_CODES.has(e.code) ? sentence(e.message) : `${sentence(e.message)} Fix the YAML here; the other checks resume once the file parses.`,
        { code: e.code },
      ),
    ),
};

/** A problem's words as a sentence: one full stop, also where the yaml library's message ends in one (`Not a YAML token: a.`). */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

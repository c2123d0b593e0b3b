/**
 * The word every suppression directive starts with (`# workunit-disable…`,
 * see suppressions.ts). Its own module, with no imports, because the parser
 * asks it too (a lint collects a file's comments only where it may hold a
 * directive) and the parser must not depend on the rules.
 */
export const DIRECTIVE_MARK = 'workunit-disable';

/** Whether the text may hold a directive: when not, its comments need not be looked at. */
export function mayHoldDirective(text: string): boolean {
  return text.includes(DIRECTIVE_MARK);
}

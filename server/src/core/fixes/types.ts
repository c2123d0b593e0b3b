/**
 * Quick-fixes as data: text edits over the analysed text, keyed on a
 * finding's rule id and `data` (never on its message). No LSP or editor
 * types here: offsets in, edits out; the edges convert.
 */

/** Replace `[start, end)` (UTF-16 offsets into the analysed text) with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** What a user reads in the light-bulb menu. */
  title: string;
  /** The rule id of the finding it answers. */
  rule: string;
  /** Non-overlapping. */
  edits: TextEdit[];
  /** Safe, unambiguous fixes: marked preferred and applied by "fix all" (`source.fixAll.workunit`) and `workunit lint --fix`. */
  preferred: boolean;
  /**
   * When true, newText contains snippet tab stops (`${1:placeholder}`,
   * `${1|a,b|}`); `fixesFor` returns such a fix only when `opts.snippets` is
   * true, otherwise the same fix with plain placeholder text.
   */
  snippet: boolean;
}

export interface FixOptions {
  /** The client renders snippet syntax in edits (tab stops, choices). */
  snippets: boolean;
}

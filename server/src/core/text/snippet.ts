/**
 * Snippet syntax (`${1:text}`, `${1|a,b|}`, `$1`, `$0`, `\}`) reduced to its
 * default text, for clients and tools that take plain text (the CLI's
 * `--fix`, editors without snippet support).
 */
export function stripSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
      out += snippet[++i];
    } else if (c === '$' && snippet[i + 1] === '{') {
      // ${n:default} or ${n|first,second|}: keep the default / the first choice.
      const close = matchingBrace(snippet, i + 1);
      const body = snippet.slice(i + 2, close);
      // A choice's options escape `\`, `,`, `|`, `$` and `}` (`${1|"a\, b",c|}` offers `"a, b"` first).
      const choice = /^\d+\|((?:\\[\s\S]|[^\\,|])*)/.exec(body);
      const placeholder = /^\d+:([\s\S]*)$/.exec(body);
      out += choice ? choice[1].replace(/\\([\s\S])/g, '$1') : placeholder ? stripSnippet(placeholder[1]) : '';
      i = close;
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else {
      out += c;
    }
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  let dollar = true; // the `$` before `open`
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      dollar = false;
      continue;
    }
    // Only `${` opens a nested tab stop: a `{` alone is text (an owner id `{x}` in a placeholder).
    if (c === '{' && dollar) depth++;
    else if (c === '}' && --depth === 0) return i;
    dollar = c === '$';
  }
  return s.length - 1;
}

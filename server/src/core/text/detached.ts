/**
 * A copy of a string that shares no memory with the text it was cut from.
 * V8 keeps a substring of 13 characters or more as a slice of its parent, so
 * a step's name kept from a unit keeps the whole unit's text alive: what a
 * catalog keeps of thousands of files (their keys, their symbols) is
 * detached first.
 */
export function detached(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

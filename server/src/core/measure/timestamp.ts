/**
 * Timestamps as the spec reads them: ISO 8601, `T` or a space between date
 * and time, any number of fraction digits, `Z` or an offset (`+01:00`,
 * `+0100`, `+01`); one without a zone is UTC. Milliseconds since the epoch
 * (with the fraction below a millisecond kept), or undefined when the text
 * is not such a timestamp or names a day or time that does not exist.
 *
 * Read character by character (a log has millions of them: a regular
 * expression and `Date.UTC` per event cost more than the CSV parse), with
 * the start of each day computed once.
 */

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The start of each day seen, UTC (few days, many events). */
const DAY_START = new Map<number, number>();

function dayStart(year: number, month: number, day: number): number | undefined {
  const key = year * 10000 + month * 100 + day;
  let ms = DAY_START.get(key);
  if (ms !== undefined) return ms;
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeap(year))) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  ms = d.getTime();
  if (DAY_START.size < 100_000) DAY_START.set(key, ms);
  return ms;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** `n` digits at `at` (before `end`), as a number; -1 when they are not all digits. */
function digits(text: string, at: number, n: number, end: number): number {
  if (at + n > end) return -1;
  let v = 0;
  for (let k = at; k < at + n; k++) {
    const c = text.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export function parseTimestamp(text: string): number | undefined {
  let i = 0;
  let end = text.length;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  while (end > i && (isSpace(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 13)) end--;
  const year = digits(text, i, 4, end);
  const month = digits(text, i + 5, 2, end);
  const day = digits(text, i + 8, 2, end);
  const sep = text.charCodeAt(i + 10);
  const hour = digits(text, i + 11, 2, end);
  const minute = digits(text, i + 14, 2, end);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return undefined;
  if (text.charCodeAt(i + 4) !== 45 || text.charCodeAt(i + 7) !== 45 || text.charCodeAt(i + 13) !== 58) return undefined;
  if (sep !== 84 && sep !== 116 && sep !== 32) return undefined; // T, t, space
  let p = i + 16;
  let second = 0;
  let fraction = 0;
  if (p < end && text.charCodeAt(p) === 58) {
    second = digits(text, p + 1, 2, end);
    if (second < 0) return undefined;
    p += 3;
    const dot = p < end ? text.charCodeAt(p) : 0;
    if (dot === 46 || dot === 44) {
      let scale = 100; // milliseconds per first fraction digit
      let k = p + 1;
      for (; k < end; k++) {
        const c = text.charCodeAt(k) - 48;
        if (c < 0 || c > 9) break;
        fraction += c * scale;
        scale /= 10;
      }
      if (k === p + 1) return undefined;
      p = k;
    }
  }
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  let offset = 0;
  if (p < end) {
    const z = text.charCodeAt(p);
    if (z === 90 || z === 122) p++;
    else if (z === 43 || z === 45) {
      const oh = digits(text, p + 1, 2, end);
      if (oh < 0 || oh > 23) return undefined;
      p += 3;
      let om = 0;
      if (p < end) {
        if (text.charCodeAt(p) === 58) p++;
        om = digits(text, p, 2, end);
        if (om < 0 || om > 59) return undefined;
        p += 2;
      }
      offset = (oh * 60 + om) * 60_000 * (z === 43 ? 1 : -1);
    } else return undefined;
  }
  if (p !== end) return undefined;
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0 || fraction > 0))) return undefined;
  const start = dayStart(year, month, day);
  if (start === undefined) return undefined;
  return start + ((hour * 60 + minute) * 60 + second) * 1000 + fraction - offset;
}

/** The start of a day written `YYYY-MM-DD` (a `learning.changes` date), UTC; undefined for anything else. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text.trim());
  return m ? dayStart(+m[1]!, +m[2]!, +m[3]!) : undefined;
}

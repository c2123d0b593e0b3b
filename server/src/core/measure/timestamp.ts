/**
 * Timestamps as the spec reads them: ISO 8601, `T` or a space between date
 * and time, any number of fraction digits, `Z` or an offset (`+01:00`,
 * `+0100`, `+01`); one without a zone is UTC. Milliseconds since the epoch
 * (with the fraction below a millisecond kept), or undefined when the text
 * is not such a timestamp or names a day or time that does not exist.
 */

const ISO = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?\s*(?:([Zz])|([+-])(\d\d)(?::?(\d\d))?)?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseTimestamp(text: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = m[6] === undefined ? 0 : +m[6];
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeap(year))) return undefined;
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0 || (m[7] !== undefined && /[1-9]/.test(m[7]))))) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (m[7] !== undefined) ms += Number(`0.${m[7]}`) * 1000;
  if (m[9] !== undefined) {
    const offsetHours = +m[10]!;
    const offsetMinutes = m[11] === undefined ? 0 : +m[11];
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
    ms += m[9] === '+' ? -offset : offset;
  }
  return ms;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The start of a day written `YYYY-MM-DD` (a `learning.changes` date), UTC; undefined for anything else. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(text.trim());
  return m ? parseTimestamp(`${m[0]}T00:00`) : undefined;
}

/**
 * The one date parser for dates users write: calendar holidays, arrival times in case data,
 * `review --since/--until`. Days are checked against the calendar (`2026-02-30` is refused with
 * the reason, where `Date.parse` would quietly give 2 March); this part needs no luxon, so
 * `validate` and `lint` start without it. Dates with a time of day: src/model/date-times.ts.
 */

export type DateResult<T> = { ok: true; value: T } | { ok: false; message: string };

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why year-month-day is not a day of the (proleptic Gregorian) calendar, or undefined when it is one. */
export function notADay(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = new Date(utcDay(year, month + 1, 0)).getUTCDate(); // day 0 of the next month: the last of this one
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

/** `2026-10-01` → days since 1970-01-01; the failure says why (`February 2026 has 28 days`). */
export function parseDay(text: string): DateResult<number> {
  const m = CIVIL.exec(text.trim());
  if (!m) return { ok: false, message: `"${text}" is not a date; write YYYY-MM-DD, e.g. 2026-10-01` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const why = notADay(y, mo, d);
  if (why) return { ok: false, message: `"${text}" is not a date: ${why}` };
  return { ok: true, value: utcDay(y, mo, d) / 86400000 };
}

/** Epoch milliseconds of 00:00 UTC on the day (unlike Date.UTC, years 0–99 stay themselves). */
function utcDay(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

/** A holiday, `2026-10-01` or a range `2026-10-01..2026-10-07`, as its first and last day. */
export function parseDayRange(text: string): DateResult<{ from: number; to: number }> {
  const [a, b, ...rest] = text.split('..');
  if (rest.length > 0) return { ok: false, message: `"${text}" is not a day or a range of days; write 2026-10-01 or 2026-10-01..2026-10-07` };
  const from = parseDay(a!);
  if (!from.ok) return from;
  const to = b === undefined ? from : parseDay(b);
  if (!to.ok) return to;
  if (to.value < from.value) return { ok: false, message: `"${text}" ends before it starts; write the earlier day first` };
  return { ok: true, value: { from: from.value, to: to.value } };
}


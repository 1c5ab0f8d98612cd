/**
 * The one date parser for dates users write: calendar holidays, arrival times in case data,
 * `review --since/--until`. Days are checked against the calendar (`2026-02-30` is refused with
 * the reason, where `Date.parse` would quietly give 2 March); this part needs no luxon, so
 * `validate` and `lint` start without it. Dates with a time of day: src/model/date-times.ts.
 */

import { embed, msg, part } from '../i18n/index.js';

export type DateResult<T> = { ok: true; value: T } | { ok: false; message: string };

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why year-month-day is not a day of the (proleptic Gregorian) calendar, or undefined when it is one. */
export function notADay(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return msg('dates.noMonth', { month });
  const days = new Date(utcDay(year, month + 1, 0)).getUTCDate(); // day 0 of the next month: the last of this one
  if (day < 1 || day > days) return msg('dates.monthDays', { month: part(`month.${month as 1}`), year, days });
  return undefined;
}

/** `2026-10-01` → days since 1970-01-01; the failure says why (`February 2026 has 28 days`). */
export function parseDay(text: string): DateResult<number> {
  const m = CIVIL.exec(text.trim());
  if (!m) return { ok: false, message: msg('dates.notDateFormat', { text }) };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const why = notADay(y, mo, d);
  if (why) return { ok: false, message: msg('dates.notDate', { text, why: embed(why) }) };
  return { ok: true, value: utcDay(y, mo, d) / 86400000 };
}

/** Epoch milliseconds of 00:00 UTC on the day (unlike Date.UTC, years 0–99 stay themselves). */
function utcDay(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

/** A holiday, `2026-10-01` or a range `2026-10-01..2026-10-07`, as its first and last day. */
export function parseDayRange(text: string): DateResult<{ from: number; to: number }> {
  const [a, b, ...rest] = text.split('..');
  if (rest.length > 0) return { ok: false, message: msg('dates.notDayOrRange', { text }) };
  const from = parseDay(a!);
  if (!from.ok) return from;
  const to = b === undefined ? from : parseDay(b);
  if (!to.ok) return to;
  if (to.value < from.value) return { ok: false, message: msg('dates.backwards', { text }) };
  return { ok: true, value: { from: from.value, to: to.value } };
}


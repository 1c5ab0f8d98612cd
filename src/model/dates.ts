/**
 * The one date parser for dates users write: calendar holidays, arrival times in case data,
 * `review --since/--until`. luxon checks the calendar (`2026-02-30` is refused with a reason,
 * where `Date.parse` would quietly give 2 March).
 */
import { DateTime } from 'luxon';

export type DateResult<T> = { ok: true; value: T } | { ok: false; message: string };

const CIVIL = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a well-shaped year-month-day is not a date, e.g. `February 2026 has 28 days`. */
function whyNot(year: number, month: number, day: number): string {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = DateTime.utc(year, month, 1).daysInMonth!;
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  return 'it is not a date';
}

/** `2026-10-01` → days since 1970-01-01; the failure says why (`February 2026 has 28 days`). */
export function parseDay(text: string): DateResult<number> {
  const m = CIVIL.exec(text.trim());
  if (!m) return { ok: false, message: `"${text}" is not a date; write YYYY-MM-DD, e.g. 2026-10-01` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = DateTime.utc(y, mo, d);
  if (!dt.isValid) return { ok: false, message: `"${text}" is not a date: ${whyNot(y, mo, d)}` };
  return { ok: true, value: Math.round(dt.toMillis() / 86400000) };
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

/**
 * A date and time: ISO 8601 with or without offset (`2026-07-01T09:30:00+08:00`) or
 * `2026-07-01 09:30`, in epoch milliseconds. Without an offset the time is read in `zone`.
 */
export function parseInstant(text: string, zone = 'UTC'): DateResult<number> {
  let d = DateTime.fromISO(text, { zone, setZone: true });
  if (!d.isValid) d = DateTime.fromSQL(text, { zone });
  if (d.isValid) return { ok: true, value: d.toMillis() };
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const why = m ? whyNot(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  return {
    ok: false,
    message: why && why !== 'it is not a date' ? `"${text}" is not a date and time: ${why}` : `"${text}" is not a date and time; write ISO 8601, e.g. 2026-07-01T09:30:00+08:00`,
  };
}

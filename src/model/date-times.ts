/**
 * Dates with a time of day (arrival times in case data, `review --since 2026-07-01T09:00`),
 * read with luxon in the user's time zone; the day is checked by src/model/dates.ts.
 * Separate from dates.ts because luxon is too heavy for `validate` and `lint` to load.
 */
import { DateTime } from 'luxon';
import { notADay, type DateResult } from './dates.js';
import { embed, msg } from '../i18n/index.js';

const ISO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * A date and time: ISO 8601 with or without offset (`2026-07-01T09:30:00+08:00`) or
 * `2026-07-01 09:30`, in epoch milliseconds. Without an offset the time is read in `zone`.
 */
export function parseInstant(text: string, zone = 'UTC'): DateResult<number> {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const why = m ? notADay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  if (why) return { ok: false, message: msg('dates.notDateTime', { text, why: embed(why) }) };
  // ISO 8601 with an offset is unambiguous: the much faster Date.parse reads it (the day is checked above).
  if (ISO_OFFSET.test(text)) {
    const ms = Date.parse(text);
    if (ms === ms) return { ok: true, value: ms };
  }
  let d = DateTime.fromISO(text, { zone, setZone: true });
  if (!d.isValid) d = DateTime.fromSQL(text, { zone });
  if (d.isValid) return { ok: true, value: d.toMillis() };
  return { ok: false, message: msg('dates.notDateTimeFormat', { text }) };
}

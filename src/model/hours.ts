/**
 * Working hours of a calendar, `Mon-Fri 09:00-18:00, Sat 09:00-13:00`. The one parser that
 * `validate` (a finding) and `simulate` (the calendar) both use, so they cannot disagree.
 *
 * A span whose end is before its start is an overnight shift: `Mon-Fri 22:00-06:00` starts on
 * each of Monday to Friday and ends at 06:00 the next morning (Friday's shift ends on Saturday).
 */

import { msg, part } from '../i18n/index.js';

/** One span of working hours: the days it starts on and its minutes of the day. */
export interface HoursSpan {
  /** ISO weekdays 1 (Mon) … 7 (Sun) the span starts on. */
  days: Set<number>;
  /** Minutes after midnight of the start day. */
  from: number;
  /** Minutes after midnight of the start day; above 1440 for an overnight shift. */
  to: number;
}

export type HoursResult = { ok: true; spans: HoursSpan[] } | { ok: false; message: string };

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SPAN = /^([A-Za-z]{3})(?:\s*-\s*([A-Za-z]{3}))?\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/;
const EXAMPLE = part('hours.example');

/** Parses working hours; the message of a failure quotes the span and says what to write. */
export function parseHours(text: string): HoursResult {
  const spans: HoursSpan[] = [];
  for (const raw of text.split(/[,;]/)) {
    const part = raw.trim();
    if (!part) continue;
    const m = SPAN.exec(part);
    const d1 = m ? DAYS.indexOf(m[1]!.toLowerCase()) : -1;
    const d2 = m ? (m[2] ? DAYS.indexOf(m[2].toLowerCase()) : d1) : -1;
    if (!m || d1 < 0 || d2 < 0) return { ok: false, message: msg('hours.notUnderstood', { span: part, example: EXAMPLE }) };
    const [h1, m1, h2, m2] = [m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number];
    if (m1 > 59 || m2 > 59 || h1 * 60 + m1 > 1440 || h2 * 60 + m2 > 1440) {
      return { ok: false, message: msg('hours.offClock', { span: part }) };
    }
    const from = h1 * 60 + m1;
    let to = h2 * 60 + m2;
    if (from === 1440) return { ok: false, message: msg('hours.startAt24', { span: part }) };
    if (to === from) return { ok: false, message: msg('hours.empty', { span: part, day: m[1] }) };
    if (to < from) to += 1440; // overnight: ends the next morning
    const days = new Set<number>();
    for (let d = d1; ; d = (d + 1) % 7) {
      days.add(d + 1);
      if (d === d2) break;
    }
    spans.push({ days, from, to });
  }
  if (spans.length === 0) return { ok: false, message: msg('hours.none', { example: EXAMPLE }) };
  return { ok: true, spans };
}

/**
 * The length of one working day and one working week in working minutes: a week is all the
 * working minutes from Monday to Sunday, a day is the week divided by the days that have
 * working hours (Mon–Fri 09:00–18:00: a day is 540, a week 2,700). Overlapping spans count once.
 */
export function workingUnits(spans: readonly HoursSpan[]): { day: number; week: number } {
  let week = 0;
  let days = 0;
  for (let wd = 1; wd <= 7; wd++) {
    const own = spans.filter((s) => s.days.has(wd)).map((s) => [s.from, s.to] as const).sort((a, b) => a[0] - b[0]);
    let total = 0;
    let end = -1;
    for (const [a, b] of own) {
      const start = Math.max(a, end);
      if (b > start) total += b - start;
      end = Math.max(end, b);
    }
    if (total > 0) days++;
    week += total;
  }
  return { day: days > 0 ? week / days : 1440, week: days > 0 ? week : 10080 };
}

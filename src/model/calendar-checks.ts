/**
 * Validation of a calendar's working hours and holidays with the parsers `simulate` uses
 * (src/model/hours.ts, src/model/dates.ts), so what validates also simulates.
 */
import { parseDayRange } from './dates.js';
import { parseHours } from './hours.js';
import { embed, msg } from '../i18n/index.js';
import type { CalendarInput } from './schema.js';
import type { Finding, SourceFile } from './types.js';

/** Findings for calendar `id` of crmflow.yaml: hours that do not parse, holidays and workdays that are not dates, a day in both. */
export function calendarFindings(id: string, cal: CalendarInput, source: SourceFile): Finding[] {
  const out: Finding[] = [];
  const hours = parseHours(cal.hours);
  if (!hours.ok) out.push({ rule: 'schema', severity: 'error', message: hours.message, file: source.path, ...source.locate(['calendars', id, 'hours']) });
  const off = new Set<number>();
  (cal.holidays ?? []).forEach((h, i) => {
    const r = parseDayRange(h);
    if (!r.ok) {
      out.push({ rule: 'schema', severity: 'error', message: msg('calendar.holiday', { why: embed(r.message) }), file: source.path, ...source.locate(['calendars', id, 'holidays', i]) });
    } else for (let d = r.value.from; d <= r.value.to && d - r.value.from < 3660; d++) off.add(d);
  });
  (cal.workdays ?? []).forEach((w, i) => {
    const r = parseDayRange(w);
    const at = { file: source.path, ...source.locate(['calendars', id, 'workdays', i]) };
    if (!r.ok) out.push({ rule: 'schema', severity: 'error', message: msg('calendar.workday', { why: embed(r.message) }), ...at });
    else if ([...Array(Math.min(r.value.to - r.value.from + 1, 3660)).keys()].some((k) => off.has(r.value.from + k))) {
      out.push({ rule: 'schema', severity: 'error', message: msg('calendar.workdayIsHoliday', { day: w, calendar: id }), ...at });
    }
  });
  return out;
}

/**
 * Validation of a calendar's working hours and holidays with the parsers `simulate` uses
 * (src/model/hours.ts, src/model/dates.ts), so what validates also simulates.
 */
import { parseDayRange } from './dates.js';
import { parseHours } from './hours.js';
import type { CalendarInput } from './schema.js';
import type { Finding, SourceFile } from './types.js';

/** Findings for calendar `id` of crmflow.yaml: hours that do not parse, holidays that are not dates. */
export function calendarFindings(id: string, cal: CalendarInput, source: SourceFile): Finding[] {
  const out: Finding[] = [];
  const hours = parseHours(cal.hours);
  if (!hours.ok) out.push({ rule: 'schema', severity: 'error', message: hours.message, file: source.path, ...source.locate(['calendars', id, 'hours']) });
  (cal.holidays ?? []).forEach((h, i) => {
    const r = parseDayRange(h);
    if (!r.ok) {
      out.push({ rule: 'schema', severity: 'error', message: `holiday ${r.message}`, file: source.path, ...source.locate(['calendars', id, 'holidays', i]) });
    }
  });
  return out;
}

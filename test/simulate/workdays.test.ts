/**
 * Extra working days (China's 调休): the 2026 National Day arrangement of the State Council
 * (its notice of 4 November 2025): 1–7 October off, Sunday 20 September and
 * Saturday 10 October worked. Expected instants are worked out by hand below.
 */
import { describe, expect, it } from 'vitest';
import { WorkCalendar, busiestWeekday } from '../../src/simulate/calendar.js';
import { parseHours } from '../../src/model/hours.js';

const min = (iso: string) => Date.parse(iso) / 60000;
const iso = (m: number) => new Date(m * 60000).toISOString();
const HOURS = 'Mon-Fri 09:00-12:00, Mon-Fri 13:00-18:00'; // 8 working hours a day
const HOLIDAYS = ['2026-10-01..2026-10-07'];
const WORKDAYS = ['2026-09-20', '2026-10-10'];

describe('workdays (调休)', () => {
  const origin = min('2026-09-01T00:00:00Z');
  const withWorkdays = new WorkCalendar('office', 'Asia/Shanghai', HOURS, HOLIDAYS, origin, WORKDAYS);
  const without = new WorkCalendar('office', 'Asia/Shanghai', HOURS, HOLIDAYS, origin);

  it('works a Sunday listed as a workday, with the hours of a weekday', () => {
    // Friday 18 Sept 17:00 + 2h: 1h on Friday, then Sunday 20 Sept from 09:00 → 10:00 (+08:00).
    expect(iso(withWorkdays.addWorking(min('2026-09-18T17:00:00+08:00'), 120))).toBe('2026-09-20T02:00:00.000Z');
    // Without it the work waits for Monday 21 Sept 10:00.
    expect(iso(without.addWorking(min('2026-09-18T17:00:00+08:00'), 120))).toBe('2026-09-21T02:00:00.000Z');
    // The lunch break holds on the workday too: Sunday 11:30 + 1h → 13:30.
    expect(iso(withWorkdays.addWorking(min('2026-09-20T11:30:00+08:00'), 60))).toBe('2026-09-20T05:30:00.000Z');
  });

  it('counts the working minutes of the holiday week', () => {
    // Wed 30 Sept 18:00 → Sat 10 Oct 18:00: 1–7 Oct off; Thu 8, Fri 9 and the workday Sat 10 at 480 min each.
    const a = min('2026-09-30T18:00:00+08:00');
    const b = min('2026-10-10T18:00:00+08:00');
    expect(withWorkdays.workingBetween(a, b)).toBe(3 * 480);
    expect(without.workingBetween(a, b)).toBe(2 * 480);
  });

  it('takes the hours of the weekday with the most working time', () => {
    const spans = (h: string) => {
      const r = parseHours(h);
      if (!r.ok) throw new Error(r.message);
      return r.spans;
    };
    expect(busiestWeekday(spans('Mon-Fri 09:00-18:00'))).toBe(1);
    expect(busiestWeekday(spans('Sat 10:00-12:00, Tue-Fri 09:00-18:00'))).toBe(2);
    // A workday under `Mon-Fri 09:00-18:00, Sat 09:00-12:00` is a full day, not a Saturday morning.
    const cal = new WorkCalendar('shop', 'UTC', 'Mon-Fri 09:00-18:00, Sat 09:00-12:00', [], min('2026-09-01T00:00:00Z'), ['2026-09-20']);
    expect(cal.workingBetween(min('2026-09-20T00:00:00Z'), min('2026-09-21T00:00:00Z'))).toBe(540);
  });

  it('refuses a workday that is not a date', () => {
    expect(() => new WorkCalendar('x', 'UTC', HOURS, [], origin, ['2026-02-30'])).toThrow(/workday/);
  });
});

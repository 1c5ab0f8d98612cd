/** Working-time arithmetic of `WorkCalendar`, including a daylight-saving change. */
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/simulate/calendar.js';

const min = (iso: string) => Date.parse(iso) / 60000;
const iso = (m: number) => new Date(m * 60000).toISOString();

describe('WorkCalendar', () => {
  it('carries work over the weekend in Shanghai', () => {
    const cal = new WorkCalendar('office', 'Asia/Shanghai', 'Mon-Fri 09:00-18:00', [], min('2026-10-12T00:00:00Z'));
    expect(iso(cal.addWorking(min('2026-10-16T17:30:00+08:00'), 60))).toBe('2026-10-19T01:30:00.000Z');
    expect(iso(cal.nextWorking(min('2026-10-17T12:00:00+08:00')))).toBe('2026-10-19T01:00:00.000Z');
    expect(cal.workingBetween(min('2026-10-16T17:30:00+08:00'), min('2026-10-19T09:30:00+08:00'))).toBe(60);
  });

  it('keeps office hours in wall-clock time across a clock change (Berlin, 29 March 2026)', () => {
    const cal = new WorkCalendar('berlin', 'Europe/Berlin', 'Mon-Fri 09:00-18:00', [], min('2026-03-01T00:00:00Z'));
    // Friday 17:30 CET (+01:00) plus 1h of work ends Monday 09:30 CEST (+02:00).
    expect(iso(cal.addWorking(min('2026-03-27T17:30:00+01:00'), 60))).toBe('2026-03-30T07:30:00.000Z');
  });

  it('has several spans a day and skips holidays', () => {
    const cal = new WorkCalendar('split', 'UTC', 'Mon-Fri 09:00-12:00, Mon-Fri 13:00-18:00', ['2026-01-06'], min('2026-01-01T00:00:00Z'));
    // Monday 11:30 + 1h: 30 min before lunch, 30 min after.
    expect(iso(cal.addWorking(min('2026-01-05T11:30:00Z'), 60))).toBe('2026-01-05T13:30:00.000Z');
    // Monday 17:30 + 1h: Tuesday is a holiday, so Wednesday 09:30.
    expect(iso(cal.addWorking(min('2026-01-05T17:30:00Z'), 60))).toBe('2026-01-07T09:30:00.000Z');
  });

  it('runs round the clock for years (7×24: each day runs on from the day before)', () => {
    const cal = new WorkCalendar('kefu-7x24', 'Asia/Shanghai', 'Mon-Sun 00:00-24:00', [], min('2026-01-01T00:00:00Z'));
    const t = min('2026-03-01T10:00:00Z');
    // Three years of work is three calendar years: there is no time off to skip.
    expect(cal.addWorking(t, 3 * 365 * 1440)).toBe(t + 3 * 365 * 1440);
    expect(cal.workingBetween(t, t + 2000 * 1440)).toBe(2000 * 1440);
    expect(cal.nextWorking(t + 1500 * 1440 + 7)).toBe(t + 1500 * 1440 + 7);
  });

  it('refuses hours it cannot read and a calendar without working time', () => {
    expect(() => new WorkCalendar('words', 'UTC', 'weekdays 9-5', [], 0)).toThrow(/not understood/);
    expect(() => new WorkCalendar('never', 'UTC', 'Mon 09:00-10:00', ['2026-01-01..2030-12-31'], min('2026-01-01T00:00:00Z'))).toThrow(/no working time/);
    expect(() => new WorkCalendar('tz', 'Mars/Olympus', 'Mon 09:00-10:00', [], 0)).toThrow(/IANA/);
  });
});

describe('night shifts', () => {
  it('work from the evening into the next morning', () => {
    const cal = new WorkCalendar('night', 'UTC', 'Mon-Fri 22:00-06:00', [], min('2026-01-05T00:00:00Z'));
    // Monday 23:00 + 8h: 7h until Tuesday 06:00, then 1h from Tuesday 22:00.
    expect(iso(cal.addWorking(min('2026-01-05T23:00:00Z'), 480))).toBe('2026-01-06T23:00:00.000Z');
    // Friday's shift ends Saturday 06:00; the next one starts Monday 22:00.
    expect(iso(cal.addWorking(min('2026-01-10T05:00:00Z'), 30))).toBe('2026-01-10T05:30:00.000Z');
    expect(iso(cal.nextWorking(min('2026-01-10T22:00:00Z')))).toBe('2026-01-12T22:00:00.000Z');
    expect(cal.units).toEqual({ day: 480, week: 2400 });
  });

  it('keep wall-clock hours across a clock change (Berlin, night of 28 to 29 March 2026)', () => {
    const cal = new WorkCalendar('night', 'Europe/Berlin', 'Sat 22:00-06:00', [], min('2026-03-01T00:00:00Z'));
    // Saturday 22:00 CET is 21:00Z; Sunday 06:00 CEST is 04:00Z: the clocks skip an hour, 7 working hours.
    expect(cal.workingBetween(min('2026-03-28T21:00:00Z'), min('2026-03-29T04:00:00Z'))).toBe(420);
    expect(iso(cal.addWorking(min('2026-03-28T21:00:00Z'), 420))).toBe('2026-03-29T04:00:00.000Z');
  });
});

/** The one date parser (src/model/dates.ts): days that are not in the calendar are refused with the reason. */
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/model/date-times.js';
import { parseDay, parseDayRange } from '../../src/model/dates.js';

describe('dates', () => {
  it('counts days since 1970-01-01 and knows leap years', () => {
    expect(parseDay('1970-01-02')).toEqual({ ok: true, value: 1 });
    // 2028 is a leap year: 29 February exists, 1 March is the next day.
    const leap = parseDay('2028-02-29');
    const march = parseDay('2028-03-01');
    expect(leap.ok && march.ok && march.value - leap.value).toBe(1);
    expect(parseDay('2026-02-29')).toEqual({ ok: false, message: '"2026-02-29" is not a date: February 2026 has 28 days' });
  });

  it('refuses what Date.parse would roll over or accept', () => {
    expect(parseDay('2026-02-30')).toEqual({ ok: false, message: '"2026-02-30" is not a date: February 2026 has 28 days' });
    expect(parseDay('2026-13-01')).toEqual({ ok: false, message: '"2026-13-01" is not a date: there is no month 13' });
    expect(parseDay('2026-04-31').ok).toBe(false);
    expect(parseDay('1 May 2026').ok).toBe(false);
    // Two-digit years stay themselves (Date.UTC would read 0099 as 1999).
    expect(parseDay('0099-02-29')).toEqual({ ok: false, message: '"0099-02-29" is not a date: February 99 has 28 days' });
  });

  it('reads holiday ranges in order', () => {
    const r = parseDayRange('2026-10-01..2026-10-07');
    expect(r.ok && r.value.to - r.value.from).toBe(6);
    expect(parseDayRange('2026-10-07..2026-10-01')).toEqual({ ok: false, message: '"2026-10-07..2026-10-01" ends before it starts; write the earlier day first' });
    expect(parseDayRange('2026-09-30..2026-09-31')).toEqual({ ok: false, message: '"2026-09-31" is not a date: September 2026 has 30 days' });
  });

  it('reads arrival times with and without an offset', () => {
    expect(parseInstant('2026-07-01T09:30:00+08:00')).toEqual({ ok: true, value: Date.UTC(2026, 6, 1, 1, 30) });
    expect(parseInstant('2026-07-01 09:30', 'Asia/Shanghai')).toEqual({ ok: true, value: Date.UTC(2026, 6, 1, 1, 30) });
    expect(parseInstant('2026-07-01T09:30')).toEqual({ ok: true, value: Date.UTC(2026, 6, 1, 9, 30) });
    expect(parseInstant('2026-02-30T10:00:00Z')).toEqual({ ok: false, message: '"2026-02-30T10:00:00Z" is not a date and time: February 2026 has 28 days' });
    expect(parseInstant('soon').ok).toBe(false);
  });
});

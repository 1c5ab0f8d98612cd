/**
 * Working hours: validate and simulate read them with one parser, so whatever validates also
 * simulates (before, `Mon-Fri 18:00-09:00` passed validate and then stopped simulate).
 */
import { describe, expect, it } from 'vitest';
import { workingUnits, parseHours } from '../../src/model/hours.js';
import { buildProject } from '../../src/model/project.js';
import { WorkCalendar } from '../../src/simulate/calendar.js';

function validateCalendar(hours: string, holidays: string[] = []) {
  const yaml = `crmflow: 1\ncalendars:\n  office:\n    timezone: UTC\n    hours: ${JSON.stringify(hours)}\n    holidays: ${JSON.stringify(holidays)}\n`;
  return buildProject({ root: '/p', config: { path: 'crmflow.yaml', bytes: yaml }, files: [] }).findings;
}

function simulateCalendar(hours: string, holidays: string[] = []): string | undefined {
  try {
    new WorkCalendar('office', 'UTC', hours, holidays, 0);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('one working-hours parser for validate and simulate', () => {
  const cases = [
    'Mon-Fri 09:00-18:00',
    'Mon-Fri 18:00-09:00',
    'Mon-Fri 9:00-18:00',
    'Mon-Fri 09:00-12:00; Mon-Fri 13:00-18:00',
    'Sat-Sun 00:00-24:00',
    'Mon-Fri 09:00-09:00',
    'Mon-Fri 09:00-24:30',
    'Mon-Fri 09:60-10:00',
    'weekdays 9-5',
    'Mon-Fry 09:00-18:00',
    'Mon 24:00-06:00',
  ];
  for (const hours of cases) {
    it(`agrees on "${hours}"`, () => {
      const findings = validateCalendar(hours);
      const failure = simulateCalendar(hours);
      expect(findings.length > 0).toBe(failure !== undefined);
      if (failure) expect(failure).toContain(findings[0]!.message);
    });
  }

  it('reports a holiday that is not in the calendar at its position, and simulate refuses it too', () => {
    const findings = validateCalendar('Mon-Fri 09:00-18:00', ['2026-01-01', '2026-02-30']);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'schema', line: 6, message: 'holiday "2026-02-30" is not a date: February 2026 has 28 days' }),
    ]);
    expect(simulateCalendar('Mon-Fri 09:00-18:00', ['2026-02-30'])).toContain('February 2026 has 28 days');
  });
});

describe('working days and weeks of a calendar', () => {
  const units = (h: string) => {
    const r = parseHours(h);
    if (!r.ok) throw new Error(r.message);
    return workingUnits(r.spans);
  };
  it('is the working minutes of a day and of a week', () => {
    expect(units('Mon-Fri 09:00-18:00')).toEqual({ day: 540, week: 2700 });
    // Lunch breaks are not working time: 3h + 5h.
    expect(units('Mon-Fri 09:00-12:00, Mon-Fri 13:00-18:00')).toEqual({ day: 480, week: 2400 });
    // A half Saturday makes the average working day shorter: (5 × 9h + 4h) / 6 days.
    expect(units('Mon-Fri 09:00-18:00, Sat 09:00-13:00')).toEqual({ day: 490, week: 2940 });
    // Overlapping spans count once; a night shift counts for the day it starts.
    expect(units('Mon-Fri 09:00-17:00, Mon-Fri 12:00-18:00')).toEqual({ day: 540, week: 2700 });
    expect(units('Mon-Fri 22:00-06:00')).toEqual({ day: 480, week: 2400 });
  });
});

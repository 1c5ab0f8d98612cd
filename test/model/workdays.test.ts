/** `workdays:` in a calendar: checked like holidays, and a day cannot be both. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crmflow } from '../cli/helpers.js';

describe('calendar workdays', () => {
  it('reports a workday that is a holiday and one that is not a date, at its line', () => {
    const r = crmflow(['validate', '-C', join(import.meta.dirname, 'fixtures', 'workdays'), '--format', 'json']);
    expect(r.code).toBe(2); // an unusable crmflow.yaml, as for a holiday that is not a date
    const findings = (JSON.parse(r.stdout) as { findings: { message: string; line: number; column: number }[] }).findings;
    expect(findings.map((f) => [f.line, f.column, f.message])).toEqual([
      [8, 40, 'workday "2026-10-03" is also a holiday of calendar "office"; a day is either worked or off'],
      [8, 52, expect.stringContaining('2026-13-01')],
    ]);
  });
});

/** `crmflow calibrate` and `simulate --calibration/--against` through the real CLI (dist/). */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crmflow, noStack } from '../cli/helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'crmflow-calibrate-'));
cpSync(join(FIXTURES, 'loanapp'), dir, { recursive: true });
cpSync(join(FIXTURES, 'event-logs', 'LoanApp_simplified_train.csv.gz'), join(dir, 'train.csv.gz'));
cpSync(join(FIXTURES, 'event-logs', 'LoanApp_simplified_test.csv.gz'), join(dir, 'test.csv.gz'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('crmflow calibrate', () => {
  it('writes an overlay that simulate --calibration --against reads, with the JSON shape of issue 13', () => {
    const c = crmflow(['calibrate', 'loan-application', '--log', 'train.csv.gz', '-o', 'calibration.yaml'], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain('start and end times');
    expect(c.stdout).toMatch(/role clerk: headcount 8/);
    const s = crmflow(['simulate', 'loan-application', '--calibration', 'calibration.yaml', '--against', 'test.csv.gz', '--cases', '300', '--format', 'json', '--chart', 'against.svg'], { cwd: dir });
    expect(s.code, s.stderr).toBe(0);
    const report = JSON.parse(s.stdout);
    expect(Object.keys(report.against)).toEqual(['log', 'cases', 'simulatedCases', 'timestamps', 'cycleTimeDistance', 'ngram3Distance', 'steps']);
    expect(report.against).toMatchObject({ log: 'test.csv.gz', cases: 1000, simulatedCases: 300 });
    expect(report.against.steps[0]).toMatchObject({ step: 'check-application-form-completeness', log: { count: expect.any(Number) }, simulated: { perCase: expect.any(Number) } });
    expect(readFileSync(join(dir, 'against.svg'), 'utf8')).toMatch(/^<svg[^>]*>[\s\S]*<\/svg>\n$/);
  });

  it('--write patches the process file and keeps its comments', () => {
    const file = join(dir, 'processes', 'loan-application.yaml');
    const before = readFileSync(file, 'utf8');
    const c = crmflow(['calibrate', 'loan-application', '--log', 'train.csv.gz', '--write'], { cwd: dir });
    expect(c.code, c.stderr).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).not.toBe(before);
    for (const line of before.split('\n').filter((l) => l.startsWith('#'))) expect(after).toContain(line);
    expect(crmflow(['validate'], { cwd: dir }).code).toBe(0);
  });

  it('reports a bad overlay at file:line:col and exits 2', () => {
    const r = crmflow(['simulate', 'loan-application', '--calibration', join(import.meta.dirname, 'fixtures', 'bad-calibration.yaml')], { cwd: dir });
    expect(r.code).toBe(2);
    // `events: -3`: the value starts in column 9 of line 6.
    expect(r.stderr).toMatch(/bad-calibration\.yaml:6:9: events must be at least 0/);
    expect(noStack(r.stderr)).toBe(true);
  });
});

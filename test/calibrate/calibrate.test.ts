/**
 * Calibration and log distances, against hand computations and counts taken from the log
 * directly (not through crmflow's mapping).
 */
import { execFileSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrate, calibratedRun, fitDuration, moments, parseCalibration, simulateAgainst, wasserstein, type Calibration } from '../../src/calibrate/index.js';
import { patchedFiles } from '../../src/calibrate/write.js';
import { cycleTimeDistance, ngramDistance } from '../../src/simulate/against.js';
import { readEventLog, type EventLog } from '../../src/log/index.js';
import { toDistribution } from '../../src/model/duration.js';
import { loadProject } from '../../src/model/load.js';
import type { Project } from '../../src/model/types.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const TRAIN = join(FIXTURES, 'event-logs', 'LoanApp_simplified_train.csv.gz');
const TEST = join(FIXTURES, 'event-logs', 'LoanApp_simplified_test.csv.gz');

describe('Wasserstein distance', () => {
  it('is the shift between two equal-sized samples moved as a block', () => {
    expect(wasserstein([0, 1, 3], [5, 6, 8])).toBeCloseTo(5, 12);
  });
  it('is the area between the empirical CDFs for samples of different sizes', () => {
    // F = 1 from 0; G = ½ on [0, 1), then 1: area ½·1.
    expect(wasserstein([0], [0, 1])).toBeCloseTo(0.5, 12);
    // F: ⅓ steps at 0, 1, 2; G: ½ steps at 0, 4. |F−G| = ⅙ on [0,1), ⅙ on [1,2), ½ on [2,4): 1/6 + 1/6 + 1.
    expect(wasserstein([0, 1, 2], [0, 4])).toBeCloseTo(4 / 3, 12);
  });
});

describe('log distances', () => {
  it('puts cycle times in 1-hour bins before comparing', () => {
    // Bins 0, 1 against 2, 3: every case moves two bins.
    expect(cycleTimeDistance([0.5, 1.5], [2.2, 3.9])).toBeCloseTo(2, 12);
    // The same bins: no distance, whatever the minutes inside them.
    expect(cycleTimeDistance([0.1, 1.9], [0.9, 1.1])).toBe(0);
  });
  it('counts 3-grams over sequences padded with start and end markers', () => {
    // ⊳⊳a ⊳ab ab⊲ b⊲⊲ against ⊳⊳a ⊳ac ac⊲ c⊲⊲: one in common, 6 of 8 differ.
    expect(ngramDistance([['a', 'b']], [['a', 'c']])).toBeCloseTo(0.75, 12);
    expect(ngramDistance([['a', 'b'], ['a']], [['a'], ['a', 'b']])).toBe(0);
  });
});

describe('duration fitting', () => {
  const values = [3, 5, 6, 8, 9, 12, 14, 20, 25, 40, 4, 7];
  const fit = fitDuration(values, (d) => toDistribution(d));
  const m = moments(values);
  const byFamily = (f: string) => fit.candidates.find((c) => c.family === f)!.duration as Record<string, string>;
  const min = (s: string) => Number(s.replace(/m$/, ''));

  it('matches the sample moments', () => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    expect(m.mean).toBeCloseTo(mean, 12);
    expect(m.sd).toBeCloseTo(sd, 12);
    expect(min(byFamily('gamma').mean!)).toBeCloseTo(mean, 2);
    expect(min(byFamily('gamma').sd!)).toBeCloseTo(sd, 2);
    expect(min(byFamily('exponential').mean!)).toBeCloseTo(mean, 2);
    // Lognormal: σ² = ln(1 + s²/m²), median e^(ln m − σ²/2), p90 median·e^(1.2816σ).
    const s2 = Math.log(1 + (sd * sd) / (mean * mean));
    expect(min(byFamily('lognormal').median!)).toBeCloseTo(mean * Math.exp(-s2 / 2), 2);
    expect(min(byFamily('lognormal').p90!)).toBeCloseTo(mean * Math.exp(-s2 / 2 + 1.2815515655446004 * Math.sqrt(s2)), 2);
    // Triangular over the observed range with the sample's mean.
    // Here 3·mean − min − max is below min, so the mode sits at min.
    expect(min(byFamily('triangular').mode!)).toBeCloseTo(Math.min(40, Math.max(3, 3 * mean - 3 - 40)), 2);
  });

  it('truncates the unbounded families to the observed range', () => {
    for (const f of ['exponential', 'normal', 'lognormal', 'gamma']) expect([byFamily(f).min, byFamily(f).max]).toEqual(['3m', '40m']);
  });

  it('picks the candidate with the smallest distance', () => {
    const distances = fit.candidates.map((c) => c.distance);
    expect(fit.best.distance).toBe(Math.min(...distances));
  });

  it('fits a fixed duration when every observation is the same', () => {
    expect(fitDuration([7, 7, 7], (d) => toDistribution(d)).best.duration).toEqual({ dist: 'fixed', value: '7m' });
  });
});

/** The log's rows read by hand: activity and role columns straight from the CSV. */
function rawRows(path: string): Array<Record<string, string>> {
  const [header, ...lines] = gunzipSync(readFileSync(path)).toString('utf8').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

describe('LoanApp', () => {
  let project: Project;
  let train: EventLog;
  let cal: Calibration;
  const P = 'loan-application';
  beforeAll(async () => {
    project = await loadProject({ cwd: join(FIXTURES, 'loanapp') });
    train = await readEventLog(TRAIN);
    cal = calibrate(project, P, train).calibration;
  });

  it('fits branch probabilities that are the counted frequencies in the log', () => {
    const rows = rawRows(TRAIN);
    const n = (a: string) => rows.filter((r) => r.activity === a).length;
    const step = (id: string) => cal.steps[`${P}/${id}`]!.branches!.map((b) => ('probability' in b ? b.probability : NaN));
    const [returned, checked] = step('sid-d537cf9e-cb8a-4188-80de-1ca903f38436');
    expect(returned).toBeCloseTo(n('Return application back to applicant') / n('Check application form completeness'), 4);
    expect(checked).toBeCloseTo(1 - n('Return application back to applicant') / n('Check application form completeness'), 4);
    expect(step('sid-79aff435-717a-4c1e-87fa-d002372d2251')[0]).toBeCloseTo(n('Reject application') / n('Assess loan risk'), 4);
    expect(step('gateway-06djhup')[0]).toBeCloseTo(n('Approve application') / n('Approve loan offer'), 4);
  });

  it('fits headcounts as the distinct resources of each role column value', () => {
    const rows = rawRows(TRAIN);
    const distinct = (role: string) => new Set(rows.filter((r) => r.role === role).map((r) => r.resource)).size;
    expect(cal.roles!.clerk!.headcount).toBe(distinct('Clerk'));
    expect(cal.roles!['loan-officer']!.headcount).toBe(distinct('Loan Officer'));
    expect(cal.roles!['aml-investigator']!.headcount).toBe(distinct('AML Investigator'));
  });

  it('fits arrivals per weekday and hour that add up to the cases of the log', () => {
    const rows = rawRows(TRAIN);
    const starts = new Map<string, string>();
    for (const r of rows) if (!starts.has(r.case_id!) || r.start_time! < starts.get(r.case_id!)!) starts.set(r.case_id!, r.start_time!);
    const first = [...starts.values()].sort()[0]!;
    const last = [...starts.values()].sort().at(-1)!;
    // Days of each weekday between the first and last arrival.
    const days = new Array<number>(7).fill(0);
    for (let d = Date.parse(first.slice(0, 10) + 'Z'); d <= Date.parse(last.slice(0, 10) + 'Z'); d += 86400000) days[new Date(d).getUTCDay()]!++;
    const keys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    let total = 0;
    keys.forEach((k, i) => (total += (cal.arrivals!['per-hour'][k] ?? []).reduce((a, b) => a + b, 0) * days[i]!));
    expect(total).toBeCloseTo(starts.size, 0);
  });

  it('finds the clock-like arrivals and the delay before the closing steps', () => {
    const rows = rawRows(TRAIN);
    const starts = new Map<string, number>();
    for (const r of rows) starts.set(r.case_id!, Math.min(starts.get(r.case_id!) ?? Infinity, Date.parse(r.start_time! + 'Z')));
    const sorted = [...starts.values()].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((t, i) => [t, sorted[i]!]).filter(([t, u]) => Math.floor(t! / 864e5) === Math.floor(u! / 864e5)).map(([t, u]) => t! - u!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / (gaps.length - 1));
    expect(cal.arrivals!.cv).toBeCloseTo(sd / mean, 3);
    expect(cal.arrivals!.pattern).toBe(sd / mean < 0.5 ? 'regular' : 'random');
    // The log's enabled_time column (crmflow does not read it) shows an hour between the end of
    // the previous activity and the moment these steps could start.
    for (const id of ['reject-application', 'approve-application', 'cancel-application']) {
      expect(cal.steps[`${P}/${id}`]!.delay, id).toEqual({ dist: 'fixed', value: '60m' });
    }
    expect(cal.steps[`${P}/assess-loan-risk`]!.delay).toBeUndefined();
  });

  it('simulated on the overlay, comes within the LoanApp targets (mean of 3 seeded runs)', async () => {
    const test = await readEventLog(TEST);
    let ct = 0;
    let ng = 0;
    for (const seed of [1, 2, 3]) {
      const run = calibratedRun(project, cal, { cases: test.cases.length, seed });
      const { against } = await simulateAgainst(run.project, P, test, { ...run.options, cases: test.cases.length, seed, workers: false });
      ct += against.cycleTimeDistance / 3;
      ng += against.ngram3Distance / 3;
    }
    expect(ct).toBeLessThanOrEqual(1.2);
    expect(ng).toBeLessThanOrEqual(0.06);
  });

  it('simulated on the overlay, takes each branch within ±0.03 of the recorded frequency', async () => {
    const test = await readEventLog(TEST);
    const run = calibratedRun(project, cal, { cases: 600, seed: 3 });
    const { against } = await simulateAgainst(run.project, P, test, { ...run.options, cases: 600, seed: 3, workers: false });
    const per = (id: string) => against.steps.find((s) => s.step === id)!;
    for (const id of ['return-application-back-to-applicant', 'reject-application', 'approve-application', 'cancel-application']) {
      const recorded = cal.steps[`${P}/${id}`]!.observations! / train.cases.length;
      expect(Math.abs(per(id).simulated.perCase - recorded), id).toBeLessThanOrEqual(0.03);
    }
    expect(against.ngram3Distance).toBeGreaterThanOrEqual(0);
    expect(against.ngram3Distance).toBeLessThanOrEqual(1);
  });

  it('reports a bad overlay at file:line:col', () => {
    expect(() => parseCalibration('cal.yaml', 'crmflow-calibration: 1\nprocess: p\nlog: l\ntimestamps: both\ncases: 1\nevents: 1\nsteps: {}\n')).toThrow(/^cal\.yaml:4:13: /);
  });

  it('--write patches durations and probabilities and keeps the comments', () => {
    const [file, text] = [...patchedFiles(project, cal)][0]!;
    expect(file).toBe('processes/loan-application.yaml');
    expect(text).toContain('# Roles added by hand from the log\'s role column');
    expect(text).toContain('probability: 0.39\n');
    expect(text).toMatch(/id: check-credit-history\n(.*\n)*?\s+duration: \{ ?dist: /);
  });
});

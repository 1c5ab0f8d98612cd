/**
 * Scenario comparisons on common random numbers: both sides see the same arrivals, and each
 * case draws the same durations and branches whatever the other cases do, so a change that
 * does not touch a part of the process leaves that part exactly as it was.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { differences } from '../../src/simulate/format.js';
import { simulate } from '../../src/simulate/index.js';
import { ROOT, crmflow } from '../cli/helpers.js';
import { fixture } from './helpers.js';

const FIX = join(import.meta.dirname, 'fixtures');

describe('common random numbers', () => {
  it('a second reviewer changes waiting only: the same cases branch the same way and rework takes as long', async () => {
    // fixtures/crn: one reviewer at ρ ≈ 0.67, then a 30 % branch to a lognormal rework step
    // done by `system` (no queue). With one shared random stream the branch draws interleave
    // with the reviewer's service draws in event order, so a second reviewer reshuffles them.
    const project = await fixture('crn');
    const base = await simulate(project, 'review', { cases: 3000, seed: 7, data: [], workers: false });
    const scen = await simulate(project, 'review', { cases: 3000, seed: 7, data: [], workers: false, set: { 'roles.reviewer.headcount': 2 } });
    expect(scen.roles[0]!.utilisation).toBeLessThan(base.roles[0]!.utilisation * 0.6);
    expect(scen.outcomes).toEqual(base.outcomes);
    const rework = (r: typeof base) => r.steps.find((s) => s.step === 'rework')!;
    expect(rework(scen).working).toEqual(rework(base).working);
    expect(rework(scen).count).toBe(rework(base).count);
    const review = (r: typeof base) => r.steps.find((s) => s.step === 'review')!;
    expect(review(scen).working).toEqual(review(base).working);
    expect(review(scen).waiting.mean).toBeLessThan(review(base).waiting.mean);
  });

  it('a scenario that changes nothing gives zero changes, none of them significant', async () => {
    const project = await fixture('crn');
    const opts = { cases: 1000, seed: 3, runs: 3, data: [], workers: false };
    const base = await simulate(project, 'review', opts);
    const same = await simulate(project, 'review', { ...opts, set: { 'roles.reviewer.headcount': 1 } });
    const diffs = differences(base, same);
    expect(diffs.length).toBeGreaterThan(5);
    for (const d of diffs) {
      expect(d.change, d.figure).toBe(0);
      expect(d.significant, d.figure).toBe(false);
    }
  });

  it('--compare runs 5 replications and flags every change in text and Markdown', () => {
    const text = crmflow(['simulate', 'review', '--cases', '500', '--scenario', 'two-reviewers', '--compare', '--no-progress'], { cwd: join(FIX, 'crn') });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('5 runs each on common random numbers');
    const rows = text.stdout.split('\n').filter((l) => /^(cycleTime|throughput|efficiency|roles)\./.test(l) || /^(throughput|efficiency) /.test(l));
    expect(rows.length).toBe(7);
    for (const row of rows) expect(row).toMatch(/ (not )?significant$/);
    // Halving the reviewer's load halves its utilisation: Welch's test must see that.
    expect(rows.find((r) => r.startsWith('roles.reviewer.utilisation'))).toMatch(/ significant$/);
    const md = crmflow(['simulate', 'review', '--cases', '500', '--scenario', 'two-reviewers', '--compare', '--format', 'markdown', '--no-progress'], { cwd: join(FIX, 'crn') });
    expect(md.code, md.stderr).toBe(0);
    const mdRows = md.stdout.split('\n').filter((l) => /^\| (cycleTime|throughput|efficiency|roles)/.test(l));
    expect(mdRows.length).toBe(7);
    for (const row of mdRows) expect(row).toMatch(/\| (yes|no) \|$/);
  }, 120_000);

  it('refuses --compare with a single run: a change could not be told from noise', () => {
    const r = crmflow(['simulate', 'review', '--scenario', 'two-reviewers', '--compare', '--runs', '1'], { cwd: join(FIX, 'crn') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--compare needs at least 2 runs');
  });

  it('more-managers on the example: the complaint KPI (no sales manager involved) does not move significantly', () => {
    const r = crmflow(['simulate', 'lead-to-cash', '--scenario', 'more-managers', '--compare', '--format', 'json', '--no-progress'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { method: { runs: number }; differences: Array<{ figure: string; change: number | null; significant: boolean | null }> };
    expect(out.method.runs).toBe(5);
    for (const d of out.differences) if (d.change !== null) expect(typeof d.significant, d.figure).toBe('boolean');
    const complaint = out.differences.find((d) => d.figure === 'kpis.complaint-resolution-time.p90')!;
    expect(complaint.change === 0 || complaint.significant === false, JSON.stringify(complaint)).toBe(true);
    // The change it is about: the sales managers' load drops by a third.
    const managers = out.differences.find((d) => d.figure === 'roles.sales-manager.utilisation')!;
    expect(managers).toMatchObject({ significant: true });
    expect(managers.change!).toBeLessThan(0);
  }, 120_000);
});

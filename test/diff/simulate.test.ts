import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiff } from '../../src/diff/run.js';
import { runReview } from '../../src/diff/review.js';
import { addCycleTimes, CycleTimer } from '../../src/diff/simulate.js';
import { tempRepo, type TempRepo } from './repo.js';

describe('diff --simulate and review --simulate', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempRepo();
    repo.use('v1');
    repo.commit('v1', '2026-06-15T09:00:00Z');
    repo.use('v2');
    repo.commit('v2', '2026-07-15T09:00:00Z');
  });
  afterAll(() => repo.remove());

  const options = () => ({ cwd: repo.dir, root: repo.dir, seed: 7, cases: 200 });

  it('adds cycle time p50/p90 before → after for each process in the diff', async () => {
    const r = await runDiff({ cwd: repo.dir, revisions: ['HEAD~1', 'HEAD'] });
    r.repo.close();
    await addCycleTimes(r.report, r.before, r.after, options());
    const byId = Object.fromEntries(r.report.processes.map((p) => [p.id, p.cycleTime]));
    const d = byId['discount-approval']!;
    expect(d.before!.p50).toBeGreaterThan(0);
    expect(d.before!.p90).toBeGreaterThanOrEqual(d.before!.p50);
    // a second, day-long CFO approval makes the after side slower
    expect(d.after!.p50).toBeGreaterThan(d.before!.p50);
    expect(byId.renewal).toMatchObject({ before: null, after: { p50: expect.any(Number) } });
    expect(byId['lead-assignment']).toMatchObject({ before: { p50: expect.any(Number) }, after: null });
  });

  it('gives the same figures for the same seed, and caches by content', async () => {
    const r = await runDiff({ cwd: repo.dir, revisions: ['HEAD', 'HEAD'] });
    r.repo.close();
    const timer = new CycleTimer(options());
    const a = await timer.cycleTime(r.before, 'discount-approval');
    const b = await timer.cycleTime(r.after, 'discount-approval');
    expect(b).toEqual(a);
    expect(timer.simulations).toBe(1);
  });

  it('review gives the cycle-time trend at the start and after each commit', async () => {
    const report = await runReview({ cwd: repo.dir, since: '2026-07-01', simulate: { seed: 7, cases: 200 } });
    const d = report.processes.find((p) => p.id === 'discount-approval')!;
    expect(d.trend!.map((t) => t.commit)).toEqual(['start', report.to.commit.slice(0, 7)]);
    expect(d.trend![1]!.p50).toBeGreaterThan(d.trend![0]!.p50!);
    expect(report.summary.slower.map((s) => s.id)).toContain('discount-approval');
  });
});

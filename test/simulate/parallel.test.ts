/**
 * Parallel blocks: a branch that reaches an end step ends its process instance (BPMN's
 * terminate end event) and the other branches are withdrawn. Expected figures are worked
 * out by hand in the fixture files (test/simulate/fixtures/parallel-reject/processes).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/index.js';
import { fixture } from './helpers.js';

const count = (r: Awaited<ReturnType<typeof simulate>>, step: string) => r.steps.find((s) => s.step === step)!.count;

describe('a branch that reaches an end ends the case', () => {
  it('legal always rejects: every case ends rejected, each counted once', async () => {
    const project = await fixture('parallel-reject');
    const r = await simulate(project, 'p', { cases: 100, data: [] });
    expect(r.outcomes).toEqual({ rejected: 100 });
    expect(r.cases).toBe(100);
    expect(r.stopped.cases).toBe(0);
  });

  it('withdraws the other branch: its server is freed, its SLA timer dropped, its step not counted', async () => {
    const project = await fixture('parallel-reject');
    const r = await simulate(project, 'withdrawn', { cases: 200, data: [] });
    expect(r.outcomes).toEqual({ rejected: 200 });
    // Every case ends 30 minutes after it arrives; finance never holds up the next case.
    expect(r.cycleTime.max).toBe(30);
    expect(count(r, 'finance-ok')).toBe(0);
    expect(count(r, 'escalate')).toBe(0);
    expect(r.slas[0]).toMatchObject({ step: 'finance-ok', entered: 0, breached: 0 });
    // 30 minutes of finance work an hour (2 hours an hour if the withdrawn work ran on).
    const finance = r.roles.find((x) => x.role === 'finance')!.utilisation;
    expect(finance).toBeGreaterThan(0.45);
    expect(finance).toBeLessThan(0.55);
  });

  it('matches the hand-computed shares: legal 0.5, finance 0.5 × 0.2, approved 0.5 × 0.8', async () => {
    const project = await fixture('parallel-reject');
    const n = 20000;
    const r = await simulate(project, 'odds', { cases: n, seed: 7, data: [] });
    const share = (k: string) => (r.outcomes[k] ?? 0) / n;
    // Four binomial standard deviations, sqrt(p(1 − p)/n): 0.014 at p = 0.5, 0.0085 at 0.1.
    const tol = (p: number) => 4 * Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs(share('legal-rejected') - 0.5)).toBeLessThan(tol(0.5));
    expect(Math.abs(share('finance-rejected') - 0.1)).toBeLessThan(tol(0.1));
    expect(Math.abs(share('legal-rejected') + share('finance-rejected') - 0.6)).toBeLessThan(tol(0.6));
    expect(r.cases).toBe(n);
    expect(Object.values(r.outcomes).reduce((a, b) => a + b, 0)).toBe(n);
    // Finance only finishes for the cases legal let through.
    expect(count(r, 'finance-ok')).toBe(r.outcomes.approved! + r.outcomes['finance-rejected']!);
  });

  it('an end inside a called process ends that process only; the caller goes on', async () => {
    const project = await fixture('parallel-reject');
    const r = await simulate(project, 'caller', { cases: 100, data: [] });
    expect(r.outcomes).toEqual({ done: 100 });
    // The called process returns "refused" after 10 minutes (its slow branch withdrawn);
    // the caller's side task of 1 hour decides the cycle time.
    expect(count(r, 'slow')).toBe(0);
    expect(count(r, 'note')).toBe(100);
    expect(count(r, 'side')).toBe(100);
    expect(r.cycleTime.max).toBe(60);
    expect(r.cycleTime.mean).toBe(60);
  });
});

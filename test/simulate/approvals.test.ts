/**
 * Approval modes (会签 / 或签 / 依次审批, `{ supervisor }`) and pools (公海池) against closed
 * forms and hand computation. Fixtures: fixtures/approvals (one process per case below).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/index.js';
import { fixture } from './helpers.js';

const rel = (x: number, y: number) => Math.abs(x - y) / y;

describe('approval modes', () => {
  it('all over two one-person roles is a two-server fork-join queue: mean (12 − ρ)/8 · 1/(μ − λ) (Nelson & Tantawi)', async () => {
    // λ = 1/10, μ = 1/5 per approver, ρ = 0.5: (12 − 0.5)/8 · 10 = 14.375 min. Standard error
    // of the mean over 100k correlated sojourns is well under 1 %; 3 % leaves room for that.
    const project = await fixture('approvals');
    const r = await simulate(project, 'fork-join', { cases: 100_000, warmup: 2_000, seed: 3, data: [] });
    const step = r.steps.find((s) => s.step === 'countersign' && s.approver === undefined)!;
    const inStep = step.waiting.mean + step.working.mean;
    expect(rel(inStep, (11.5 / 8) * 10)).toBeLessThan(0.03);
    // Each approver alone is an M/M/1 queue: sojourn 1/(μ − λ) = 10 min, utilisation 0.5.
    for (const role of ['legal', 'finance']) {
      const row = r.steps.find((s) => s.approver === role)!;
      expect(rel(row.waiting.mean + row.working.mean, 10)).toBeLessThan(0.03);
      expect(rel(r.roles.find((x) => x.role === role)!.utilisation, 0.5)).toBeLessThan(0.03);
    }
    // An explicit probability 0 is a probability: no warning that the path has none.
    expect(r.warnings.filter((w) => w.includes('neither a condition nor a probability'))).toEqual([]);
    expect(r.outcomes).toEqual({ approved: r.cases });
  });

  it('all rejects with probability 1 − Π(1 − p_i) and withdraws the other request', async () => {
    // Two approvers each rejecting with p = 0.2: 1 − 0.8² = 0.36. 20,000 cases: sd √(0.36·0.64/20000) = 0.0034.
    const project = await fixture('approvals');
    const r = await simulate(project, 'all-reject', { cases: 20_000, seed: 4, data: [] });
    expect(Math.abs((r.outcomes.rejected ?? 0) / r.cases - 0.36)).toBeLessThan(0.015);
    // Both take exactly 1h and are never queued: the step takes 1h whatever the decision.
    const step = r.steps.find((s) => s.step === 'countersign' && s.approver === undefined)!;
    expect(step.waiting.mean + step.working.mean).toBeCloseTo(60, 6);
  });

  it('any: the first to decide decides; the other request is withdrawn and its work stops there', async () => {
    // Two approvers with exponential work of mean 1h, cases 100h apart: the step takes the
    // minimum, exponential with mean 30 min. Each approver decides half the cases; the other
    // is withdrawn at that moment, so each role is busy E[min] = 30 min per case
    // (utilisation 0.005), not its own 1h (0.01). 20,000 cases: sd of a mean ≈ 0.7 %.
    const project = await fixture('approvals');
    const r = await simulate(project, 'any-race', { cases: 20_000, seed: 5, data: [] });
    const step = r.steps.find((s) => s.step === 'either' && s.approver === undefined)!;
    expect(rel(step.working.mean, 30)).toBeLessThan(0.03);
    expect(step.waiting.mean).toBeCloseTo(0, 6);
    for (const role of ['fast', 'slow']) {
      const row = r.steps.find((s) => s.approver === role)!;
      expect(Math.abs(row.count / r.cases - 0.5)).toBeLessThan(0.02);
      expect(row.count + row.withdrawn!).toBe(r.cases);
      expect(rel(r.roles.find((x) => x.role === role)!.utilisation, 0.005)).toBeLessThan(0.05);
    }
  });

  it('sequence adds the approvers up and stops at the first rejection', async () => {
    // Three approvers of 2h each, each rejecting half the time: a case reaches approver k
    // with probability 0.5^(k−1), so the step takes 2h · (1 + 0.5 + 0.25) = 3.5h on average,
    // 6h when approved (1 in 8), and 7/8 of the cases are rejected.
    const project = await fixture('approvals');
    const r = await simulate(project, 'in-order', { cases: 20_000, seed: 6, data: [] });
    const step = r.steps.find((s) => s.step === 'chain' && s.approver === undefined)!;
    expect(rel(step.working.mean, 210)).toBeLessThan(0.02);
    expect(step.waiting.mean).toBeCloseTo(0, 6);
    expect(Math.abs((r.outcomes.rejected ?? 0) / r.cases - 7 / 8)).toBeLessThan(0.01);
    const counts = ['legal', 'finance', 'director'].map((a) => r.steps.find((s) => s.approver === a)!.count / r.cases);
    expect(Math.abs(counts[0]! - 1)).toBeLessThan(1e-9);
    expect(Math.abs(counts[1]! - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(counts[2]! - 0.25)).toBeLessThan(0.015);
  });

  it('{ supervisor: 2 } goes two levels up the reporting line from the submitter', async () => {
    // rep (1h) → their manager's manager, the director (2h); arrivals every 10h.
    const project = await fixture('approvals');
    const r = await simulate(project, 'supervisor', { cases: 500, seed: 7, data: [] });
    const util = (role: string) => r.roles.find((x) => x.role === role)?.utilisation ?? 0;
    expect(util('director')).toBeCloseTo(0.2, 2);
    expect(util('manager')).toBe(0);
    expect(r.steps.find((s) => s.approver === 'supervisor 2')!.count).toBe(500);
  });
});

describe('pools (公海池)', () => {
  it('one claimer with limit 1 and exponential work is an M/M/1 queue in the pool: Wq = ρ/(μ − λ)', async () => {
    // λ = 1/10, μ = 1/5: Wq = 0.5/0.1 = 5 min; the time-weighted pool size is Lq = ρ²/(1 − ρ) = 0.5.
    const project = await fixture('approvals');
    const r = await simulate(project, 'pool-mm1', { cases: 200_000, warmup: 2_000, seed: 8, data: [] });
    const pool = r.pools![0]!;
    expect(rel(pool.timeInPool.mean, 5)).toBeLessThan(0.04);
    expect(rel(pool.size.mean, 0.5)).toBeLessThan(0.04);
    expect(pool.claims).toBe(198_000);
    expect(pool.recycles).toBe(0);
    // The claimer holds one case at a time, so the follow-up itself never queues.
    expect(r.steps.find((s) => s.step === 'follow-up')!.waiting.mean).toBeCloseTo(0, 6);
  });

  it('recycle returns a case that has not moved on in time to its pool', async () => {
    // Follow-up takes 1..10 days: 3 in 9 attempts pass 7 days and go back to the pool, so a
    // lead is recycled 1/(1 − 1/3) − 1 = 0.5 times on average.
    const project = await fixture('approvals');
    const r = await simulate(project, 'pool-recycle', { cases: 20_000, seed: 9, data: [] });
    const pool = r.pools![0]!;
    expect(Math.abs(pool.recycles / r.cases - 0.5)).toBeLessThan(0.03);
    expect(pool.claims).toBe(r.cases + pool.recycles);
    expect(pool.size.max).toBe(0);
  });
});

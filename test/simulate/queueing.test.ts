/**
 * The engine against queueing theory: M/M/1 and M/M/c (Erlang C) mean waiting time in the
 * queue and utilisation, within 3 %. Fixtures: fixtures/mm1, fixtures/mmc.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/simulate/index.js';
import { fixture } from './helpers.js';

/** Erlang C: probability that an arrival has to wait, for c servers and offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const rho = a / c;
  return last / (1 - rho) / (sum + last / (1 - rho));
}

const rel = (x: number, y: number) => Math.abs(x - y) / y;

describe('queueing theory', () => {
  it('M/M/1: λ = 1/10, μ = 1/5 → Wq = ρ/(μ−λ) = 5 min, utilisation 0.5', async () => {
    const project = await fixture('mm1');
    const r = await simulate(project, 'mm1', { cases: 200_000, warmup: 2_000, seed: 1, data: [] });
    const serve = r.steps.find((s) => s.step === 'serve')!;
    const wq = 0.5 / (1 / 5 - 1 / 10);
    expect(rel(serve.waiting.mean, wq)).toBeLessThan(0.03);
    expect(rel(r.roles[0]!.utilisation, 0.5)).toBeLessThan(0.03);
    expect(rel(r.cycleTime.mean, wq + 5)).toBeLessThan(0.03);
  });

  it('M/M/3: λ = 1/5, μ = 1/10 → Wq = C(3, 2)/(cμ − λ), utilisation 2/3', async () => {
    const project = await fixture('mmc');
    const r = await simulate(project, 'mmc', { cases: 200_000, warmup: 2_000, seed: 1, data: [] });
    const serve = r.steps.find((s) => s.step === 'serve')!;
    const wq = erlangC(3, 2) / (3 / 10 - 1 / 5); // 4.444… min
    expect(wq).toBeCloseTo(4.444, 2);
    expect(rel(serve.waiting.mean, wq)).toBeLessThan(0.03);
    expect(rel(r.roles[0]!.utilisation, 2 / 3)).toBeLessThan(0.03);
  });
});

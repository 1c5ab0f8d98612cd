/**
 * Message waits: the message comes at its own time (`arrives`), the timeout only cuts it off.
 * Before, the message came uniformly before the timeout, so raising a timeout moved arrivals.
 */
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { simulate } from '../../src/simulate/index.js';

function project(wait: string) {
  const yaml = `crmflow: 1
id: pay
layer: operation
steps:
  - id: in
    type: start
    next: await-payment
  - id: await-payment
    type: wait
    message: payment-received
${wait}
    next: paid
  - id: paid
    type: end
    outcome: paid
  - id: late
    type: end
    outcome: late
`;
  const p = buildProject({ root: '/virtual', config: { path: 'crmflow.yaml', bytes: 'crmflow: 1\n' }, files: [{ path: 'processes/pay.yaml', bytes: yaml }] });
  expect(p.findings).toEqual([]);
  return p;
}

const DAY = 1440;

describe('message waits', () => {
  it('raising the timeout does not move arrivals that come well before it', async () => {
    const wait = (timeout: string) => `    arrives: 1d..10d\n    timeout: ${timeout}\n    on: { timeout: { next: late } }`;
    const a = await simulate(project(wait('30d')), 'pay', { cases: 4000, data: [] });
    const b = await simulate(project(wait('45d')), 'pay', { cases: 4000, data: [] });
    expect(b.cycleTime).toEqual(a.cycleTime);
    // Uniform on 1d..10d: the median is 5.5 days (before: half the timeout, 15 and 22.5 days).
    expect(Math.abs(a.cycleTime.p50 - 5.5 * DAY)).toBeLessThan(0.25 * DAY);
    expect(a.outcomes).toEqual({ paid: 4000 });
    expect(a.warnings).toEqual([]);
  });

  it('times out with the probability that the message comes after the timeout', async () => {
    // Exponential arrivals with mean 10d against a 10d timeout: P(A > T) = e^-1.
    const n = 20000;
    const r = await simulate(project('    arrives: { dist: exponential, mean: 10d }\n    timeout: 10d\n    on: { timeout: { next: late } }'), 'pay', { cases: n, data: [] });
    const share = r.outcomes.late! / n;
    const se = Math.sqrt((Math.exp(-1) * (1 - Math.exp(-1))) / n);
    expect(Math.abs(share - Math.exp(-1))).toBeLessThan(4 * se);
    // A timed-out case waits exactly the timeout; E[min(A, T)] = mean × (1 − e^(−T/mean)).
    expect(r.cycleTime.max).toBe(10 * DAY);
    expect(Math.abs(r.cycleTime.mean - 10 * DAY * (1 - Math.exp(-1)))).toBeLessThan(0.03 * 10 * DAY);
  });

  it('a probability on on.timeout is the share whose message never comes', async () => {
    const n = 20000;
    const r = await simulate(project('    arrives: { dist: exponential, mean: 10d }\n    timeout: 10d\n    on: { timeout: { next: late, probability: 0.5 } }'), 'pay', { cases: n, data: [] });
    const p = 0.5 + 0.5 * Math.exp(-1);
    expect(Math.abs(r.outcomes.late! / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it('says so when a message wait does not say when the message comes', async () => {
    const r = await simulate(project('    timeout: 7d\n    on: { timeout: { next: late, probability: 0.3 } }'), 'pay', { cases: 10, data: [] });
    expect(r.warnings).toEqual([
      'wait pay/await-payment does not say when "payment-received" comes, so the simulation lets it come at once; add arrives: (e.g. { dist: exponential, mean: 3d })',
    ]);
  });
});

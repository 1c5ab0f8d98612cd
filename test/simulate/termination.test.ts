/**
 * Every run ends: random small processes (loops, SLAs, forks, waits, zero durations) always
 * finish or stop every case, whatever the probabilities (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { simulate } from '../../src/simulate/index.js';

const duration = fc.constantFrom('0m', '1m', '30m', '2h', '1d', '1m..3h', '{ dist: exponential, mean: 1h }', '{ dist: lognormal, median: 1h, p90: 8h }');

function processYaml(p: { loop: number; rework: number; work: string; sla: string; breach: boolean; headcount: number; wait: string; fork: boolean }): string {
  return `crmflow: 1
id: random
layer: operation
steps:
  - id: in
    type: start
    arrivals: { every: 30m }
    next: ${p.fork ? 'split' : 'work'}
  - id: split
    type: parallel
    branches: [work, side]
    join: joined
  - id: side
    type: wait
    message: reply
    timeout: ${p.wait}
    on: { timeout: { next: joined, probability: 0.5 } }
    next: joined
  - id: work
    type: task
    role: clerk
    duration: ${p.work}
    sla: { within: ${p.sla}${p.breach ? ', breach: rework' : ''} }
    on: { rejected: { next: rework, probability: ${p.rework} } }
    next: ${p.fork ? 'joined' : 'check'}
  - id: joined
    type: join
    next: check
  - id: rework
    type: task
    role: clerk
    duration: ${p.work}
    next: work
  - id: check
    type: decision
    branches:
      - probability: ${p.loop}
        next: ${p.fork ? 'split' : 'work'}
      - else: out
  - id: out
    type: end
    outcome: done
`;
}

describe('termination', () => {
  it('every case finishes or is stopped, for any probabilities', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          loop: fc.constantFrom(0, 0.5, 0.99, 1),
          rework: fc.constantFrom(0, 0.3, 1),
          work: duration,
          sla: fc.constantFrom('1m', '1h', '1d'),
          breach: fc.boolean(),
          headcount: fc.integer({ min: 1, max: 3 }),
          wait: fc.constantFrom('1m', '1h', '3d'),
          fork: fc.boolean(),
        }),
        async (p) => {
          const project = buildProject({
            root: '/virtual',
            config: { path: 'crmflow.yaml', bytes: `crmflow: 1\nroles:\n  clerk: { headcount: ${p.headcount} }\n` },
            files: [{ path: 'processes/random.yaml', bytes: processYaml(p) }],
          });
          expect(project.findings.filter((f) => f.severity === 'error')).toEqual([]);
          const r = await simulate(project, 'random', { cases: 40, data: [], maxSteps: 200 });
          expect(r.cases).toBe(40);
          expect((r.outcomes.done ?? 0) + r.stopped.cases).toBe(40);
        },
      ),
      { numRuns: Number(process.env.SIM_FUZZ_RUNS ?? 60), seed: 5 },
    );
  });
});

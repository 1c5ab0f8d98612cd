/**
 * Byte mutations of the example project through the real CLI: `crmflow validate` and
 * `crmflow lint` on a copy whose process file has random bytes changed must end with
 * exit 0 or 1 (problems are findings) and never print a stack trace. Spawning is slow,
 * so 40 cases here; model.property.test.ts runs hundreds in-process.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hasStack, run } from '../hostile/run.js';
import { applyMutations, mutationArb, ROOT } from './mutate.js';

const FILES = ['processes/operation/discount-approval.yaml', 'processes/core/lead-to-cash.yaml', 'crmflow.yaml'];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('byte-mutated example through the CLI', () => {
  it('validate and lint exit 0 or 1 without a stack trace', async () => {
    const originals = new Map(FILES.map((f) => [f, readFileSync(join(ROOT, f))]));
    const cases = fc.sample(
      fc.record({ file: fc.constantFrom(...FILES), mutations: fc.integer({ min: 0, max: 1 << 30 }) }),
      { numRuns: 40, seed: 20261123 },
    ).map((c, i) => ({ ...c, command: i % 2 === 0 ? 'validate' : 'lint' }));
    // Two copies of the example, one per worker: the machine has two cores.
    const worker = async () => {
      const base = mkdtempSync(join(tmpdir(), 'crmflow-fuzz-'));
      dirs.push(base);
      for (const f of ['crmflow.yaml', 'processes', 'data']) cpSync(join(ROOT, f), join(base, f), { recursive: true });
      const failures: string[] = [];
      for (let c = cases.shift(); c; c = cases.shift()) {
        const original = originals.get(c.file)!;
        const [mutations] = fc.sample(mutationArb(original.length), { numRuns: 1, seed: c.mutations });
        writeFileSync(join(base, c.file), applyMutations(original, mutations!));
        // crmflow.yaml broken is "could not run" (2) by contract; a broken process file is a finding (1).
        const allowed = c.file === 'crmflow.yaml' ? [0, 1, 2] : [0, 1];
        const r = await run([c.command], base, 10_000);
        const why = `crmflow ${c.command} with ${c.file} mutated by ${JSON.stringify(mutations)}: exit ${r.code}${r.timedOut ? ' (timed out)' : ''}\n${r.stderr.slice(0, 800)}`;
        if (r.timedOut || r.code === null || !allowed.includes(r.code) || hasStack(r.stderr) || hasStack(r.stdout)) failures.push(why);
        writeFileSync(join(base, c.file), original);
      }
      return failures;
    };
    const failures = (await Promise.all([worker(), worker()])).flat();
    expect(failures).toEqual([]);
  }, 120_000);
});

/**
 * Property tests are reproducible in CI: a fixed seed there (and in .ci/run), FC_SEED to pin
 * it anywhere, and a failure that names the seed and how to replay it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CI_SEED, failureMessage, propertySeed } from './seed.js';

describe('property-test seed', () => {
  it('is FC_SEED when set, the fixed CI seed under CI, else fresh', () => {
    expect(propertySeed({ FC_SEED: '7', CI: 'true' })).toBe(7);
    expect(propertySeed({ CI: 'true' })).toBe(CI_SEED);
    expect(propertySeed({ CI: '1' })).toBe(CI_SEED);
    expect(Number.isInteger(propertySeed({}))).toBe(true);
    expect(() => propertySeed({ FC_SEED: 'abc' })).toThrow('FC_SEED must be a whole number, not "abc"');
  });

  it('.ci/run pins it: CI and FC_SEED are exported before the tests run', () => {
    const script = readFileSync(join(import.meta.dirname, '..', '..', '.ci', 'run'), 'utf8');
    const seed = /^export FC_SEED="\$\{FC_SEED:-(\d+)\}"$/m.exec(script);
    expect(seed, script).not.toBeNull();
    expect(Number(seed![1])).toBe(CI_SEED);
    expect(script).toMatch(/^export CI="\$\{CI:-true\}"$/m);
    expect(script.indexOf('export FC_SEED')).toBeLessThan(script.indexOf('npm test'));
  });

  it('a failure names its seed and the command that replays the same cases', () => {
    const details = fc.check(fc.property(fc.integer(), (x) => x < 100), { seed: 4242 });
    expect(details.failed).toBe(true);
    const message = failureMessage(details);
    expect(message).toContain('seed: 4242');
    expect(message).toContain('replay with: FC_SEED=4242 npx vitest run test/property');
    // The same seed finds the same counterexample.
    expect(fc.check(fc.property(fc.integer(), (x) => x < 100), { seed: 4242 }).counterexample).toEqual(details.counterexample);
  });

  it('the configured reporter fails the property with that message', async () => {
    const { configureSeed } = await import('./seed.js');
    const seed = configureSeed({ FC_SEED: '99' });
    expect(seed).toBe(99);
    expect(() => fc.assert(fc.property(fc.integer(), (x) => x < 100))).toThrow(/seed: 99[\s\S]*replay with: FC_SEED=99/);
    await expect(fc.assert(fc.asyncProperty(fc.integer(), async (x) => x < 100))).rejects.toThrow(/replay with: FC_SEED=99/);
  });
});

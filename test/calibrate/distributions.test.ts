/** The gamma family and truncation added for calibration, against closed forms. */
import { describe, expect, it } from 'vitest';
import { describeDuration, toDistribution } from '../../src/model/duration.js';
import { durationProblems } from '../../src/model/duration-checks.js';
import { Rng, Sampler } from '../../src/simulate/random.js';

const draw = (input: Parameters<typeof toDistribution>[0], n = 100_000) => {
  const s = new Sampler(toDistribution(input));
  const rng = new Rng(7);
  return Array.from({ length: n }, () => s.sample(rng));
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

describe('gamma', () => {
  it('has the mean and standard deviation it is given (shape above and below 1)', () => {
    for (const [m, s] of [[30, 10], [30, 60]] as const) {
      const xs = draw({ dist: 'gamma', mean: `${m}m`, sd: `${s}m` });
      expect(Math.abs(mean(xs) - m) / m).toBeLessThan(0.01);
      expect(Math.abs(sd(xs) - s) / s).toBeLessThan(0.02);
    }
  });
  it('must have a mean above zero', () => {
    expect(durationProblems({ dist: 'gamma', mean: '0m', sd: '1m' }, ['duration'], 'duration')).toHaveLength(1);
  });
});

describe('truncation', () => {
  it('keeps every draw in [min, max] with the truncated mean of an exponential', () => {
    // Exponential(mean 10) on [5, 20]: E = 10 + (5e^{-1/2} − 20e^{-2}) / (e^{-1/2} − e^{-2}).
    const xs = draw({ dist: 'exponential', mean: '10m', min: '5m', max: '20m' });
    expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(5);
    expect(xs.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(20);
    const a = Math.exp(-0.5);
    const b = Math.exp(-2);
    expect(mean(xs)).toBeCloseTo(10 + (5 * a - 20 * b) / (a - b), 1);
  });
  it('reports bounds that run backwards', () => {
    expect(durationProblems({ dist: 'normal', mean: '10m', sd: '1m', min: '20m', max: '5m' }, ['duration'], 'duration')[0]?.message).toMatch(/max 5m is below min 20m/);
  });
});

describe('describeDuration', () => {
  it('names the bounds of a truncated family', () => {
    expect(describeDuration({ dist: 'gamma', mean: '11m', sd: '6m', min: '1m', max: '40m' })).toBe('gamma mean 11m, sd 6m, within 1m..40m');
    expect(describeDuration({ dist: 'gamma', mean: '11m', sd: '6m' })).toBe('gamma mean 11m, sd 6m');
  });
});

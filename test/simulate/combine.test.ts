/**
 * The statistics behind `--runs` and `--compare`, against published tables and hand
 * computations: Student's t quantiles, confidence half-widths and Welch's t-test.
 */
import { describe, expect, it } from 'vitest';
import { halfWidth, significant, t975, welch } from '../../src/simulate/combine.js';

describe('t975: two-sided 95 % quantile of Student t', () => {
  // Values from any t table (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2, column 0.975).
  it.each([
    [1, 12.706],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
    [40, 2.021],
    [60, 2.0],
    [120, 1.98],
  ])('df = %i → %f', (df, q) => {
    expect(Math.abs(t975(df) - q)).toBeLessThan(0.0025);
  });

  it('tends to the normal quantile 1.960 for large df, and is undefined below 1', () => {
    expect(t975(100_000)).toBeCloseTo(1.96, 3);
    expect(t975(0)).toBeNaN();
  });
});

describe('halfWidth: 95 % confidence half-width of a mean', () => {
  it('matches t · s / √n computed by hand', () => {
    // [1..5]: mean 3, s² = (4+1+0+1+4)/4 = 2.5, s/√n = √0.5 = 0.7071; t(4) = 2.776 → 1.963.
    expect(halfWidth([1, 2, 3, 4, 5])).toBe(1.96);
    // [10, 12]: s² = 2, s/√2 = 1; t(1) = 12.706.
    expect(halfWidth([10, 12])).toBe(12.71);
    // No spread, or a single run: no interval.
    expect(halfWidth([7, 7, 7])).toBe(0);
    expect(halfWidth([7])).toBe(0);
  });
});

describe("Welch's t-test", () => {
  it('gives the t and df of a hand computation, significant when |t| > t975(⌊df⌋)', () => {
    // a = [1..5]: mean 3, s² = 2.5, s²/n = 0.5. b = [4, 6, 8, 10, 12]: mean 8, s² = 10, s²/n = 2.
    // t = (8 − 3) / √(0.5 + 2) = 5 / 1.5811 = 3.1623.
    // df = 2.5² / (0.5²/4 + 2²/4) = 6.25 / 1.0625 = 5.882 → t975(5) = 2.571 < 3.162: significant.
    const r = welch([1, 2, 3, 4, 5], [4, 6, 8, 10, 12])!;
    expect(r.t).toBeCloseTo(3.1623, 4);
    expect(r.df).toBeCloseTo(5.8824, 4);
    expect(r.significant).toBe(true);
    // b = [2, 3, 4, 5, 7]: mean 4.2, s² = (4.84+1.44+0.04+0.64+7.84)/4 = 3.7, s²/n = 0.74.
    // t = 1.2 / √1.24 = 1.0776; df = 1.24² / (0.5²/4 + 0.74²/4) = 1.5376 / 0.1994 = 7.711
    // → t975(7) = 2.365 > 1.078: not significant.
    const n = welch([1, 2, 3, 4, 5], [2, 3, 4, 5, 7])!;
    expect(n.t).toBeCloseTo(1.0776, 4);
    expect(n.df).toBeCloseTo(7.7111, 3);
    expect(n.significant).toBe(false);
    expect(significant([1, 2, 3, 4, 5], [2, 3, 4, 5, 7])).toBe(false);
  });

  it("agrees with the textbook examples of Welch's test (Wikipedia, \"Welch's t-test\", examples 1 and 2)", () => {
    // Example 1: unequal variances, equal sizes; published t = −2.46, df ≈ 25.0, p = 0.021.
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const b1 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const r1 = welch(b1, a1)!;
    expect(r1.t).toBeCloseTo(-2.46, 2);
    expect(r1.df).toBeCloseTo(25.0, 1);
    expect(r1.significant).toBe(true);
    // Example 2: unequal sizes; published t = −1.57, df ≈ 9.9, p = 0.149.
    const a2 = [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8];
    const b2 = [21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8];
    const r2 = welch(b2, a2)!;
    expect(r2.t).toBeCloseTo(-1.57, 2);
    expect(r2.df).toBeCloseTo(9.9, 1);
    expect(r2.significant).toBe(false);
  });

  it('needs two runs per side; without spread only a different mean is significant', () => {
    expect(welch([1], [1, 2])).toBeUndefined();
    expect(significant([1, 2], [3])).toBeUndefined();
    expect(welch([5, 5], [5, 5])).toEqual({ t: 0, df: 2, significant: false });
    expect(significant([5, 5], [6, 6])).toBe(true);
  });
});

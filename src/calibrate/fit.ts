/**
 * Fits a duration distribution to observed durations: every candidate family is matched to
 * the sample's moments, truncated to the observed range, and the one whose draws lie closest
 * to the data (1-D Wasserstein distance) wins.
 */
import type { Distribution } from '../model/duration.js';
import type { DurationInput } from '../model/schema.js';
import { Rng, Sampler } from '../simulate/random.js';
import { wasserstein } from './wasserstein.js';

/** Fewer observations than this are reported as too few to fit. */
export const MIN_OBSERVATIONS = 10;

export const FAMILIES = ['fixed', 'exponential', 'normal', 'lognormal', 'gamma', 'uniform', 'triangular', 'empirical'] as const;
export type Family = (typeof FAMILIES)[number];

/** Draws per candidate when measuring its distance to the data (seeded: the same log gives the same fit). */
const DRAWS = 4000;
/** Quantiles an empirical fit keeps, so a long log does not become a long YAML list. */
const EMPIRICAL_POINTS = 100;
/** z of the 90th percentile of the standard normal. */
const Z90 = 1.2815515655446004;

export interface Moments {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  sd: number;
  min: number;
  max: number;
}

export interface Candidate {
  family: Family;
  /** In the file format (durations as `12.5m`). */
  duration: DurationInput;
  /** Wasserstein distance to the data, minutes. */
  distance: number;
}

export interface DurationFit extends Moments {
  /** The chosen candidate. */
  best: Candidate;
  /** Every candidate that could be built, best first. */
  candidates: Candidate[];
}

export function moments(values: readonly number[]): Moments {
  const n = values.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min, max };
}

/** Minutes as a duration of the file format, e.g. 12.3456 → `12.346m`. */
export function minutesText(minutes: number): string {
  return `${Number(Math.max(0, minutes).toFixed(3))}m`;
}

/** The moment-matched candidates of each family, in the file format, truncated to [min, max]. */
export function candidates(m: Moments, values: readonly number[]): Array<{ family: Family; duration: DurationInput }> {
  const t = minutesText;
  const bounds = { min: t(m.min), max: t(m.max) };
  const out: Array<{ family: Family; duration: DurationInput }> = [{ family: 'fixed', duration: { dist: 'fixed', value: t(m.mean) } }];
  if (m.max === m.min || m.sd === 0) return out;
  if (m.mean > 0) out.push({ family: 'exponential', duration: { dist: 'exponential', mean: t(m.mean), ...bounds } });
  out.push({ family: 'normal', duration: { dist: 'normal', mean: t(m.mean), sd: t(m.sd), ...bounds } });
  if (m.mean > 0) {
    // Lognormal with the sample's mean and variance: σ² = ln(1 + s²/m²), μ = ln m − σ²/2.
    const s2 = Math.log(1 + (m.sd * m.sd) / (m.mean * m.mean));
    const mu = Math.log(m.mean) - s2 / 2;
    out.push({ family: 'lognormal', duration: { dist: 'lognormal', median: t(Math.exp(mu)), p90: t(Math.exp(mu + Z90 * Math.sqrt(s2))), ...bounds } });
    out.push({ family: 'gamma', duration: { dist: 'gamma', mean: t(m.mean), sd: t(m.sd), ...bounds } });
  }
  // Uniform with the sample's mean and variance (half-width √3·s), kept inside the observed range.
  const half = Math.sqrt(3) * m.sd;
  out.push({ family: 'uniform', duration: { dist: 'uniform', min: t(Math.max(m.min, m.mean - half)), max: t(Math.min(m.max, m.mean + half)) } });
  // Triangular over the observed range whose mean (min + mode + max)/3 is the sample's.
  const mode = Math.min(m.max, Math.max(m.min, 3 * m.mean - m.min - m.max));
  out.push({ family: 'triangular', duration: { dist: 'triangular', min: t(m.min), mode: t(mode), max: t(m.max) } });
  out.push({ family: 'empirical', duration: { dist: 'empirical', values: empiricalPoints(values).map(t) } });
  return out;
}

/** The sample itself when short, else its quantiles at (i + ½)/k. */
function empiricalPoints(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length <= EMPIRICAL_POINTS) return sorted;
  return Array.from({ length: EMPIRICAL_POINTS }, (_, i) => sorted[Math.min(sorted.length - 1, Math.floor(((i + 0.5) / EMPIRICAL_POINTS) * sorted.length))]!);
}

/** Seeded draws of a distribution, as the simulator samples it. */
export function draws(dist: Distribution, count = DRAWS, seed = 1): number[] {
  const sampler = new Sampler(dist);
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => sampler.sample(rng));
}

/** Fits `values` (minutes; at least one). `toDistribution` turns a file-format duration into minutes. */
export function fitDuration(values: readonly number[], toDistribution: (d: DurationInput) => Distribution): DurationFit {
  const m = moments(values);
  const scored = candidates(m, values).map((c) => ({ ...c, distance: wasserstein(values, draws(toDistribution(c.duration))) }));
  // Stable: on a tie the simpler family (earlier in FAMILIES) stays first.
  scored.sort((a, b) => a.distance - b.distance);
  return { ...m, best: scored[0]!, candidates: scored };
}

/**
 * The one seeded random source of a run and the duration samplers built on it. Every draw
 * goes through `Rng`, so the same seed gives the same report byte for byte.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Distribution } from '../model/duration.js';

/** A seeded uniform source (xoroshiro128+ from pure-rand). */
export class Rng {
  private readonly gen: RandomGenerator;
  private spare = NaN;
  constructor(seed: number, stream?: number) {
    this.gen = stream === undefined ? xoroshiro128plus(seed | 0) : xoroshiro128plusFromState(streamState(seed, stream));
  }
  /** Uniform in [0, 1). */
  next(): number {
    return uniformFloat64(this.gen);
  }
  /** Standard normal (Box–Muller; the second value is kept for the next call). */
  normal(): number {
    const s = this.spare;
    if (s === s) {
      this.spare = NaN;
      return s;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/** murmur3's 32-bit finaliser: every input bit moves every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The 128-bit xoroshiro state of stream `stream` (a case index) of `seed`: distinct
 * (seed, stream) pairs give unrelated states, so case i draws the same numbers whatever
 * other cases do (common random numbers for scenario comparisons).
 */
function streamState(seed: number, stream: number): number[] {
  const lo = stream >>> 0;
  const hi = Math.floor(stream / 4294967296) >>> 0;
  const state = [0, 1, 2, 3].map((k) => fmix32(fmix32(fmix32((seed | 0) ^ Math.imul(k + 1, 0x9e3779b9)) ^ lo) ^ hi));
  if (!state.some((x) => x !== 0)) state[0] = 1;
  return state;
}

const FIXED = 0;
const UNIFORM = 1;
const TRIANGULAR = 2;
const EXPONENTIAL = 3;
const NORMAL = 4;
const LOGNORMAL = 5;
const EMPIRICAL = 6;
const GAMMA = 7;

/** Draws left outside a truncated family's bounds before the value is clamped into them. */
const TRUNCATION_TRIES = 64;

/** z of the 90th percentile of the standard normal. */
const Z90 = 1.2815515655446004;

/**
 * A compiled distribution in minutes. One class with a numeric kind keeps the call site in
 * the event loop monomorphic (no closure per step).
 */
export class Sampler {
  private kind = FIXED;
  private a = 0;
  private b = 0;
  private c = 0;
  private values: number[] = [];
  private lo = 0;
  private hi = Infinity;

  constructor(readonly dist: Distribution) {
    switch (dist.dist) {
      case 'fixed':
        this.a = dist.value;
        break;
      case 'uniform':
        this.kind = UNIFORM;
        this.a = Math.min(dist.min, dist.max);
        this.b = Math.max(dist.min, dist.max);
        break;
      case 'triangular': {
        this.kind = TRIANGULAR;
        const lo = Math.min(dist.min, dist.max);
        const hi = Math.max(dist.min, dist.max);
        this.a = lo;
        this.b = hi;
        this.c = Math.min(hi, Math.max(lo, dist.mode));
        break;
      }
      case 'exponential':
        this.kind = EXPONENTIAL;
        this.a = dist.mean;
        break;
      case 'normal':
        this.kind = NORMAL;
        this.a = dist.mean;
        this.b = dist.sd;
        break;
      case 'lognormal':
        this.kind = LOGNORMAL;
        this.a = Math.log(Math.max(dist.median, 1e-9));
        this.b = Math.max(0, Math.log(Math.max(dist.p90, 1e-9) / Math.max(dist.median, 1e-9)) / Z90);
        break;
      case 'gamma': {
        // Shape k = (mean/sd)², scale θ = sd²/mean.
        this.kind = GAMMA;
        const mean = Math.max(dist.mean, 1e-9);
        const sd = Math.max(dist.sd, 1e-9);
        this.a = (mean / sd) ** 2;
        this.b = (sd * sd) / mean;
        break;
      }
      case 'empirical':
        this.kind = EMPIRICAL;
        this.values = dist.values.slice();
        break;
    }
    if ('lo' in dist && dist.lo !== undefined) this.lo = Math.max(0, dist.lo);
    if ('hi' in dist && dist.hi !== undefined) this.hi = Math.max(this.lo, dist.hi);
  }

  /** One duration in minutes (never negative), within the bounds of a truncated family. */
  sample(rng: Rng): number {
    if (this.lo === 0 && this.hi === Infinity) return this.draw(rng);
    let x = 0;
    for (let i = 0; i < TRUNCATION_TRIES; i++) {
      x = this.draw(rng);
      if (x >= this.lo && x <= this.hi) return x;
    }
    return Math.min(this.hi, Math.max(this.lo, x));
  }

  private draw(rng: Rng): number {
    switch (this.kind) {
      case FIXED:
        return this.a;
      case UNIFORM:
        return this.a + (this.b - this.a) * rng.next();
      case TRIANGULAR: {
        const { a, b, c } = this;
        if (b === a) return a;
        const u = rng.next();
        const f = (c - a) / (b - a);
        return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
      }
      case EXPONENTIAL:
        return -this.a * Math.log(1 - rng.next());
      case NORMAL: {
        // Truncated at zero by rejection; a mean far below zero would loop, so give up after 64 tries.
        for (let i = 0; i < 64; i++) {
          const x = this.a + this.b * rng.normal();
          if (x >= 0) return x;
        }
        return 0;
      }
      case LOGNORMAL:
        return Math.exp(this.a + this.b * rng.normal());
      case GAMMA:
        return gamma(rng, this.a) * this.b;
      default:
        return this.values[Math.floor(rng.next() * this.values.length)] ?? 0;
    }
  }
}

/** A Gamma(k, 1) draw by Marsaglia and Tsang (2000); k < 1 via the boost Gamma(k+1)·U^(1/k). */
function gamma(rng: Rng, k: number): number {
  if (k < 1) {
    let u = rng.next();
    while (u === 0) u = rng.next();
    return gamma(rng, k + 1) * Math.pow(u, 1 / k);
  }
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

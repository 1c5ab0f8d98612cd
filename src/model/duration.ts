/**
 * Durations and distributions of DESIGN §3, in minutes (calendar time).
 */
import { DURATION_PATTERN, type DurationInput } from './schema.js';

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };

/** Bounds of a truncated family (`calibrate` fits within the observed range). */
export interface Bounds {
  lo?: number;
  hi?: number;
}

/** A duration distribution with every value in minutes. */
export type Distribution =
  | { dist: 'fixed'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'triangular'; min: number; mode: number; max: number }
  | ({ dist: 'exponential'; mean: number } & Bounds)
  | ({ dist: 'normal'; mean: number; sd: number } & Bounds)
  | ({ dist: 'lognormal'; median: number; p90: number } & Bounds)
  | ({ dist: 'gamma'; mean: number; sd: number } & Bounds)
  | { dist: 'empirical'; values: number[] };

/**
 * The length of a day and a week in minutes. Around the clock a day is 1,440 minutes; under a
 * working calendar `d` and `w` are its working day and working week (`WorkCalendar.dayMinutes`).
 */
export interface DayUnits {
  day: number;
  week: number;
}

/** `90m` → 90, `1.5h` → 90, `2d` → 2880 (or 2 working days under `units`). Throws on anything else (validation catches it first). */
export function parseDuration(text: string, units?: DayUnits): number {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a duration`);
  const unit = m[2]!;
  const size = units && unit === 'd' ? units.day : units && unit === 'w' ? units.week : UNIT_MINUTES[unit]!;
  return Number(m[1]) * size;
}

/** The unit a duration is written in, in words: `8h` → hours, `2d` → days. */
export function unitWord(text: string): string {
  const unit = DURATION_PATTERN.exec(text.trim())?.[2];
  return unit === 'm' ? 'minutes' : unit === 'h' ? 'hours' : unit === 'd' ? 'days' : unit === 'w' ? 'weeks' : 'time';
}

/** Whether `text` is a single duration such as `2h`. */
export function isDuration(text: string): boolean {
  return DURATION_PATTERN.test(text.trim());
}

/** Turns any duration form of the file format into a distribution in minutes (`d`, `w` per `units`). */
export function toDistribution(input: DurationInput, units?: DayUnits): Distribution {
  const p = (text: string) => parseDuration(text, units);
  if (typeof input === 'string') {
    const parts = input.split('..');
    if (parts.length === 2) return { dist: 'uniform', min: p(parts[0]!), max: p(parts[1]!) };
    return { dist: 'fixed', value: p(input) };
  }
  const bounds = (b: { min?: string; max?: string }): Bounds => ({
    ...(b.min !== undefined ? { lo: p(b.min) } : {}),
    ...(b.max !== undefined ? { hi: p(b.max) } : {}),
  });
  switch (input.dist) {
    case 'fixed':
      return { dist: 'fixed', value: p(input.value) };
    case 'uniform':
      return { dist: 'uniform', min: p(input.min), max: p(input.max) };
    case 'triangular':
      return { dist: 'triangular', min: p(input.min), mode: p(input.mode), max: p(input.max) };
    case 'exponential':
      return { dist: 'exponential', mean: p(input.mean), ...bounds(input) };
    case 'normal':
      return { dist: 'normal', mean: p(input.mean), sd: p(input.sd), ...bounds(input) };
    case 'lognormal':
      return { dist: 'lognormal', median: p(input.median), p90: p(input.p90), ...bounds(input) };
    case 'gamma':
      return { dist: 'gamma', mean: p(input.mean), sd: p(input.sd), ...bounds(input) };
    case 'empirical':
      return { dist: 'empirical', values: input.values.map(p) };
  }
}

/** The mean of a distribution in minutes (what a diagram or a quick estimate shows). */
export function meanOf(d: Distribution): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'exponential':
      return d.mean;
    case 'normal':
      return d.mean; // truncation at zero shifts this slightly; fine for an estimate
    case 'lognormal': {
      const sigma = Math.log(d.p90 / d.median) / 1.2815515655446004;
      return d.median * Math.exp((sigma * sigma) / 2);
    }
    case 'gamma':
      return d.mean; // before truncation, like normal
    case 'empirical':
      return d.values.reduce((a, b) => a + b, 0) / d.values.length;
  }
}

/** 90 → `1.5h`, 2880 → `2d`, 45 → `45m`: the shortest exact form, else rounded. */
export function formatDuration(minutes: number): string {
  if (!Number.isFinite(minutes)) return String(minutes);
  const m = Math.abs(minutes);
  for (const [unit, size] of [['w', 10080], ['d', 1440], ['h', 60]] as const) {
    if (m >= size && Number.isInteger((m / size) * 10)) return `${round(minutes / size)}${unit}`;
  }
  if (m >= 1440) return `${round(minutes / 1440)}d`;
  if (m >= 60) return `${round(minutes / 60)}h`;
  return `${round(minutes)}m`;
}

/** Writes a distribution back in the file format's words, e.g. `lognormal median 2h, p90 1d`. */
export function describeDuration(input: DurationInput): string {
  if (typeof input === 'string') return input;
  const family = describeFamily(input);
  // A truncated family (as calibrate writes it) says its bounds too.
  if (input.dist === 'exponential' || input.dist === 'normal' || input.dist === 'lognormal' || input.dist === 'gamma') {
    if (input.min !== undefined || input.max !== undefined) return `${family}, within ${input.min ?? '0m'}..${input.max ?? '∞'}`;
  }
  return family;
}

function describeFamily(input: Exclude<DurationInput, string>): string {
  switch (input.dist) {
    case 'fixed':
      return input.value;
    case 'uniform':
      return `${input.min}..${input.max}`;
    case 'triangular':
      return `triangular ${input.min}/${input.mode}/${input.max}`;
    case 'exponential':
      return `exponential mean ${input.mean}`;
    case 'normal':
      return `normal mean ${input.mean}, sd ${input.sd}`;
    case 'lognormal':
      return `lognormal median ${input.median}, p90 ${input.p90}`;
    case 'gamma':
      return `gamma mean ${input.mean}, sd ${input.sd}`;
    case 'empirical':
      return `empirical ${input.values.join(', ')}`;
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

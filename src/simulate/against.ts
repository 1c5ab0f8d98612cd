/**
 * `simulate --against <log>`: simulated cases beside recorded ones. Cycle-time distance as
 * Simod's log-distance-measures computes it (each case's first start to last end, in 1-hour
 * bins, 1-D Wasserstein, in hours), 3-gram distance of the activity sequences, and per step
 * the mean duration and how often it happens per case.
 */
import { wasserstein } from '../calibrate/wasserstein.js';
import type { EventLog } from '../log/index.js';
import type { EventRow } from './event-log.js';

/** One case reduced to what the comparison needs: its steps in order with their times (minutes). */
export interface Trace {
  events: Array<{ step: string; start: number; end: number }>;
}

export interface AgainstStep {
  step: string;
  log: { count: number; perCase: number; meanDuration: number | null };
  simulated: { count: number; perCase: number; meanDuration: number | null };
}

export interface AgainstReport {
  log: string;
  /** Cases in the log and in the simulation. */
  cases: number;
  simulatedCases: number;
  timestamps: 'start-end' | 'single';
  /** Hours. */
  cycleTimeDistance: number;
  /** Fraction in [0, 1]. */
  ngram3Distance: number;
  steps: AgainstStep[];
  /** Cycle times in hours (for the chart). */
  cycleTimes: { log: number[]; simulated: number[] };
}

const START = '\u0002start';
const STOP = '\u0003end';

/** A log's cases as traces; `stepOf` names the step an activity stands for (else the activity stays). */
export function logTraces(log: EventLog, stepOf: (activity: string) => string | undefined): Trace[] {
  return log.cases.map((c) => ({
    events: c.events
      .map((e) => ({ step: stepOf(e.activity) ?? e.activity, start: (e.start ?? e.end) / 60000, end: e.end / 60000 }))
      .sort((a, b) => a.start - b.start || a.end - b.end),
  }));
}

/**
 * Simulated rows (grouped by case id, in order) as traces. `calls` folds the steps of a called
 * process into the calling step (one stage in a stage history); stage rows (waits, ends) stay
 * only where the log shows them (`shown`).
 */
export function simulatedTraces(rows: readonly EventRow[], at: { calls?: ReadonlyMap<string, string>; shown?: ReadonlySet<string> } = {}): Trace[] {
  const byCase = new Map<string, Trace>();
  const callers = new Set(at.calls?.values());
  for (const r of rows) {
    const slash = r.step.indexOf('/');
    const step = (slash > 0 ? at.calls?.get(r.step.slice(0, slash)) : undefined) ?? r.step;
    if (r.stage && !at.shown?.has(step)) continue;
    let t = byCase.get(r.caseId);
    if (!t) byCase.set(r.caseId, (t = { events: [] }));
    t.events.push({ step, start: r.start, end: r.end });
  }
  for (const t of byCase.values()) {
    t.events.sort((a, b) => a.start - b.start || a.end - b.end);
    // One call is one stage: consecutive steps folded into the same calling step merge.
    if (callers.size) {
      const merged: Trace['events'] = [];
      for (const e of t.events) {
        const last = merged[merged.length - 1];
        if (last && last.step === e.step && callers.has(e.step)) last.end = Math.max(last.end, e.end);
        else merged.push({ ...e });
      }
      t.events = merged;
    }
  }
  return [...byCase.values()];
}

/** Each case's first start to last end, in hours. */
export function cycleTimes(traces: readonly Trace[]): number[] {
  return traces
    .filter((t) => t.events.length > 0)
    .map((t) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (const e of t.events) {
        lo = Math.min(lo, e.start);
        hi = Math.max(hi, e.end);
      }
      return (hi - lo) / 60;
    });
}

/** Wasserstein distance of the cycle times put in 1-hour bins (each case counts as its bin's number), in hours. */
export function cycleTimeDistance(a: readonly number[], b: readonly number[], binHours = 1): number {
  const bin = (xs: readonly number[]) => xs.map((x) => Math.floor(x / binHours));
  return wasserstein(bin(a), bin(b)) * binHours;
}

/** The n-grams of each sequence padded with n−1 start and n−1 end markers, counted. */
export function ngrams(sequences: ReadonlyArray<readonly string[]>, n = 3): Map<string, number> {
  const counts = new Map<string, number>();
  for (const seq of sequences) {
    const padded = [...new Array<string>(n - 1).fill(START), ...seq, ...new Array<string>(n - 1).fill(STOP)];
    for (let i = 0; i + n <= padded.length; i++) {
      const key = padded.slice(i, i + n).join('\u0000');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** Σ|count difference| over Σ both logs' counts: 0 the same n-grams as often, 1 none in common. */
export function ngramDistance(a: ReadonlyArray<readonly string[]>, b: ReadonlyArray<readonly string[]>, n = 3): number {
  const ca = ngrams(a, n);
  const cb = ngrams(b, n);
  let diff = 0;
  let total = 0;
  for (const [k, x] of ca) {
    diff += Math.abs(x - (cb.get(k) ?? 0));
    total += x;
  }
  for (const [k, y] of cb) {
    if (!ca.has(k)) diff += y;
    total += y;
  }
  return total === 0 ? 0 : diff / total;
}

/** Compares the traces; `steps` gives the order of the per-step rows (others follow by name). */
export function compareTraces(
  logName: string,
  timestamps: 'start-end' | 'single',
  recorded: readonly Trace[],
  simulated: readonly Trace[],
  steps: readonly string[] = [],
): AgainstReport {
  const seq = (ts: readonly Trace[]) => ts.map((t) => t.events.map((e) => e.step));
  const perStep = (ts: readonly Trace[], withDuration: boolean) => {
    const m = new Map<string, { count: number; sum: number }>();
    for (const t of ts) {
      for (const e of t.events) {
        const s = m.get(e.step) ?? { count: 0, sum: 0 };
        s.count++;
        s.sum += e.end - e.start;
        m.set(e.step, s);
      }
    }
    return (step: string) => {
      const s = m.get(step);
      return { count: s?.count ?? 0, perCase: ts.length ? (s?.count ?? 0) / ts.length : 0, meanDuration: s && withDuration ? s.sum / s.count : null };
    };
  };
  const logStep = perStep(recorded, timestamps === 'start-end');
  const simStep = perStep(simulated, true);
  const names = new Set<string>(steps);
  const extra = new Set<string>();
  for (const t of [...recorded, ...simulated]) for (const e of t.events) if (!names.has(e.step)) extra.add(e.step);
  const order = [...steps, ...[...extra].sort()];
  const log = cycleTimes(recorded);
  const sim = cycleTimes(simulated);
  return {
    log: logName,
    cases: recorded.length,
    simulatedCases: simulated.length,
    timestamps,
    cycleTimeDistance: cycleTimeDistance(log, sim),
    ngram3Distance: ngramDistance(seq(recorded), seq(simulated), 3),
    steps: order.map((step) => ({ step, log: logStep(step), simulated: simStep(step) })).filter((s) => s.log.count > 0 || s.simulated.count > 0),
    cycleTimes: { log, simulated: sim },
  };
}

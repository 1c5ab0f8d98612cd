/**
 * Replications: the figures of N runs averaged, with a 95 % confidence half-width
 * (Student's t) for each headline figure, and Welch's t-test for comparing scenarios.
 */
import type { Replication, SimulationReport, TimeSummary } from './types.js';

/** The headline figures of a single-run report. */
export function replicationOf(r: SimulationReport): Replication {
  return {
    seed: r.seed,
    cycleTime: r.cycleTime,
    efficiency: r.efficiency,
    throughput: r.throughput,
    utilisation: r.roles.map((x) => x.utilisation),
    slaRate: r.slas.map((x) => x.rate),
    kpi: r.kpis.map((x) => x.value),
  };
}

/** Two-sided 97.5 % quantiles of Student's t for 1…30 degrees of freedom. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function t975(df: number): number {
  if (df < 1) return NaN;
  return df <= 30 ? T975[df - 1]! : 1.96 + 2.4 / df;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function variance(xs: number[]): number {
  const m = mean(xs);
  return xs.length > 1 ? xs.reduce((a, b) => a + (b - m) * (b - m), 0) / (xs.length - 1) : 0;
}
/** 95 % confidence half-width of the mean of `xs`. */
export function halfWidth(xs: number[]): number {
  return xs.length > 1 ? round(t975(xs.length - 1) * Math.sqrt(variance(xs) / xs.length), 2) : 0;
}

/**
 * Welch's t-test of two sets of replications: t = (mean b − mean a) / √(s²a/na + s²b/nb)
 * with Welch–Satterthwaite degrees of freedom, significant when |t| exceeds the two-sided
 * 5 % quantile at ⌊df⌋. Undefined with fewer than two runs on either side. Two sides with
 * no spread at all differ significantly exactly when their means differ.
 */
export function welch(a: number[], b: number[]): { t: number; df: number; significant: boolean } | undefined {
  if (a.length < 2 || b.length < 2) return undefined;
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const d = mean(b) - mean(a);
  if (va + vb === 0) return { t: d === 0 ? 0 : d > 0 ? Infinity : -Infinity, df: a.length + b.length - 2, significant: d !== 0 };
  const t = d / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  return { t, df, significant: Math.abs(t) > t975(Math.max(1, Math.floor(df))) };
}

/** Whether two sets of replications differ at the 5 % level (`welch`); undefined with fewer than two runs on either side. */
export function significant(a: number[], b: number[]): boolean | undefined {
  return welch(a, b)?.significant;
}

/** Averages replications of the same model into one report with `ci95` and `replications`. */
export function combine(reports: SimulationReport[]): SimulationReport {
  if (reports.length === 1) return reports[0]!;
  const first = reports[0]!;
  const avg = (f: (r: SimulationReport) => number, digits = 2) => round(mean(reports.map(f)), digits);
  const hw = (f: (r: SimulationReport) => number) => halfWidth(reports.map(f));
  const keys: Array<keyof TimeSummary> = ['mean', 'p50', 'p90', 'p95', 'max'];
  const cycleTime = Object.fromEntries(keys.map((k) => [k, avg((r) => r.cycleTime[k])])) as unknown as TimeSummary;
  const cycleCi = Object.fromEntries(keys.map((k) => [k, hw((r) => r.cycleTime[k])])) as unknown as TimeSummary;
  const outcomes: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
  const sorted: Record<string, number> = {};
  for (const k of Object.keys(outcomes).sort()) sorted[k] = outcomes[k]!;
  const stoppedAt = new Map<string, SimulationReport['stopped']['at'][number]>();
  for (const r of reports) {
    for (const s of r.stopped.at) {
      const key = `${s.process}/${s.step}/${s.reason}`;
      const prev = stoppedAt.get(key);
      if (prev) prev.cases += s.cases;
      else stoppedAt.set(key, { ...s });
    }
  }
  const bins = new Map<number, number>();
  for (const r of reports) for (const b of r.histogram) bins.set(b.upTo, (bins.get(b.upTo) ?? 0) + b.count);
  return {
    process: first.process,
    cases: reports.reduce((a, r) => a + r.cases, 0),
    seed: first.seed,
    runs: reports.length,
    warmup: first.warmup,
    window: first.window,
    utilisationWindow: first.utilisationWindow,
    cycleTime,
    outcomes: sorted,
    stopped: { cases: reports.reduce((a, r) => a + r.stopped.cases, 0), at: [...stoppedAt.values()] },
    steps: first.steps.map((s, i) => ({
      ...s,
      count: reports.reduce((a, r) => a + r.steps[i]!.count, 0),
      ...(s.withdrawn !== undefined ? { withdrawn: reports.reduce((a, r) => a + (r.steps[i]!.withdrawn ?? 0), 0) } : {}),
      waiting: { mean: avg((r) => r.steps[i]!.waiting.mean), p90: avg((r) => r.steps[i]!.waiting.p90) },
      working: { mean: avg((r) => r.steps[i]!.working.mean), p90: avg((r) => r.steps[i]!.working.p90) },
      share: avg((r) => r.steps[i]!.share, 4),
    })),
    roles: first.roles.map((x, i) => ({ ...x, utilisation: avg((r) => r.roles[i]!.utilisation, 4), utilisationCi95: round(hw((r) => r.roles[i]!.utilisation * 10000) / 10000, 4) })),
    ...(first.pools
      ? {
          pools: first.pools.map((x, i) => ({
            ...x,
            size: { mean: avg((r) => r.pools![i]!.size.mean), p90: avg((r) => r.pools![i]!.size.p90), max: Math.max(...reports.map((r) => r.pools![i]!.size.max)) },
            timeInPool: { mean: avg((r) => r.pools![i]!.timeInPool.mean), p90: avg((r) => r.pools![i]!.timeInPool.p90) },
            claims: reports.reduce((a, r) => a + r.pools![i]!.claims, 0),
            recycles: reports.reduce((a, r) => a + r.pools![i]!.recycles, 0),
          })),
        }
      : {}),
    slas: first.slas.map((x, i) => ({
      ...x,
      entered: reports.reduce((a, r) => a + r.slas[i]!.entered, 0),
      breached: reports.reduce((a, r) => a + r.slas[i]!.breached, 0),
      rate: avg((r) => r.slas[i]!.rate, 4),
      rateCi95: round(hw((r) => r.slas[i]!.rate * 10000) / 10000, 4),
    })),
    kpis: first.kpis.map((x, i) => {
      const values = reports.map((r) => r.kpis[i]!.value).filter((v): v is number => v !== null);
      const value = values.length ? round(mean(values), 2) : null;
      return { ...x, value, met: value !== null && value <= x.target, count: reports.reduce((a, r) => a + r.kpis[i]!.count, 0), valueCi95: halfWidth(values) };
    }),
    efficiency: avg((r) => r.efficiency, 4),
    throughput: avg((r) => r.throughput),
    histogram: [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([upTo, count]) => ({ upTo, count })),
    events: reports.reduce((a, r) => a + r.events, 0),
    warnings: [...new Set(reports.flatMap((r) => r.warnings))],
    // Every run evaluates the same conditions on the same rows.
    conditionErrors: first.conditionErrors,
    ci95: { cycleTime: cycleCi, efficiency: round(hw((r) => r.efficiency * 10000) / 10000, 4), throughput: hw((r) => r.throughput) },
    replications: reports.map(replicationOf),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

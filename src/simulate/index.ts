/**
 * `simulate`: discrete-event simulation of a process and everything it calls, on sample
 * case data or generated arrivals (DESIGN §7).
 *
 * ```ts
 * const report = await simulate(project, 'lead-to-cash', { cases: 10000, seed: 42, runs: 4 });
 * report.cycleTime.p90; // minutes
 * ```
 * @packageDocumentation
 */
import { isAbsolute, join } from 'node:path';
import { embed, msg, part } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { workerFile as findWorkerFile } from '../model/package-root.js';
import type { Project } from '../model/types.js';
import { combine } from './combine.js';
import { loadCases, parseArrival, type CaseRecord } from './data.js';
import { Run, type RunOptions } from './engine.js';
import { EventLogBuilder, type EventRow } from './event-log.js';
import { LIMITS } from './limits.js';
import { compileModel } from './model.js';
import type { Progress, SimulationReport } from './types.js';

export type { SimulationReport, Progress, StepReport, RoleReport, SlaReport, KpiReport, TimeSummary, ConditionError } from './types.js';
export { loadCases, parseCsvCases, parseJsonCases, type CaseRecord, type CaseDataOptions } from './data.js';
export { significant, halfWidth } from './combine.js';
export { LIMITS, COMPARE_RUNS } from './limits.js';
export { EVENT_COLUMNS, eventCsvHeader, eventCsvLines, type EventRow } from './event-log.js';

/** Monday 2026-01-05 00:00 UTC: where generated arrivals start. */
export const DEFAULT_START = Date.UTC(2026, 0, 5) / 60000;

export interface SimulateOptions {
  /**
   * Case rows (`case.<column>` in conditions). When left out, the `simulate.data` file of
   * crmflow.yaml is read (pass `[]` for none).
   */
  data?: CaseRecord[];
  /** Leave out rows of the `simulate.data` file whose values do not fit their fields (else an error). */
  skipBadRows?: boolean;
  /** The column holding each case's arrival time (default: crmflow.yaml `simulate.arrival-field`). */
  arrivalField?: string;
  /** Cases per run (default: crmflow.yaml, else the data rows, else 1000). */
  cases?: number;
  /** Seed of the first run; run i uses seed + i (default 42). */
  seed?: number;
  /** Replications (default 1). */
  runs?: number;
  /** Cases at the start of each run left out of the figures. */
  warmup?: number;
  /** Overrides such as `{ 'roles.sales-manager.headcount': '3' }`. */
  set?: Record<string, string | number | boolean>;
  /** Steps after which a case is stopped as a runaway loop (default 1000). */
  maxSteps?: number;
  /** Where generated arrivals start, epoch minutes (default 2026-01-05 00:00 UTC). */
  start?: number;
  /** Called about every 30,000 events with the progress so far. */
  onProgress?: (p: Progress) => void;
  /** Run replications on worker threads (default true when runs > 1 and built). */
  workers?: boolean;
  /** Stops between chunks when it returns true (the --ui re-runs). */
  cancelled?: () => boolean;
  /**
   * Receives the event log, a case at a time in case order (ids `<run>-<case>` with several
   * runs). Replications then run on this thread: a worker cannot call back.
   */
  onEvents?: (rows: EventRow[]) => void;
  /** The event log also holds waits and end steps (rows with `stage`), as a stage history does. */
  eventStages?: boolean;
}

/** The plan a run follows: its options without the callbacks (what a worker receives). */
export interface Plan {
  processId: string;
  data: CaseRecord[];
  set: Record<string, string | number | boolean>;
  maxSteps?: number;
  run: Omit<RunOptions, 'seed'>;
  seed: number;
  runs: number;
  origin: number;
  /** Warnings from reading the `simulate.data` file (rows skipped, declared fields it lacks). */
  dataWarnings: string[];
}

/** Resolves options, data and arrival times into a plan. Throws `CrmflowError` on bad input. */
export async function plan(project: Project, processId: string, options: SimulateOptions = {}): Promise<Plan> {
  const errors = project.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    throw new CrmflowError(
      msg(`simPlan.invalid.${errors.length === 1 ? 'one' : 'other'}`, { n: errors.length }),
      msg('run.seeValidate'),
      'invalid-project',
    );
  }
  if (!project.processes.has(processId)) {
    throw new CrmflowError(msg('run.noProcess', { process: processId }), msg('run.knownProcesses', { known: [...project.processes.keys()].sort().join(', ') || part('run.none') }));
  }
  const cfg = project.config.simulate ?? {};
  let data = options.data;
  const dataWarnings: string[] = [];
  if (data === undefined) {
    data = [];
    if (cfg.data) {
      const path = isAbsolute(cfg.data) ? cfg.data : join(project.root, cfg.data);
      data = await loadCases(path, { fields: project.config.fields, skipBadRows: options.skipBadRows, onWarning: (w) => dataWarnings.push(w) });
    }
  }
  const seed = options.seed ?? cfg.seed ?? 42;
  const runs = Math.max(1, options.runs ?? cfg.runs ?? 1);
  const warmup = options.warmup ?? cfg.warmup ?? 0;
  const cases = options.cases ?? cfg.cases ?? (data.length > 0 ? data.length : 1000);
  if (!Number.isInteger(cases) || cases < 1) throw new CrmflowError(msg('simPlan.cases', { cases }));
  if (cases > LIMITS.cases) {
    throw new CrmflowError(msg('simPlan.casesMax', { max: LIMITS.cases.toLocaleString('en-US'), cases }), msg('simPlan.casesMaxHint'));
  }
  if (!Number.isInteger(runs) || runs > LIMITS.runs) throw new CrmflowError(msg('simPlan.runs', { max: LIMITS.runs, runs }));
  if (!Number.isInteger(warmup) || warmup < 0) throw new CrmflowError(msg('simPlan.warmup', { warmup }));
  if (warmup >= cases) {
    throw new CrmflowError(msg('simPlan.warmupAll', { warmup, cases }), msg('simPlan.warmupAllHint', { example: Math.floor(cases / 10) }));
  }
  const field = options.arrivalField ?? cfg['arrival-field'];
  let arrivalTimes: Float64Array | undefined;
  let arrivalRows: Int32Array | undefined;
  if (field && data.length > 0 && data.some((r) => r[field] !== undefined)) {
    const times = data.map((r, i) => {
      const t = parseArrival(r[field]);
      if (!t.ok) {
        throw new CrmflowError(msg('simPlan.arrival', { row: i + 1, field, why: embed(t.message) }), msg('simPlan.arrivalHint'), 'data');
      }
      return t.value;
    });
    const order = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
    arrivalTimes = Float64Array.from(order.map((i) => times[i]!));
    arrivalRows = Int32Array.from(order);
  }
  const start = options.start ?? DEFAULT_START;
  return {
    processId,
    data,
    set: options.set ?? {},
    maxSteps: options.maxSteps,
    run: { cases, warmup, arrivalTimes, arrivalRows, start },
    seed,
    runs,
    origin: arrivalTimes?.[0] ?? start,
    dataWarnings,
  };
}

/** Compiles the plan for this thread and runs replication `i` to the end. */
export function runOne(project: Project, p: Plan, i: number, onChunk?: (run: Run) => void): SimulationReport {
  const model = compileModel(project, p.processId, { data: p.data, set: p.set, origin: p.origin, maxSteps: p.maxSteps });
  const run = new Run(model, { ...p.run, seed: p.seed + i });
  while (!run.advance()) onChunk?.(run);
  return run.report();
}

/**
 * Simulates `processId` of a validated project and returns the DESIGN §7 report. With
 * `runs > 1` the replications run on worker threads (two at a time) when the package is
 * built, else one after the other; the result is the same either way.
 */
export async function simulate(project: Project, processId: string, options: SimulateOptions = {}): Promise<SimulationReport> {
  const p = await plan(project, processId, options);
  const withDataWarnings = (r: SimulationReport): SimulationReport => (p.dataWarnings.length ? { ...r, warnings: [...p.dataWarnings, ...r.warnings] } : r);
  const total = p.run.cases * p.runs;
  const workerFile = findWorkerFile('simulate');
  if (p.runs > 1 && options.workers !== false && !options.onEvents && workerFile) {
    const { runInWorkers } = await import('./pool.js');
    return withDataWarnings(combine(await runInWorkers(project, p, workerFile, options.onProgress)));
  }
  const reports: SimulationReport[] = [];
  let doneBefore = 0;
  for (let i = 0; i < p.runs; i++) {
    const model = compileModel(project, p.processId, { data: p.data, set: p.set, origin: p.origin, maxSteps: p.maxSteps });
    const log = options.onEvents ? new EventLogBuilder(model, options.onEvents, p.runs > 1 ? `${i + 1}-` : '', options.eventStages) : undefined;
    const run = new Run(model, { ...p.run, seed: p.seed + i, sink: log });
    while (!run.advance()) {
      options.onProgress?.(run.progress(i + 1, p.runs, total, doneBefore));
      if (options.cancelled?.()) throw new CrmflowError(msg('simPlan.cancelled'), undefined, 'cancelled');
      // Let timers and the UI run between chunks.
      if (options.onProgress || options.cancelled) await new Promise((r) => setImmediate(r));
    }
    log?.end();
    doneBefore += run.done;
    reports.push(run.report());
  }
  options.onProgress?.({ done: total, total, run: p.runs, runs: p.runs, meanCycle: reports.at(-1)!.cycleTime.mean, p90Cycle: reports.at(-1)!.cycleTime.p90 });
  return withDataWarnings(combine(reports));
}

/**
 * Calibration from event logs: `calibrate` fits a process to a log and writes an overlay;
 * `simulate --calibration` runs on it and `simulate --against` compares with a log.
 *
 * ```ts
 * const log = await readEventLog('train.csv.gz');
 * const { calibration } = calibrate(project, 'loan-application', log);
 * const run = calibratedRun(project, calibration, { cases: 1000, seed: 1 });
 * const against = await simulateAgainst(run.project, 'loan-application', test, { ...run.options });
 * ```
 * @packageDocumentation
 */
import { countActivities, mapActivities, type EventLog } from '../log/index.js';
import type { Project } from '../model/types.js';
import { DEFAULT_START, simulate, type EventRow, type SimulateOptions, type SimulationReport } from '../simulate/index.js';
import { compareTraces, logTraces, simulatedTraces, type AgainstReport } from '../simulate/against.js';
import { applyCalibration, arrivalTimes, type Calibration } from './overlay.js';
import { flowSteps, mappableSteps } from './steps.js';

export { calibrate, type CalibrateResult } from './calibrate.js';
export { applyCalibration, arrivalTimes, calibrationSchema, parseCalibration, type Calibration } from './overlay.js';
export { fitDuration, moments, MIN_OBSERVATIONS, type DurationFit } from './fit.js';
export { wasserstein } from './wasserstein.js';

/** The data column that carries generated arrival times. */
const ARRIVAL_FIELD = 'calibrated_arrival';

/**
 * The project with the overlay applied and, when the overlay has an arrival process and the
 * caller gives no data, `cases` arrival times drawn from it (seeded) as case rows.
 */
export function calibratedRun(project: Project, cal: Calibration, options: { cases: number; seed: number; start?: number; data?: SimulateOptions['data'] }): { project: Project; options: Pick<SimulateOptions, 'data' | 'arrivalField'> } {
  const applied = applyCalibration(project, cal);
  if (!cal.arrivals || options.data !== undefined) return { project: applied, options: options.data !== undefined ? { data: options.data } : {} };
  const times = arrivalTimes(cal.arrivals, options.cases, options.start ?? DEFAULT_START, options.seed);
  return { project: applied, options: { data: times.map((t) => ({ [ARRIVAL_FIELD]: new Date(t * 60000).toISOString() })), arrivalField: ARRIVAL_FIELD } };
}

/**
 * How a log's activities read as the simulator's step names (`step`, or `process/step` in a
 * called process). A stage history also records a call and an end as stages of their own, so
 * the process's subprocess and end steps are mappable too: `calls` names, per called process
 * the log shows as one stage, the calling step its steps fold into.
 */
export function stepNamer(project: Project, processId: string, log: EventLog): { stepOf: (activity: string) => string | undefined; order: string[]; calls: Map<string, string>; shown: Set<string> } {
  const flow = flowSteps(project, processId);
  const own = project.processes.get(processId)?.steps ?? [];
  const mapping = mapActivities(countActivities(log.cases), mappableSteps(flow, processId));
  const label = new Map<string, string>();
  for (const f of flow) if (!label.has(f.step.id)) label.set(f.step.id, f.process === processId ? f.step.id : f.key);
  const work = new Set(mappableSteps(flow).map((s) => s.id));
  const shown = new Set([...mapping.steps.values()].map((id) => label.get(id) ?? id));
  const calls = new Map<string, string>();
  for (const s of own) if (s.type === 'subprocess' && shown.has(s.id)) calls.set(s.process, s.id);
  return {
    stepOf: (activity) => {
      const id = mapping.steps.get(activity);
      return id === undefined ? undefined : label.get(id);
    },
    order: [...label.entries()].filter(([id]) => work.has(id) || shown.has(id)).map(([, l]) => l),
    calls,
    shown,
  };
}

/** The log and the simulated rows as comparable traces, at the log's level of detail. */
export function againstReport(project: Project, processId: string, log: EventLog, rows: readonly EventRow[]): AgainstReport {
  const { stepOf, order, calls, shown } = stepNamer(project, processId, log);
  return compareTraces(log.name, log.stats.timestamps, logTraces(log, stepOf), simulatedTraces(rows, { calls, shown }), order);
}

/** Simulates and compares the simulated cases with `log`. */
export async function simulateAgainst(
  project: Project,
  processId: string,
  log: EventLog,
  options: Omit<SimulateOptions, 'onEvents'> = {},
): Promise<{ report: SimulationReport; against: AgainstReport }> {
  const rows: EventRow[] = [];
  const report = await simulate(project, processId, { ...options, eventStages: true, onEvents: (r) => rows.push(...r) });
  return { report, against: againstReport(project, processId, log, rows) };
}

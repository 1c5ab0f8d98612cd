/**
 * Conformance: replays an event log on a process (with the processes it calls) and says how
 * well they agree — pm4py-compatible token-replay and alignment fitness, which cases fit, and
 * per case the deviations at the step where they happen: a skipped step, an inserted activity
 * (one the model does not allow there, or one no step stands for), a step done in the wrong order.
 */
import { countActivities, mapActivities, type UnmappedActivity } from '../log/activities.js';
import type { EventLog, LogTimestamps } from '../log/types.js';
import type { Project } from '../model/types.js';
import { alignCases, alignmentFitness, type CaseAlignment } from './align.js';
import { buildNet, type NetStep, type PetriNet } from './net.js';
import { tokenReplay } from './token-replay.js';

export { buildNet, type PetriNet, type NetStep } from './net.js';
export { tokenReplay, type TokenReplay } from './token-replay.js';
export { alignCases, alignmentFitness, type CaseAlignment, type Move } from './align.js';

export type DeviationKind = 'skipped' | 'inserted' | 'wrong-order';

export interface Deviation {
  case: string;
  kind: DeviationKind;
  /** The step key (`step-id`, or `call-step/inner-step` inside a subprocess); absent for an unmapped activity. */
  step?: string;
  /** The log activity (inserted and wrong-order). */
  activity?: string;
  /** Index of the event in the case (for a skip: of the event before which the step was due). */
  at: number;
}

export interface StepConformance {
  step: string;
  name: string;
  process: string;
  /** Events of the log that are this step and fit the model there. */
  observed: number;
  skipped: number;
  inserted: number;
  wrongOrder: number;
  /** Cases in which the step happened more than once. */
  reworked: number;
}

export interface ConformanceReport {
  process: string;
  log: string;
  timestamps: LogTimestamps;
  cases: number;
  events: number;
  fitness: { tokenReplay: number; alignment: number };
  /** Cases whose optimal alignment costs nothing. */
  fittingCases: number;
  steps: StepConformance[];
  deviations: Deviation[];
  unmapped: UnmappedActivity[];
  /** Activities several steps claim (the first step is used). */
  ambiguous: Array<{ activity: string; steps: string[] }>;
  /** Cases too large to align within the state limit (left out of the alignment fitness). */
  unaligned: string[];
}

export interface ConformOptions {
  maxStates?: number;
}

/** The step keys of each case's events (undefined for an activity no step stands for). */
export function caseLabels(log: EventLog, activityStep: ReadonlyMap<string, string>): Array<Array<string | undefined>> {
  return log.cases.map((c) => c.events.map((e) => activityStep.get(e.activity)));
}

/** Which step key each log activity stands for, in the replayed process and all it calls. */
export function mapLog(log: EventLog, steps: readonly NetStep[]) {
  // Steps inside a call are matched by their own id (or name), as a user names them.
  const mappable = steps.map((s) => ({ id: s.key, name: s.name ?? (s.key === s.id ? undefined : s.id), activity: s.activity }));
  return mapActivities(countActivities(log.cases), mappable);
}

export function conform(project: Pick<Project, 'processes'>, processId: string, log: EventLog, options: ConformOptions = {}): ConformanceReport {
  // The net's visible steps include any step the log has an activity for (a stage history records start and end stages too).
  const full = buildNet(project, processId);
  const mapping = mapLog(log, full.steps);
  const mapped = new Set(mapping.steps.values());
  // A call is replayed through the called steps only where the log records some of them; a log
  // that records the subprocess step itself (a stage history) sees it as one step.
  const calls = full.steps.filter((s) => s.type === 'subprocess' && full.steps.some((t) => t.key.startsWith(`${s.key}/`)));
  const inline = new Set(calls.filter((s) => [...mapped].some((k) => k.startsWith(`${s.key}/`))).map((s) => s.key));
  const net: PetriNet = inline.size === calls.length && [...mapped].every((k) => full.transitions.some((t) => t.label === k)) ? full : buildNet(project, processId, mapped, inline);
  const labels = caseLabels(log, mapping.steps);
  const tbr = tokenReplay(net, labels);
  const aligned = alignCases(net, labels, { maxStates: options.maxStates });

  const stepOf = new Map(net.steps.map((s) => [s.key, s]));
  const visible = net.transitions.filter((t) => t.label !== null).map((t) => t.label!);
  const stats = new Map<string, StepConformance>();
  for (const key of visible) {
    const s = stepOf.get(key)!;
    stats.set(key, { step: key, name: s.name ?? s.id, process: s.process, observed: 0, skipped: 0, inserted: 0, wrongOrder: 0, reworked: 0 });
  }
  const deviations: Deviation[] = [];
  const unaligned: string[] = [];
  let fitting = 0;
  log.cases.forEach((c, i) => {
    const a: CaseAlignment | undefined = aligned[i];
    const counts = new Map<string, number>();
    for (const l of labels[i]!) if (l !== undefined) counts.set(l, (counts.get(l) ?? 0) + 1);
    for (const [l, n] of counts) if (n > 1 && stats.has(l)) stats.get(l)!.reworked++;
    if (!a) {
      unaligned.push(c.id);
      return;
    }
    if (a.cost === 0) fitting++;
    // A step both skipped where it was due and done elsewhere is one step in the wrong order.
    const skipped = new Map<string, number>();
    const inserted = new Map<string, number>();
    for (const m of a.moves) {
      if (m.kind === 'model') skipped.set(m.label, (skipped.get(m.label) ?? 0) + 1);
      else if (m.kind === 'log' && m.label !== undefined) inserted.set(m.label, (inserted.get(m.label) ?? 0) + 1);
    }
    const swapped = new Map<string, number>();
    for (const [l, n] of inserted) {
      const k = Math.min(n, skipped.get(l) ?? 0);
      if (k > 0) swapped.set(l, k);
    }
    const skipLeft = new Map(swapped);
    for (const m of a.moves) {
      if (m.kind === 'sync') {
        const s = stats.get(m.label);
        if (s) s.observed++;
      } else if (m.kind === 'model') {
        if ((skipLeft.get(m.label) ?? 0) > 0) {
          skipLeft.set(m.label, skipLeft.get(m.label)! - 1);
          continue;
        }
        stats.get(m.label)!.skipped++;
        deviations.push({ case: c.id, kind: 'skipped', step: m.label, at: m.at });
      } else {
        const activity = c.events[m.at]!.activity;
        if (m.label !== undefined && (swapped.get(m.label) ?? 0) > 0) {
          swapped.set(m.label, swapped.get(m.label)! - 1);
          stats.get(m.label)!.wrongOrder++;
          deviations.push({ case: c.id, kind: 'wrong-order', step: m.label, activity, at: m.at });
          continue;
        }
        if (m.label !== undefined) stats.get(m.label)!.inserted++;
        deviations.push({ case: c.id, kind: 'inserted', ...(m.label !== undefined ? { step: m.label } : {}), activity, at: m.at });
      }
    }
  });

  return {
    process: processId,
    log: log.name,
    timestamps: log.stats.timestamps,
    cases: log.stats.cases,
    events: log.stats.events,
    fitness: { tokenReplay: tbr.fitness, alignment: alignmentFitness(aligned) },
    fittingCases: fitting,
    steps: [...stats.values()],
    deviations,
    unmapped: mapping.unmapped,
    ambiguous: mapping.ambiguous,
    unaligned,
  };
}


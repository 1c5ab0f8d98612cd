/**
 * The simulated cases as an event log (simulate --events): one row per task or approval
 * instance that ran, the shape pm4py, Disco and `crmflow conform` read. Waits and events are
 * not rows: they are the time between activities, not activity instances.
 */
import { iso, type StepSink } from './engine.js';
import type { Model } from './model.js';

export interface EventRow {
  caseId: string;
  /** The step's name, as a process-mining tool shows it. */
  activity: string;
  /** The step id, `process/step` inside a called process. */
  step: string;
  /** The role plus the person's number (`sales-rep-3`), or the role when no pool serves the step. */
  resource: string;
  role: string;
  /** Epoch minutes. */
  start: number;
  end: number;
  /** A wait or an end step (only with `stages`): a stage of a stage history, not an activity instance. */
  stage?: true;
}

export const EVENT_COLUMNS = ['case_id', 'activity', 'step', 'resource', 'role', 'start_time', 'end_time'] as const;

/**
 * Collects a run's step instances and hands them on case by case, in case order and each case
 * by start time. A case is held until every earlier case has ended, so memory grows with the
 * cases in progress at once, not with the run.
 */
export class EventLogBuilder implements StepSink {
  private readonly open = new Map<number, EventRow[]>();
  private readonly ended = new Set<number>();
  private next = 0;

  constructor(
    private readonly model: Model,
    private readonly emit: (rows: EventRow[]) => void,
    /** Put before each case number, e.g. `2-` for the second replication. */
    private readonly prefix = '',
    /** Also waits and end steps, for comparing with a stage history (simulate --against). */
    private readonly stages = false,
  ) {}

  stage(caseIndex: number, node: number, start: number, end: number): void {
    if (!this.stages) return;
    this.add(caseIndex, { ...this.row(caseIndex, node, -1, -1), start, end, stage: true });
  }

  step(caseIndex: number, node: number, pool: number, server: number, start: number, end: number): void {
    this.add(caseIndex, { ...this.row(caseIndex, node, pool, server), start, end });
  }

  private row(caseIndex: number, node: number, pool: number, server: number): Omit<EventRow, 'start' | 'end'> {
    const n = this.model.nodes[node]!;
    const def = n.stat >= 0 ? this.model.steps[n.stat] : undefined;
    const role = pool >= 0 ? this.model.pools[pool]!.role : (def?.role ?? '');
    return {
      caseId: `${this.prefix}${caseIndex + 1}`,
      activity: def?.name ?? n.step,
      step: n.process === this.model.process ? n.step : `${n.process}/${n.step}`,
      resource: server >= 0 ? `${role}-${server + 1}` : role,
      role,
    };
  }

  private add(caseIndex: number, row: EventRow): void {
    const rows = this.open.get(caseIndex);
    if (rows) rows.push(row);
    else this.open.set(caseIndex, [row]);
  }

  caseEnd(caseIndex: number): void {
    this.ended.add(caseIndex);
    while (this.ended.delete(this.next)) this.flush(this.next++);
  }

  /** Hands on what is left (a case that never ended); call once the run is over. */
  end(): void {
    for (const i of [...this.open.keys(), ...this.ended].sort((a, b) => a - b)) this.flush(i);
    this.ended.clear();
  }

  private flush(caseIndex: number): void {
    const rows = this.open.get(caseIndex);
    if (!rows) return;
    this.open.delete(caseIndex);
    // Stable: instances that start together keep the order they ended in.
    this.emit(rows.sort((a, b) => a.start - b.start));
  }
}

/** The CSV header line. */
export function eventCsvHeader(): string {
  return `${EVENT_COLUMNS.join(',')}\n`;
}

/** CSV lines (RFC 4180 quoting) with ISO 8601 UTC times. */
export function eventCsvLines(rows: EventRow[]): string {
  let text = '';
  for (const r of rows) text += `${[r.caseId, r.activity, r.step, r.resource, r.role, iso(r.start), iso(r.end)].map(cell).join(',')}\n`;
  return text;
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}


/**
 * The simulation report of DESIGN §7: plain data, times in minutes. `--format json` prints
 * it as is; text, Markdown and SVG are rendered from it.
 */

/** Cycle-time summary in minutes. */
export interface TimeSummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  max: number;
}

export interface StepReport {
  process: string;
  step: string;
  name: string;
  role: string | null;
  /** How often a counted case entered the step. */
  count: number;
  /** Time from entering the step until its work is done, less the work itself (queue, off-hours, waits). */
  waiting: { mean: number; p90: number };
  /** Working minutes (the sampled duration). */
  working: { mean: number; p90: number };
  /** Time spent in this step as a share of all cycle time (0–1): the bottleneck list. */
  share: number;
  /** A per-approver row of a multi-approver step (all, any, sequence, supervisor): the approver. */
  approver?: string;
  /** Requests of this approver withdrawn before they decided (another decided first, or rejected). */
  withdrawn?: number;
}

/** A pool step (公海池): how many cases wait in it over time and what happens to them. */
export interface PoolReport {
  process: string;
  step: string;
  name: string;
  claimedBy: string;
  /** Open cases one person may hold (null: no limit). */
  limit: number | null;
  /** Cases in the pool, time-weighted from the first counted arrival to the end. */
  size: { mean: number; p90: number; max: number };
  /** Minutes from entering the pool to being claimed. */
  timeInPool: { mean: number; p90: number };
  claims: number;
  /** Cases sent back to this pool by a `recycle` timer. */
  recycles: number;
}

export interface RoleReport {
  role: string;
  name: string;
  headcount: number;
  /**
   * Busy working minutes / (headcount × the calendar's working minutes), both over
   * `utilisationWindow` (first counted to last arrival), 0–1.
   */
  utilisation: number;
  utilisationCi95?: number;
}

export interface SlaReport {
  process: string;
  step: string;
  within: string;
  /** What `within` counts: `working days, office` under a calendar, else `calendar days`, `hours`, … */
  unit: string;
  /** Counted step visits. */
  entered: number;
  breached: number;
  rate: number;
  rateCi95?: number;
  /** Whether a breach moves the case on (`breach:` set) or is only measured. */
  interrupting: boolean;
}

export interface KpiReport {
  id: string;
  name: string;
  /** The statistic the target is about (mean, p50, p90, p95). */
  statistic: string;
  /** Its simulated value in minutes (null when no case went from `from` to `to`). */
  value: number | null;
  /** The target in minutes. */
  target: number;
  met: boolean;
  /** Cases that went from `from` to `to`. */
  count: number;
  valueCi95?: number;
}

export interface SimulationReport {
  process: string;
  /** Cases counted in the figures (after the warm-up), finished or stopped. */
  cases: number;
  seed: number;
  runs: number;
  warmup: number;
  /** First counted arrival and last completion, ISO 8601 UTC. */
  window: { start: string; end: string };
  /**
   * The window utilisation is measured over: first counted arrival to last arrival (to the
   * last completion when only one case is counted), so the drain does not dilute it.
   */
  utilisationWindow: { start: string; end: string };
  cycleTime: TimeSummary;
  outcomes: Record<string, number>;
  /** Cases stopped at the step limit (a loop that rarely exits) or at a dead end. */
  stopped: { cases: number; at: Array<{ process: string; step: string; reason: 'max-steps' | 'dead-end'; cases: number }> };
  steps: StepReport[];
  roles: RoleReport[];
  /** Pool steps (only when the process has one). */
  pools?: PoolReport[];
  slas: SlaReport[];
  kpis: KpiReport[];
  /** Process cycle efficiency: value-added working time / cycle time (0–1). */
  efficiency: number;
  /** Cases finished per day while cases were still arriving (steady state, without the final drain). */
  throughput: number;
  /** Cycle-time histogram: upper bounds (minutes) and counts, for the text and SVG charts. */
  histogram: Array<{ upTo: number; count: number }>;
  /** Events that happened (arrivals, work or waits done, SLA breaches; all runs together); dropped stale timers are not counted. */
  events: number;
  warnings: string[];
  /** Conditions that failed at run time on some data rows: those cases followed the probabilities. */
  conditionErrors?: ConditionError[];
  /** With runs > 1: the 95 % confidence half-width of each headline figure. */
  ci95?: { cycleTime: TimeSummary; efficiency: number; throughput: number };
  /** With runs > 1: the headline figures of each replication. */
  replications?: Replication[];
}

/** A condition that threw (or gave no boolean) on some data rows, at one step that uses it. */
export interface ConditionError {
  process: string;
  step: string;
  /** The CEL expression as written. */
  condition: string;
  /** Data rows it failed on. */
  rows: number;
  /** The first failure, with its data row: `row 3: no such overload: dyn<double> + int`. */
  firstError: string;
}

/** The headline figures of one replication (roles, SLAs and KPIs in the report's order). */
export interface Replication {
  seed: number;
  cycleTime: TimeSummary;
  efficiency: number;
  throughput: number;
  utilisation: number[];
  slaRate: number[];
  kpi: Array<number | null>;
}

/** What the engine reports while it runs (the CLI prints it, the --ui shows it). */
export interface Progress {
  /** Cases finished or stopped so far (all runs). */
  done: number;
  total: number;
  run: number;
  runs: number;
  /** Mean and p90 cycle time so far in the current run, minutes. */
  meanCycle: number;
  p90Cycle: number;
}

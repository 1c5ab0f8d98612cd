/**
 * The data of a semantic diff (DESIGN §8). `diff --format json` prints a `DiffReport` as is;
 * the text, Markdown and SVG outputs are made from it.
 */

/** One field of a step or process, before and after (`null` when absent on that side). */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

export type StepStatus = 'added' | 'removed' | 'renamed' | 'changed';
export type ProcessStatus = 'added' | 'removed' | 'changed';

export interface StepDiff {
  /** The step id (after; for a removed step, before). */
  id: string;
  status: StepStatus;
  /** For a renamed step: its id before. */
  from?: string;
  /** The step's type and display name (after; before for a removed step). */
  type: string;
  name: string;
  /** Changed fields by name (`role`, `sla`, `duration`, …); for renamed steps only those besides the id. */
  fields?: Record<string, FieldChange>;
  /** For a renamed step: how alike the two were (0–1). */
  similarity?: number;
  /** For an added step: the steps leading to it and those it leads to (its `fields` hold all it sets, before null). */
  connects?: { from: string[]; to: string[] };
  /** For a removed step split into several added ones: their ids, in flow order. */
  splitInto?: string[];
  /** For an added step that is part of a split: the removed step it came from. */
  splitFrom?: string;
}

/** A lint or validation finding, as reported in a diff. */
export interface DiffFinding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  step: string | null;
  file: string;
  line: number;
  column: number;
}

export interface CycleTime {
  /** Minutes. */
  p50: number;
  p90: number;
}

export interface ProcessDiff {
  id: string;
  status: ProcessStatus;
  /** Display name (after; before for a removed process). */
  name: string;
  layer: string;
  /** Project-relative file (after; before for a removed process). */
  file: string;
  /** Process-level fields that changed: name, owner, layer, refines, description, roles, file. */
  fields?: Record<string, FieldChange>;
  /**
   * Set when the file exists on both sides but does not read as a process on one of them
   * (a YAML or schema error): steps and flows are then not compared; the findings say why.
   */
  unreadable?: 'before' | 'after';
  steps: StepDiff[];
  flows: { added: Array<[string, string]>; removed: Array<[string, string]> };
  lint: { introduced: DiffFinding[]; resolved: DiffFinding[] };
  cycleTime?: CycleTimeChange;
}

/**
 * Simulated cycle time before → after, on common random numbers (`runs` replications a side);
 * `significant` per figure from Welch's t-test over the runs (5 %), null with one run.
 */
export interface CycleTimeChange {
  before: CycleTime | null;
  after: CycleTime | null;
  runs?: number;
  significant?: { p50: boolean | null; p90: boolean | null };
}

/** A process simulated because its model changed, and why (`process`, `subprocess x`, `crmflow.yaml roles.legal`, `added`, `removed`). */
export interface Impact {
  id: string;
  name: string;
  because: string[];
  cycleTime: CycleTimeChange;
}

export interface DiffSummary {
  processes: { added: number; removed: number; changed: number };
  steps: { added: number; removed: number; renamed: number; changed: number };
  flows: { added: number; removed: number };
  lint: { introduced: number; resolved: number };
}

export interface DiffReport {
  /** The "before" revision as given (e.g. `HEAD`). */
  from: string;
  /** The "after" revision, or `working tree`. */
  to: string;
  /** Unchanged processes are left out. Sorted by layer, then id. */
  processes: ProcessDiff[];
  /** Project settings that changed (roles, calendars, kpis, processes glob, simulate, lint). */
  config?: Record<string, FieldChange>;
  /** Findings of no process (in crmflow.yaml, e.g. `kpi-unknown-step`); absent when none changed. */
  lint?: { introduced: DiffFinding[]; resolved: DiffFinding[] };
  /** With --simulate: every process whose model changed (its file, a called process or the settings it uses), simulated on both sides. */
  impact?: Impact[];
  summary: DiffSummary;
}

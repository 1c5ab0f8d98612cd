/**
 * Simulated cycle times for `diff --simulate` and `review --simulate`, compared the way
 * `simulate --compare` compares: both sides run the same replications on common random numbers
 * (same sample data, same seeds run by run), and Welch's t-test over the runs says whether a
 * change is significant. A process is simulated when its model changed — its file, a process it
 * calls, or the crmflow.yaml settings it uses (src/diff/model-key.ts). The simulator is imported
 * lazily; results are cached by model, so a formatting-only commit is not simulated again.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { embed, msg } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import type { Project } from '../model/types.js';
import type { ProjectAt } from './git.js';
import { modelChanges, modelKey } from './model-key.js';
import type { CycleTime, CycleTimeChange, DiffReport, Impact } from './types.js';

export interface CycleOptions {
  seed?: number;
  cases?: number;
  /** Replications per side (default 5, as `simulate --compare`); 1 runs once and tests nothing. */
  runs?: number;
  /** Sample data file (default crmflow.yaml `simulate.data`), read from the working tree. */
  data?: string;
  /** Where relative --data paths start. */
  cwd: string;
  /** The project root in the working tree (config `simulate.data` is relative to it). */
  root: string;
  progress?: (text: string) => void;
}

/** Replications per side when none are asked for: the same as `simulate --compare`. */
export const DEFAULT_RUNS = 5;

type SimModule = typeof import('../simulate/index.js');
type CaseRecord = import('../simulate/index.js').CaseRecord;

/** A simulated state of a process: the averaged figures and those of each run. */
export interface Simulated extends CycleTime {
  runs: { p50: number[]; p90: number[] };
}

/** Simulates processes of projects, caching each result by the process's model and the settings. */
export class CycleTimer {
  private readonly cache = new Map<string, Simulated | null>();
  private mod?: SimModule;
  private cases?: CaseRecord[];
  private dataKey = '';
  /** Simulations actually run (the rest came from the cache). */
  simulations = 0;

  constructor(private readonly options: CycleOptions) {}

  get runs(): number {
    return this.options.runs ?? DEFAULT_RUNS;
  }

  private async load(project: Project): Promise<SimModule> {
    if (this.mod) return this.mod;
    const mod = await import('../simulate/index.js');
    // The same sample cases for every side: --data, else the working tree's simulate.data.
    const file = this.options.data ? resolve(this.options.cwd, this.options.data) : project.config.simulate?.data ? resolve(this.options.root, project.config.simulate.data) : undefined;
    if (file && existsSync(file)) {
      this.cases = await mod.loadCases(file, { fields: project.config.fields });
      this.dataKey = file;
    } else if (this.options.data) {
      throw new CrmflowError(msg('diff.noData', { file: this.options.data }), msg('diff.noDataHint'), 'usage');
    } else this.cases = [];
    this.mod = mod;
    return mod;
  }

  /** p50/p90 of the process's cycle time in minutes with each run's figures, or null when it cannot be simulated. */
  async simulate(side: ProjectAt, processId: string): Promise<Simulated | null> {
    const project = side.project;
    if (!project.processes.has(processId)) return null;
    const mod = await this.load(project);
    const seed = this.options.seed ?? project.config.simulate?.seed ?? 42;
    const model = createHash('sha1').update(modelKey(project, processId)).digest('hex');
    const key = `${model}\u0000${processId}\u0000${seed}\u0000${this.options.cases ?? ''}\u0000${this.runs}\u0000${this.dataKey}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    let result: Simulated | null = null;
    try {
      this.simulations++;
      const report = await mod.simulate(project, processId, { seed, cases: this.options.cases, runs: this.runs, data: this.cases });
      const ct = report.cycleTime;
      const reps = report.replications ?? [{ cycleTime: ct }];
      if (ct && Number.isFinite(ct.p50) && Number.isFinite(ct.p90)) {
        result = { p50: round(ct.p50), p90: round(ct.p90), runs: { p50: reps.map((r) => r.cycleTime.p50), p90: reps.map((r) => r.cycleTime.p90) } };
      }
    } catch (e) {
      this.options.progress?.(msg('diff.couldNotSimulate', { process: processId, side: side.label, why: embed(e instanceof Error ? e.message.split('\n')[0]! : String(e)) }));
    }
    this.cache.set(key, result);
    return result;
  }

  /** p50/p90 in minutes, or null when the process cannot be simulated there. */
  async cycleTime(side: ProjectAt, processId: string): Promise<CycleTime | null> {
    const s = await this.simulate(side, processId);
    return s ? { p50: s.p50, p90: s.p90 } : null;
  }

  /** Before → after with each figure marked significant or not (Welch, 5 %; null with one run). */
  async compare(before: ProjectAt, after: ProjectAt, processId: string): Promise<CycleTimeChange> {
    const a = await this.simulate(before, processId);
    const b = await this.simulate(after, processId);
    return compareSimulated(a, b, this.runs, this.mod);
  }
}

/** The change between two simulated states, each figure tested with Welch's t-test over the runs. */
export function compareSimulated(a: Simulated | null, b: Simulated | null, runs: number, mod?: SimModule): CycleTimeChange {
  const strip = (s: Simulated | null): CycleTime | null => (s ? { p50: s.p50, p90: s.p90 } : null);
  const out: CycleTimeChange = { before: strip(a), after: strip(b), runs };
  if (a && b && mod) out.significant = { p50: mod.significant(a.runs.p50, b.runs.p50) ?? null, p90: mod.significant(a.runs.p90, b.runs.p90) ?? null };
  return out;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Simulates every process whose model differs between the sides (its file, a process it calls,
 * or the crmflow.yaml settings it uses) and records the comparison in `report.impact`; the
 * processes listed in the report also get `cycleTime`.
 */
export async function addCycleTimes(report: DiffReport, before: ProjectAt, after: ProjectAt, options: CycleOptions): Promise<void> {
  const timer = new CycleTimer(options);
  const ids = [...new Set([...before.project.processes.keys(), ...after.project.processes.keys()])].sort();
  const changed = ids.map((id) => ({ id, because: modelChanges(before.project, after.project, id) })).filter((x) => x.because.length > 0);
  options.progress?.(msg(`diff.simulating.${changed.length === 1 ? 'one' : 'other'}.${timer.runs === 1 ? 'one' : 'other'}`, { n: changed.length, runs: timer.runs }));
  const impact: Impact[] = [];
  for (const { id, because } of changed) {
    const cycleTime = await timer.compare(before, after, id);
    const p = after.project.processes.get(id) ?? before.project.processes.get(id)!;
    impact.push({ id, name: p.name ?? id, because, cycleTime });
    const entry = report.processes.find((x) => x.id === id);
    if (entry) entry.cycleTime = cycleTime;
  }
  report.impact = impact;
}

/**
 * Simulated cycle times for `diff --simulate` and `review --simulate`: each side is simulated on
 * the same sample data and seed, so a change in p50/p90 comes from the process, not from luck.
 * The simulator (src/simulate) is imported lazily; results are cached by project content hash.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CrmflowError } from '../model/errors.js';
import type { Project } from '../model/types.js';
import type { ProjectAt } from './git.js';
import type { CycleTime, DiffReport } from './types.js';

export interface CycleOptions {
  seed?: number;
  cases?: number;
  /** Sample data file (default crmflow.yaml `simulate.data`), read from the working tree. */
  data?: string;
  /** Where relative --data paths start. */
  cwd: string;
  /** The project root in the working tree (config `simulate.data` is relative to it). */
  root: string;
  progress?: (text: string) => void;
}

type Simulate = typeof import('../simulate/index.js').simulate;
type CaseRecord = import('../simulate/index.js').CaseRecord;

/** Simulates processes of projects, caching each result by content hash, process and settings. */
export class CycleTimer {
  private readonly cache = new Map<string, CycleTime | null>();
  private simulateFn?: Simulate;
  private cases?: CaseRecord[];
  private dataKey = '';
  /** Simulations actually run (the rest came from the cache). */
  runs = 0;

  constructor(private readonly options: CycleOptions) {}

  private async load(project: Project): Promise<Simulate> {
    if (this.simulateFn) return this.simulateFn;
    const mod = await import('../simulate/index.js');
    this.simulateFn = mod.simulate;
    // The same sample cases for every side: --data, else the working tree's simulate.data.
    const file = this.options.data ? resolve(this.options.cwd, this.options.data) : project.config.simulate?.data ? resolve(this.options.root, project.config.simulate.data) : undefined;
    if (file && existsSync(file)) {
      this.cases = await mod.loadCases(file, { fields: project.config.fields });
      this.dataKey = file;
    } else if (this.options.data) {
      throw new CrmflowError(`${this.options.data}: no such file`, 'name a CSV or JSON file of sample cases', 'usage');
    } else this.cases = [];
    return this.simulateFn;
  }

  /** p50/p90 of the process's cycle time in minutes, or null when it cannot be simulated. */
  async cycleTime(side: ProjectAt, processId: string): Promise<CycleTime | null> {
    const project = side.project;
    const simulate = await this.load(project);
    const seed = this.options.seed ?? project.config.simulate?.seed ?? 42;
    const key = `${side.contentHash}\u0000${processId}\u0000${seed}\u0000${this.options.cases ?? ''}\u0000${this.dataKey}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    let result: CycleTime | null = null;
    if (project.processes.has(processId)) {
      try {
        this.runs++;
        const report = await simulate(project, processId, { seed, cases: this.options.cases, runs: 1, data: this.cases, workers: false });
        const ct = report.cycleTime;
        if (ct && Number.isFinite(ct.p50) && Number.isFinite(ct.p90)) result = { p50: round(ct.p50), p90: round(ct.p90) };
      } catch (e) {
        this.options.progress?.(`could not simulate ${processId} at ${side.label}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
    this.cache.set(key, result);
    return result;
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Adds `cycleTime: { before, after }` to every added, removed or changed process of the report. */
export async function addCycleTimes(report: DiffReport, before: ProjectAt, after: ProjectAt, options: CycleOptions): Promise<void> {
  const timer = new CycleTimer(options);
  options.progress?.(`simulating ${report.processes.length} process${report.processes.length === 1 ? '' : 'es'} on both sides…`);
  for (const p of report.processes) {
    p.cycleTime = { before: await timer.cycleTime(before, p.id), after: await timer.cycleTime(after, p.id) };
  }
}

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

type SimulateFn = (project: Project, processId: string, options: Record<string, unknown>) => unknown;

/** The default number of simulated cases per side. */
export const DEFAULT_CASES = 500;

/** Simulates processes of projects, caching each result by content hash, process and settings. */
export class CycleTimer {
  private readonly cache = new Map<string, CycleTime | null>();
  private simulateFn?: SimulateFn;
  private cases?: unknown[];
  private dataFile?: string;
  /** Simulations actually run (the rest came from the cache). */
  runs = 0;

  constructor(private readonly options: CycleOptions) {}

  private async load(project: Project): Promise<SimulateFn> {
    if (this.simulateFn) return this.simulateFn;
    const spec = '../simulate/index.js';
    let mod: Record<string, unknown>;
    try {
      mod = (await import(spec)) as Record<string, unknown>;
    } catch {
      throw new CrmflowError('--simulate needs the simulator, which this build of crmflow does not have', 'run the diff without --simulate', 'usage');
    }
    if (typeof mod.simulate !== 'function') throw new CrmflowError('--simulate: the simulator has no simulate() entry', 'run the diff without --simulate', 'usage');
    this.simulateFn = mod.simulate as SimulateFn;
    const file = this.options.data ? resolve(this.options.cwd, this.options.data) : project.config.simulate?.data ? resolve(this.options.root, project.config.simulate.data) : undefined;
    if (file && existsSync(file)) {
      this.dataFile = file;
      const data = (await import('../simulate/data.js')) as { loadCases?: (p: string) => Promise<unknown[]> };
      if (data.loadCases) this.cases = await data.loadCases(file);
    } else if (this.options.data) {
      throw new CrmflowError(`${this.options.data}: no such file`, 'name a CSV or JSON file of sample cases', 'usage');
    }
    return this.simulateFn;
  }

  /** p50/p90 of the process's cycle time in minutes, or null when it cannot be simulated. */
  async cycleTime(side: ProjectAt, processId: string): Promise<CycleTime | null> {
    const project = side.project;
    const seed = this.options.seed ?? project.config.simulate?.seed ?? 42;
    const cases = this.options.cases ?? DEFAULT_CASES;
    const key = `${side.contentHash}\u0000${processId}\u0000${seed}\u0000${cases}\u0000${this.dataFile ?? this.options.data ?? ''}`;
    if (this.cache.has(key)) return this.cache.get(key)!;
    if (!project.processes.has(processId) || project.findings.some((f) => f.severity === 'error' && f.process === processId)) {
      this.cache.set(key, null);
      return null;
    }
    const simulate = await this.load(project);
    let result: CycleTime | null = null;
    try {
      const opts: Record<string, unknown> = { seed, cases, runs: 1 };
      if (this.cases) opts.data = this.cases;
      if (this.dataFile) opts.dataFile = this.dataFile;
      this.runs++;
      const report = (await simulate(project, processId, opts)) as { cycleTime?: { p50?: number; p90?: number } };
      const ct = report?.cycleTime;
      if (ct && typeof ct.p50 === 'number' && typeof ct.p90 === 'number') result = { p50: round(ct.p50), p90: round(ct.p90) };
    } catch (e) {
      this.options.progress?.(`could not simulate ${processId} at ${side.label}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
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

/**
 * The simulations the portal shows: one per process (with everything it calls), on the
 * project's sample data read once, a modest number of cases so a big project stays quick.
 */
import { isAbsolute, join } from 'node:path';
import { embed, msg } from '../i18n/index.js';
import { processLinks } from '../model/graph.js';
import type { Process, Project } from '../model/types.js';
import { loadCases, simulate, type CaseRecord, type SimulationReport } from '../simulate/index.js';

export interface SimulationsOptions {
  /** Cases per process (default 300). */
  cases?: number;
  seed?: number;
  /** Processes to simulate (default: all). */
  only?: readonly string[];
  progress?: (message: string) => void;
}

export interface Simulations {
  byProcess: Map<string, SimulationReport>;
  /** Why a process (or all of them) was not simulated. */
  skipped: { process: string | null; reason: string }[];
}

export const DEFAULT_SITE_CASES = 300;

/** Simulates each process; a failure is noted, never fatal (the portal still shows the rest). */
export async function simulateProcesses(project: Project, o: SimulationsOptions = {}): Promise<Simulations> {
  const byProcess = new Map<string, SimulationReport>();
  const skipped: Simulations['skipped'] = [];
  const errors = project.findings.filter((f) => f.severity === 'error').length;
  if (errors) return { byProcess, skipped: [{ process: null, reason: msg(errors === 1 ? 'site.validationErrors.one' : 'site.validationErrors.other', { n: errors }) }] };
  let data: CaseRecord[] = [];
  const file = project.config.simulate?.data;
  if (file) {
    try {
      data = await loadCases(isAbsolute(file) ? file : join(project.root, file), { fields: project.config.fields, skipBadRows: true });
    } catch (e) {
      skipped.push({ process: null, reason: msg('site.dataNotRead', { file, why: embed((e as Error).message) }) });
    }
  }
  const ids = (o.only ?? [...project.processes.keys()]).slice().sort();
  const calls = new Map<string, string[]>();
  for (const l of processLinks(project)) if (l.kind === 'calls') (calls.get(l.from) ?? calls.set(l.from, []).get(l.from)!).push(l.to);
  for (const id of ids) {
    o.progress?.(msg('site.progressSimulate', { id }));
    try {
      byProcess.set(id, await simulate(onlyCalledFrom(project, id, calls), id, { data, cases: o.cases ?? DEFAULT_SITE_CASES, seed: o.seed, runs: 1, workers: false }));
    } catch (e) {
      skipped.push({ process: id, reason: (e as Error).message });
    }
  }
  return { byProcess, skipped };
}

/**
 * The project with only `id` and the processes it calls (directly or further down): the
 * simulation prepares every process it is given, so on a big project each run would otherwise
 * pay for all the others.
 */
function onlyCalledFrom(project: Project, id: string, calls: Map<string, string[]>): Project {
  const keep = new Map<string, Process>();
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    const p = project.processes.get(next);
    if (!p || keep.has(next)) continue;
    keep.set(next, p);
    stack.push(...(calls.get(next) ?? []));
  }
  return { ...project, processes: keep };
}

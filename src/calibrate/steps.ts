/**
 * The steps a simulation of a process runs (the process and every process it calls), keyed
 * `<process>/<step>` like `--set`, and what comes after each: the first log activities a case
 * can reach from a step, through gateways, joins and steps the log never shows.
 */
import type { MappableStep } from '../log/index.js';
import type { Project, Step } from '../model/types.js';

/** A case that ends here: no activity follows. */
export const END = '(end)';

export interface FlowStep {
  key: string;
  process: string;
  step: Step;
}

const WORK = new Set(['task', 'approval', 'wait']);

/** Every step of `processId` and the processes it calls, in file order, each process once. */
export function flowSteps(project: Project, processId: string): FlowStep[] {
  const out: FlowStep[] = [];
  const seen = new Set<string>();
  const visit = (pid: string) => {
    const proc = project.processes.get(pid);
    if (!proc || seen.has(pid)) return;
    seen.add(pid);
    for (const step of proc.steps) out.push({ key: `${pid}/${step.id}`, process: pid, step });
    for (const step of proc.steps) if (step.type === 'subprocess') visit(step.process);
  };
  visit(processId);
  return out;
}

/** Steps that do work: the ones with a duration to fit. */
export function isWork(step: Step): boolean {
  return WORK.has(step.type);
}

/**
 * What `mapActivities` needs of the steps a log can show: those that do work (tasks,
 * approvals, waits) and, of the process itself (`top`), its calls and ends — a stage history
 * records "Get the discount approved" or "Closed Won" as stages of their own.
 */
export function mappableSteps(steps: readonly FlowStep[], top?: string): MappableStep[] {
  return steps
    .filter((s) => WORK.has(s.step.type) || (s.process === top && (s.step.type === 'subprocess' || s.step.type === 'end')))
    .map((s) => ({ id: s.step.id, name: s.step.name, activity: (s.step as { activity?: string | string[] }).activity }));
}

/**
 * Finds, for a step reference, the keys of the work steps (or END) a case reaches first:
 * `observed` says which work steps the log shows; the others are passed through.
 */
export function makeFirsts(project: Project, observed: ReadonlySet<string>) {
  const memo = new Map<string, Set<string>>();
  const firsts = (pid: string, id: string | undefined, path: Set<string> = new Set()): Set<string> => {
    const out = new Set<string>();
    if (id === undefined) {
      out.add(END);
      return out;
    }
    const key = `${pid}/${id}`;
    const cached = memo.get(key);
    if (cached) return cached;
    if (path.has(key)) return out; // a cycle through steps the log never shows
    path.add(key);
    const step = project.processes.get(pid)?.stepById.get(id);
    const add = (s: Set<string>) => s.forEach((x) => out.add(x));
    if (!step) out.add(END);
    else if (WORK.has(step.type) && observed.has(key)) out.add(key);
    else if (step.type === 'decision') for (const b of step.branches) add(firsts(pid, 'else' in b ? b.else : b.next, path));
    else if (step.type === 'parallel') for (const b of step.branches) add(firsts(pid, b, path));
    else if ((step.type === 'end' || step.type === 'subprocess') && observed.has(key)) out.add(key);
    else if (step.type === 'end') out.add(END);
    else if (step.type === 'subprocess') {
      const start = project.processes.get(step.process)?.steps.find((s) => s.type === 'start');
      add(firsts(step.process, start?.id, path));
    } else add(firsts(pid, (step as { next?: string }).next, path));
    path.delete(key);
    memo.set(key, out);
    return out;
  };
  return firsts;
}

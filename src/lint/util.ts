/**
 * Graph helpers the rules share: predecessors, the normal (non-exception) flow, and a
 * sensible step to suggest in a message. All linear in the size of a process.
 */
import { outgoing, type Edge } from '../model/graph.js';
import type { Process, Step } from '../model/types.js';

/** Edges a case takes when nothing goes wrong: next, branches, else, parallel forks. */
export function isNormal(edge: Edge): boolean {
  return edge.kind !== 'exception' && edge.kind !== 'breach';
}

/** Outgoing edges of every step whose target exists, by step id. */
export function edgeMap(process: Process): Map<string, Edge[]> {
  const map = new Map<string, Edge[]>();
  for (const step of process.steps) map.set(step.id, outgoing(step).filter((e) => process.stepById.has(e.to)));
  return map;
}

/** Incoming edges by step id. */
export function predecessors(process: Process, edges = edgeMap(process)): Map<string, Edge[]> {
  const map = new Map<string, Edge[]>();
  for (const s of process.steps) map.set(s.id, []);
  for (const list of edges.values()) for (const e of list) map.get(e.to)?.push(e);
  return map;
}

/**
 * A step to suggest as the target of a missing path. `rework`: where the process already
 * sends rejections, else the task before `step`, else a rework-like task. `closing`: an end
 * whose outcome says the case failed. `end`: any end.
 */
export function suggestTarget(process: Process, step: Step, kind: 'rework' | 'closing' | 'end' = 'rework'): string | undefined {
  if (kind === 'rework') {
    for (const s of process.steps) {
      const target = s.id !== step.id && 'on' in s && s.on ? s.on.rejected : undefined;
      const id = typeof target === 'string' ? target : target?.next;
      if (id && process.stepById.has(id)) return id;
    }
    const preds = predecessors(process).get(step.id) ?? [];
    for (const e of preds) {
      const p = process.stepById.get(e.from);
      if (p && (p.type === 'task' || p.type === 'subprocess')) return p.id;
    }
    const rework = process.steps.find((s) => s.id !== step.id && s.type === 'task' && /revis|rework|correct|fix|adjust|update/.test(s.id));
    if (rework) return rework.id;
  }
  const ends = process.steps.filter((s): s is Extract<Step, { type: 'end' }> => s.type === 'end');
  const closing = ends.find((s) => /lost|reject|cancel|fail|close|abandon|declin/.test(`${s.outcome ?? ''} ${s.id}`));
  return kind === 'end' ? (closing ?? ends[0])?.id : closing?.id;
}

/** `(for example to "x")` or nothing. */
export function forExample(target: string | undefined, how = 'to'): string {
  return target ? ` (for example ${how} "${target}")` : '';
}

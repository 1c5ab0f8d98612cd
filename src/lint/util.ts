/**
 * Graph helpers the rules share: predecessors, the normal (non-exception) flow, and a
 * sensible step to suggest in a message. All linear in the size of a process.
 */
import { outgoing, type Edge } from '../model/graph.js';
import type { Process, Step } from '../model/types.js';
import { part, type Part } from '../i18n/index.js';

/** Edges a case takes when nothing goes wrong: next, branches, else, parallel forks. */
export function isNormal(edge: Edge): boolean {
  return edge.kind !== 'exception' && edge.kind !== 'breach';
}

// Several rules walk the same graph: compute it once per loaded process (read-only after).
const edgeCache = new WeakMap<Process, Map<string, Edge[]>>();
const predCache = new WeakMap<Process, Map<string, Edge[]>>();

/** Outgoing edges of every step whose target exists, by step id. Do not mutate. */
export function edgeMap(process: Process): ReadonlyMap<string, readonly Edge[]> {
  let map = edgeCache.get(process);
  if (!map) {
    map = new Map();
    for (const step of process.steps) map.set(step.id, outgoing(step).filter((e) => process.stepById.has(e.to)));
    edgeCache.set(process, map);
  }
  return map;
}

/** Incoming edges by step id. Do not mutate. */
export function predecessors(process: Process, edges = edgeMap(process)): ReadonlyMap<string, readonly Edge[]> {
  let map = predCache.get(process);
  if (!map) {
    map = new Map();
    for (const s of process.steps) map.set(s.id, []);
    for (const list of edges.values()) for (const e of list) map.get(e.to)?.push(e);
    predCache.set(process, map);
  }
  return map;
}

/** Ids of the steps reachable from any start step, following every kind of edge. */
export function reachable(process: Process): Set<string> {
  const edges = edgeMap(process);
  const seen = new Set<string>();
  const stack = process.steps.filter((s) => s.type === 'start').map((s) => s.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edges.get(id) ?? []) if (!seen.has(e.to)) stack.push(e.to);
  }
  return seen;
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
export function forExample(target: string | undefined): Part | string {
  return target ? part('hint.forExampleTo', { step: target }) : '';
}

/** Whether every step of the process passed validation, so whole-graph rules see the real graph. */
export function graphComplete(process: Process): boolean {
  return process.stepIndex.size === process.stepById.size;
}

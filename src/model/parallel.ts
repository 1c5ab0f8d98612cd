/**
 * Parallel blocks: the steps between a `parallel` fork and its `join`. A branch that reaches
 * an end step ends the process instance (simulate withdraws the other branches; BPMN export
 * writes a terminate end event). A path that leaves the block for any other step never
 * reaches the join, and BPMN engines keep the other branches waiting there forever.
 */
import { outgoing, startSteps, type Edge } from './graph.js';
import type { Process } from './types.js';

export interface ParallelBlock {
  fork: string;
  join: string;
  /** The branches and the steps they reach before the join that are neither before the fork nor after the join. */
  inside: Set<string>;
  /** Paths from inside to a step that is neither inside, the join nor an end step. */
  escapes: Array<Edge & { to: string; where: 'after' | 'before' }>;
  /** End steps a branch can reach without passing the join. */
  ends: Set<string>;
}

/** Every block of `process` whose join is a join step, innermost (smallest) first. */
export function parallelBlocks(process: Process): ParallelBlock[] {
  const edges = (id: string) => {
    const step = process.stepById.get(id);
    return step ? outgoing(step).filter((e) => process.stepById.has(e.to)) : [];
  };
  // Steps reached from `from`, without going on from `stop` (which is included when reached).
  const reach = (from: string[], stop: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...from];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id) || !process.stepById.has(id)) continue;
      seen.add(id);
      if (id !== stop) for (const e of edges(id)) stack.push(e.to);
    }
    return seen;
  };
  const isEnd = (id: string) => process.stepById.get(id)?.type === 'end';
  const starts = startSteps(process).map((s) => s.id);
  const preds = new Map<string, string[]>();
  for (const s of process.steps) for (const e of edges(s.id)) (preds.get(e.to) ?? preds.set(e.to, []).get(e.to)!).push(s.id);

  const blocks: ParallelBlock[] = [];
  for (const fork of process.steps) {
    if (fork.type !== 'parallel' || process.stepById.get(fork.join)?.type !== 'join') continue;
    const join = fork.join;
    const branches = fork.branches.filter((b) => process.stepById.has(b));
    const forward = reach(branches, join);
    forward.delete(join);
    const ends = new Set([...forward].filter(isEnd));
    // The usual block is entered only through its fork: then nothing in it is before the fork or
    // after the join, and no path leaves it. This keeps lint linear in processes with many blocks.
    const closed = ![...forward].some((id) => !isEnd(id) && (starts.includes(id) || (preds.get(id) ?? []).some((p) => p !== fork.id && !forward.has(p))));
    if (closed) {
      blocks.push({ fork: fork.id, join, inside: new Set([...forward].filter((id) => !isEnd(id))), escapes: [], ends });
      continue;
    }
    const before = reach(starts, fork.id);
    before.add(fork.id);
    const after = reach(edges(join).map((e) => e.to), fork.id);
    const inside = new Set<string>();
    for (const id of forward) if (!isEnd(id) && !before.has(id) && !after.has(id)) inside.add(id);
    for (const b of branches) if (b !== join && !isEnd(b)) inside.add(b);
    const escapes: ParallelBlock['escapes'] = [];
    for (const id of inside) {
      for (const e of edges(id)) {
        if (e.to === join || inside.has(e.to) || isEnd(e.to)) continue;
        escapes.push({ ...e, where: after.has(e.to) ? 'after' : 'before' });
      }
    }
    blocks.push({ fork: fork.id, join, inside, escapes, ends });
  }
  return blocks.sort((a, b) => a.inside.size - b.inside.size);
}

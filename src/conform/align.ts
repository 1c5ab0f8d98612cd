/**
 * Optimal alignments: the cheapest way to walk the net and the case side by side, where a step
 * both do together is free, and a log-only move (an activity the model does not allow there) or
 * a model-only move of a visible step (a step the case skipped) costs 1. Invisible moves cost
 * 1/10000, so among equally good alignments the one with fewest of them wins — pm4py's and
 * pm4js's cost function, scaled the same way. Dijkstra over (marking, position in the case).
 * Fitness is `1 − cost / worst`, worst = the case's length + the shortest path through the model.
 */
import { MinHeap } from '../model/heap.js';
import type { PetriNet, Transition } from './net.js';

const DEVIATION = 10000;

export type Move =
  /** The case and the model did this step together (`at`: index of the event). */
  | { kind: 'sync'; label: string; at: number }
  /** Only the log has this event: the activity is not allowed here. */
  | { kind: 'log'; label: string | undefined; at: number }
  /** Only the model has this step: the case skipped it (`at`: index of the next event). */
  | { kind: 'model'; label: string; at: number };

export interface CaseAlignment {
  /** Log-only plus visible model-only moves. */
  cost: number;
  /** The case's length plus the shortest path through the model. */
  worst: number;
  fitness: number;
  moves: Move[];
}

export interface AlignOptions {
  /** Give up on a case after this many states (undefined result); default 250,000. */
  maxStates?: number;
}

/** Aligns each case (step keys; `undefined` for an activity no step stands for); same sequences once. */
export function alignCases(net: PetriNet, cases: ReadonlyArray<ReadonlyArray<string | undefined>>, options: AlignOptions = {}): Array<CaseAlignment | undefined> {
  const aligner = makeAligner(net, options.maxStates ?? 250_000);
  const empty = aligner([]);
  const shortest = empty ? Math.floor(empty.cost / DEVIATION) : 0;
  const variants = new Map<string, CaseAlignment | undefined>();
  return cases.map((c) => {
    const key = c.map((a) => a ?? '\u0000').join('\u0001');
    if (variants.has(key)) return variants.get(key);
    const found = aligner(c);
    let result: CaseAlignment | undefined;
    if (found) {
      const cost = Math.floor(found.cost / DEVIATION);
      const worst = c.length + shortest;
      result = { cost, worst, fitness: worst > 0 ? 1 - cost / worst : 1, moves: found.moves };
    }
    variants.set(key, result);
    return result;
  });
}

/** Log fitness as pm4py computes it: `1 − Σ cost / Σ worst` over the aligned cases. */
export function alignmentFitness(aligned: ReadonlyArray<CaseAlignment | undefined>): number {
  let cost = 0;
  let worst = 0;
  for (const a of aligned) {
    if (!a) continue;
    cost += a.cost;
    worst += a.worst;
  }
  return worst > 0 ? 1 - cost / worst : 1;
}

function makeAligner(net: PetriNet, maxStates: number) {
  const consumers: Transition[][] = net.places.map(() => []);
  for (const t of net.transitions) for (const p of new Set(t.pre)) consumers[p]!.push(t);
  // A case is complete once a token reaches the sink: an end step inside a parallel branch ends
  // the whole case (DESIGN §7), so tokens still in other branches are withdrawn, not deviations.
  // In a net without such ends the sink is only marked alone, as pm4py's final marking.
  const sink = net.sink;

  return (trace: ReadonlyArray<string | undefined>): { cost: number; moves: Move[] } | undefined => {
    // States by id: marking (sorted place multiset), position, cost, parent and the move that led here.
    const markings: number[][] = [];
    const positions: number[] = [];
    const costs: number[] = [];
    const parents: number[] = [];
    const via: Array<Transition | null> = [];
    const best = new Map<string, number>();
    const heap = new MinHeap<[number, number, number]>(less);
    const push = (marking: number[], pos: number, cost: number, parent: number, t: Transition | null) => {
      const key = `${marking.join('.')}|${pos}`;
      const known = best.get(key);
      if (known !== undefined && known <= cost) return;
      best.set(key, cost);
      const id = markings.push(marking) - 1;
      positions.push(pos);
      costs.push(cost);
      parents.push(parent);
      via.push(t);
      heap.push([cost, pos, id]);
    };
    push([net.source], 0, 0, -1, null);
    const closed = new Set<string>();
    while (heap.size) {
      const id = heap.pop()[2];
      const marking = markings[id]!;
      const pos = positions[id]!;
      const cost = costs[id]!;
      const key = `${marking.join('.')}|${pos}`;
      const done = marking.includes(sink);
      if (closed.has(key)) continue;
      closed.add(key);
      if (closed.size > maxStates) return undefined;
      if (pos === trace.length && done) return { cost, moves: movesTo(id) };
      const next = trace[pos];
      if (!done) {
        const seen = new Set<Transition>();
        for (const p of marking) {
          for (const t of consumers[p]!) {
            if (seen.has(t)) continue;
            seen.add(t);
            const after = fireSorted(marking, t);
            if (!after) continue;
            if (pos < trace.length && t.label !== null && t.label === next) push(after, pos + 1, cost, id, t);
            else push(after, pos, cost + (t.label === null ? 1 : DEVIATION), id, t);
          }
        }
      }
      if (pos < trace.length) push(marking, pos + 1, cost + DEVIATION, id, null);
    }
    return undefined;

    function movesTo(id: number): Move[] {
      const moves: Move[] = [];
      for (let i = id; parents[i]! >= 0; i = parents[i]!) {
        const t = via[i] ?? null;
        const parent = parents[i]!;
        const moved = positions[i]! > positions[parent]!;
        if (t === null) moves.push({ kind: 'log', label: trace[positions[parent]!], at: positions[parent]! });
        else if (moved) moves.push({ kind: 'sync', label: t.label!, at: positions[parent]! });
        else if (t.label !== null) moves.push({ kind: 'model', label: t.label, at: positions[parent]! });
      }
      return moves.reverse();
    }
  };
}

/** The marking after firing `t`, or undefined when `t` is not enabled; markings are sorted place lists. */
function fireSorted(marking: readonly number[], t: Transition): number[] | undefined {
  const left = [...marking];
  for (const p of t.pre) {
    const i = left.indexOf(p);
    if (i < 0) return undefined;
    left.splice(i, 1);
  }
  for (const p of t.post) left.push(p);
  return left.sort((a, b) => a - b);
}

/** Least cost first, then furthest in the case, then first pushed. */
const less = (a: [number, number, number], b: [number, number, number]) => a[0] < b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] < b[2])));

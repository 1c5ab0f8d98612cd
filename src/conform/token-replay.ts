/**
 * Token-based replay as pm4py and pm4js do it: fire each event's transition, and when it is not
 * enabled first try to enable it through a chain of invisible transitions, else add the missing
 * tokens. At the end try to reach the final marking through invisible transitions, and count
 * the tokens left. Fitness is `0.5(1 − m/c) + 0.5(1 − r/p)` over the whole log. An activity no
 * step stands for is passed over (it makes its case unfit, not the token counts worse).
 * Cases with the same activity sequence are replayed once.
 */
import type { PetriNet, Transition } from './net.js';

export interface ReplayCounts {
  consumed: number;
  produced: number;
  missing: number;
  remaining: number;
}

export interface CaseReplay extends ReplayCounts {
  /** No missing token and every activity is in the model. */
  fit: boolean;
  fitness: number;
}

export interface TokenReplay extends ReplayCounts {
  /** `0.5(1 − m/c) + 0.5(1 − r/p)` over the totals. */
  fitness: number;
  fittingCases: number;
  /** Per case, in the order given. */
  cases: CaseReplay[];
}

type Marking = Map<number, number>;
type Chain = Map<number, Map<number, Transition[]>>;

/** Replays every case (a list of step keys; `undefined` for an activity no step stands for). */
export function tokenReplay(net: PetriNet, cases: ReadonlyArray<ReadonlyArray<string | undefined>>): TokenReplay {
  const chain = invisibleChain(net);
  const byLabel = new Map<string, Transition>();
  for (const t of net.transitions) if (t.label !== null) byLabel.set(t.label, t);
  const variants = new Map<string, CaseReplay>();
  const results: CaseReplay[] = [];
  const total: ReplayCounts = { consumed: 0, produced: 0, missing: 0, remaining: 0 };
  let fitting = 0;
  for (const c of cases) {
    const key = c.map((a) => a ?? '\u0000').join('\u0001');
    let r = variants.get(key);
    if (!r) {
      r = replayOne(net, byLabel, chain, c);
      variants.set(key, r);
    }
    results.push(r);
    total.consumed += r.consumed;
    total.produced += r.produced;
    total.missing += r.missing;
    total.remaining += r.remaining;
    if (r.fit) fitting++;
  }
  return { ...total, fitness: fitnessOf(total), fittingCases: fitting, cases: results };
}

function fitnessOf(r: ReplayCounts): number {
  const mc = r.consumed > 0 ? 1 - r.missing / r.consumed : 0;
  const rp = r.produced > 0 ? 1 - r.remaining / r.produced : 0;
  return 0.5 * mc + 0.5 * rp;
}

const enabled = (t: Transition, m: Marking) => t.pre.every((p) => (m.get(p) ?? 0) >= 1);

function fire(t: Transition, m: Marking): Marking {
  const next = new Map(m);
  for (const p of t.pre) next.set(p, next.get(p)! - 1);
  for (const p of t.post) next.set(p, (next.get(p) ?? 0) + 1);
  for (const [p, n] of next) if (n === 0) next.delete(p);
  return next;
}

function replayOne(net: PetriNet, byLabel: Map<string, Transition>, chain: Chain, activities: ReadonlyArray<string | undefined>): CaseReplay {
  let marking: Marking = new Map([[net.source, 1]]);
  let consumed = 1; // the final marking's token
  let produced = 1; // the initial marking's token
  let missing = 0;
  let remaining = 0;
  let unknown = false;
  // Fires invisible transitions (along `chain`) towards `want`; returns the marking reached and the tokens moved.
  // A path that gets stuck halfway counts only when it happens to reach the final marking (as in pm4js).
  const through = (from: Marking, want: (m: Marking) => boolean, targets: (m: Marking) => number[], avoid: (p: number) => boolean, stuckCounts: boolean) => {
    let m = from;
    let c = 0;
    let p = 0;
    while (!want(m)) {
      const need = targets(m);
      let path: Transition[] | undefined;
      outer: for (const place of m.keys()) {
        if (avoid(place)) continue;
        const reach = chain.get(place);
        if (!reach) continue;
        for (const q of need) {
          path = reach.get(q);
          if (path) break outer;
        }
      }
      if (!path) break;
      let stuck = false;
      for (const t of path) {
        if (!enabled(t, m)) {
          stuck = true;
          break;
        }
        m = fire(t, m);
        c += t.pre.length;
        p += t.post.length;
      }
      if (stuck) return { m, c, p, ok: stuckCounts && want(m) };
    }
    return { m, c, p, ok: want(m) };
  };
  for (const label of activities) {
    const t = label === undefined ? undefined : byLabel.get(label);
    if (!t) {
      unknown = true;
      continue;
    }
    if (!enabled(t, marking)) {
      const tried = through(marking, (m) => enabled(t, m), (m) => t.pre.filter((p) => (m.get(p) ?? 0) < 1), (p) => t.pre.includes(p), false);
      if (tried.ok) {
        marking = tried.m;
        consumed += tried.c;
        produced += tried.p;
      } else {
        marking = new Map(marking);
        for (const p of t.pre) {
          if ((marking.get(p) ?? 0) < 1) {
            marking.set(p, 1);
            missing++;
          }
        }
      }
    }
    consumed += t.pre.length;
    produced += t.post.length;
    marking = fire(t, marking);
  }
  const isFinal = (m: Marking) => m.size === 1 && m.get(net.sink) === 1;
  if (!isFinal(marking)) {
    const tried = through(marking, isFinal, (m) => ((m.get(net.sink) ?? 0) < 1 ? [net.sink] : []), (p) => p === net.sink, true);
    if (tried.ok) {
      marking = tried.m;
      consumed += tried.c;
      produced += tried.p;
    }
  }
  if ((marking.get(net.sink) ?? 0) < 1) missing++;
  for (const [p, n] of marking) remaining += p === net.sink ? Math.max(0, n - 1) : n;
  const counts = { consumed, produced, missing, remaining };
  return { ...counts, fit: !unknown && missing === 0, fitness: fitnessOf(counts) };
}

/**
 * For each place, the shortest chain of invisible transitions that moves a token from it to each
 * other place it can reach without a visible step (pm4py's breadth-first search; pm4js keeps the
 * first chain its fixpoint finds, which is sometimes longer).
 */
function invisibleChain(net: PetriNet): Chain {
  const out: Transition[][] = net.places.map(() => []);
  for (const t of net.transitions) if (t.label === null) for (const p of t.pre) out[p]!.push(t);
  const chain: Chain = new Map();
  for (let place = 0; place < net.places.length; place++) {
    const reach = new Map<number, Transition[]>();
    let frontier: Array<[number, Transition[]]> = [[place, []]];
    while (frontier.length) {
      const next: Array<[number, Transition[]]> = [];
      for (const [p, path] of frontier) {
        for (const t of out[p]!) {
          for (const q of t.post) {
            if (q === place || reach.has(q)) continue;
            const longer = [...path, t];
            reach.set(q, longer);
            next.push([q, longer]);
          }
        }
      }
      frontier = next;
    }
    if (reach.size) chain.set(place, reach);
  }
  return chain;
}

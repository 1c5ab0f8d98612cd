/**
 * Process trees mined from a log with the inductive miner (Leemans et al., IMf): find a cut of
 * the directly-follows graph — exclusive choice, sequence, parallel, loop — split the log along
 * it and recurse. Infrequent behaviour is filtered (an edge rarer than `noise` times the
 * strongest edge leaving the same activity is dropped) only when the unfiltered graph has no
 * cut. Where no cut exists even then, the activities fall through to a "flower" (any order, any
 * number of times) and the draft says so: that is the one place the data is ambiguous.
 */

/** A trace variant and how many cases follow it. */
export interface Variant {
  trace: readonly string[];
  count: number;
}

export type Tree =
  | { op: 'activity'; label: string }
  | { op: 'tau' }
  | { op: 'seq'; children: Tree[] }
  /** `counts[i]`: cases that took child i. */
  | { op: 'xor'; children: Tree[]; counts: number[] }
  | { op: 'and'; children: Tree[] }
  /** `redo`: how often the loop went round again; `exit`: how often it was left. */
  | { op: 'loop'; body: Tree; again: Tree; redo: number; exit: number }
  /** No structure found: the activities in any order; `counts` are their occurrences, `exit` the cases. */
  | { op: 'flower'; activities: string[]; counts: number[]; exit: number };

export interface MineOptions {
  /** IMf's noise threshold in [0, 1): 0 keeps every edge; the default 0.2. */
  noise?: number;
}

/** A directly-follows graph: edge and start/end counts. */
export interface Dfg {
  activities: Map<string, number>;
  edges: Map<string, Map<string, number>>;
  start: Map<string, number>;
  end: Map<string, number>;
}

/** A part skipped by this share of the cases is optional even when the noise threshold is higher. */
const SKIP_NOISE = 0.05;

const add = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);

/** The directly-follows graph of a log. */
export function directlyFollows(log: readonly Variant[]): Dfg {
  const dfg: Dfg = { activities: new Map(), edges: new Map(), start: new Map(), end: new Map() };
  for (const { trace, count } of log) {
    if (trace.length === 0) continue;
    add(dfg.start, trace[0]!, count);
    add(dfg.end, trace[trace.length - 1]!, count);
    trace.forEach((a, i) => {
      add(dfg.activities, a, count);
      if (i > 0) {
        const from = trace[i - 1]!;
        if (!dfg.edges.has(from)) dfg.edges.set(from, new Map());
        add(dfg.edges.get(from)!, a, count);
      }
    });
  }
  return dfg;
}

/**
 * Drops edges (and start/end marks) rarer than `noise` times the strongest way out of the same
 * activity (IMf); ending the case counts as a way out, so a rare jump back from an end activity goes.
 */
export function filterDfg(dfg: Dfg, noise: number): Dfg {
  const edges = new Map<string, Map<string, number>>();
  for (const [from, out] of dfg.edges) {
    const max = Math.max(...out.values(), dfg.end.get(from) ?? 0);
    edges.set(from, new Map([...out].filter(([, n]) => n >= noise * max)));
  }
  const keep = (m: Map<string, number>) => {
    const max = Math.max(...m.values());
    return new Map([...m].filter(([, n]) => n >= noise * max));
  };
  return { activities: dfg.activities, edges, start: keep(dfg.start), end: keep(dfg.end) };
}

/** Mines a process tree from a log. */
export function mineTree(log: readonly Variant[], options: MineOptions = {}): Tree {
  return mine(merge(log), options.noise ?? 0.2);
}

function mine(log: Variant[], noise: number): Tree {
  const total = sum(log.map((v) => v.count));
  const empty = sum(log.filter((v) => v.trace.length === 0).map((v) => v.count));
  if (total === 0 || empty === total) return { op: 'tau' };
  const rest = log.filter((v) => v.trace.length > 0);
  if (empty > 0) {
    // Skipping the whole part is a real choice unless it is as rare as noise (at most 5 % of the cases).
    if (empty >= Math.min(noise, SKIP_NOISE) * total) return { op: 'xor', children: [mine(rest, noise), { op: 'tau' }], counts: [total - empty, empty] };
    return mine(rest, noise);
  }
  const dfg = directlyFollows(rest);
  const activities = [...dfg.activities.keys()];
  if (activities.length === 1) {
    const label = activities[0]!;
    const once = rest.every((v) => v.trace.length === 1);
    if (once) return { op: 'activity', label };
    const repeats = sum(rest.map((v) => (v.trace.length - 1) * v.count));
    return { op: 'loop', body: { op: 'activity', label }, again: { op: 'tau' }, redo: repeats, exit: total };
  }
  for (const graph of noise > 0 ? [dfg, filterDfg(dfg, noise)] : [dfg]) {
    const tree = cutAndSplit(rest, graph, noise);
    if (tree) return tree;
  }
  const counts = activities.map((a) => dfg.activities.get(a)!);
  return { op: 'flower', activities, counts, exit: total };
}

function cutAndSplit(log: Variant[], dfg: Dfg, noise: number): Tree | undefined {
  const xor = xorCut(dfg);
  if (xor) {
    const parts = xor.map(() => [] as Variant[]);
    for (const v of log) {
      // IMf: a trace belongs to the part holding most of its events; the others are noise.
      const hits = xor.map((part) => v.trace.filter((a) => part.has(a)).length);
      const best = hits.indexOf(Math.max(...hits));
      parts[best]!.push({ trace: v.trace.filter((a) => xor[best]!.has(a)), count: v.count });
    }
    return { op: 'xor', children: parts.map((p) => mine(merge(p), noise)), counts: parts.map((p) => sum(p.map((v) => v.count))) };
  }
  const seq = seqCut(dfg);
  if (seq) return { op: 'seq', children: seq.map((part) => mine(project(log, part), noise)) };
  const and = andCut(dfg);
  if (and) return { op: 'and', children: and.map((part) => mine(project(log, part), noise)) };
  const loop = loopCut(dfg);
  if (loop) {
    const [body, again] = loop;
    const bodyLog: Variant[] = [];
    const againLog: Variant[] = [];
    let redo = 0;
    for (const v of log) {
      // Runs of body activities and of redo activities alternate; a trace starting or ending in the redo part has an empty body there.
      const runs: Array<{ inBody: boolean; trace: string[] }> = [];
      for (const a of v.trace) {
        const inBody = !again.has(a);
        const last = runs[runs.length - 1];
        if (last && last.inBody === inBody) last.trace.push(a);
        else runs.push({ inBody, trace: [a] });
      }
      if (runs[0] && !runs[0].inBody) runs.unshift({ inBody: true, trace: [] });
      if (runs[runs.length - 1] && !runs[runs.length - 1]!.inBody) runs.push({ inBody: true, trace: [] });
      for (const r of runs) (r.inBody ? bodyLog : againLog).push({ trace: r.trace, count: v.count });
      redo += runs.filter((r) => !r.inBody).length * v.count;
    }
    return { op: 'loop', body: mine(merge(bodyLog), noise), again: mine(merge(againLog), noise), redo, exit: sum(log.map((v) => v.count)) };
  }
  return undefined;
}

/** Exclusive choice: the connected components of the graph, taken undirected. */
function xorCut(dfg: Dfg): Array<Set<string>> | undefined {
  const uf = new UnionFind([...dfg.activities.keys()]);
  for (const [from, out] of dfg.edges) for (const to of out.keys()) uf.union(from, to);
  const groups = uf.groups();
  return groups.length > 1 ? groups : undefined;
}

/**
 * Sequence: activities that reach each other (a loop) or that never reach each other (a
 * choice) belong to one part; the parts must then be totally ordered by reachability.
 */
function seqCut(dfg: Dfg): Array<Set<string>> | undefined {
  const acts = [...dfg.activities.keys()];
  const reach = reachability(dfg, acts);
  const uf = new UnionFind(acts);
  for (const a of acts) {
    for (const b of acts) {
      if (a >= b) continue;
      const ab = reach.get(a)!.has(b);
      const ba = reach.get(b)!.has(a);
      if (ab === ba) uf.union(a, b);
    }
  }
  const groups = uf.groups();
  if (groups.length < 2) return undefined;
  const before = (x: Set<string>, y: Set<string>) => [...x].some((a) => [...y].some((b) => reach.get(a)!.has(b)));
  groups.sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      for (const a of groups[i]!) for (const b of groups[j]!) if (!reach.get(a)!.has(b) || reach.get(b)!.has(a)) return undefined;
    }
  }
  return groups;
}

/**
 * Parallel: two activities are in different parts only if each directly follows the other;
 * every part must hold a start and an end activity.
 */
function andCut(dfg: Dfg): Array<Set<string>> | undefined {
  const acts = [...dfg.activities.keys()];
  const follows = (a: string, b: string) => dfg.edges.get(a)?.has(b) ?? false;
  const uf = new UnionFind(acts);
  for (const a of acts) for (const b of acts) if (a < b && !(follows(a, b) && follows(b, a))) uf.union(a, b);
  const groups = uf.groups();
  if (groups.length < 2) return undefined;
  if (!groups.every((g) => [...g].some((a) => dfg.start.has(a)) && [...g].some((a) => dfg.end.has(a)))) return undefined;
  return groups;
}

/**
 * Loop: the body holds the start and end activities and what hangs between them; a redo part
 * is entered only from end activities and leads back only to start activities.
 */
function loopCut(dfg: Dfg): [Set<string>, Set<string>] | undefined {
  const acts = [...dfg.activities.keys()];
  const body = new Set([...dfg.start.keys(), ...dfg.end.keys()]);
  const others = acts.filter((a) => !body.has(a));
  if (others.length === 0) return undefined;
  const uf = new UnionFind(others);
  for (const [from, out] of dfg.edges) for (const to of out.keys()) if (!body.has(from) && !body.has(to)) uf.union(from, to);
  const again = new Set<string>();
  for (const part of uf.groups()) {
    let redo = true;
    for (const [from, out] of dfg.edges) {
      for (const to of out.keys()) {
        // Into the part only from end activities, out of it only to start activities.
        if (!part.has(from) && part.has(to) && !(dfg.end.has(from) && body.has(from))) redo = false;
        if (part.has(from) && !part.has(to) && !(dfg.start.has(to) && body.has(to))) redo = false;
      }
    }
    if (redo) for (const a of part) again.add(a);
    else for (const a of part) body.add(a);
  }
  return again.size > 0 ? [body, again] : undefined;
}

function reachability(dfg: Dfg, acts: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of acts) {
    const seen = new Set<string>();
    const stack = [...(dfg.edges.get(a)?.keys() ?? [])];
    while (stack.length > 0) {
      const b = stack.pop()!;
      if (seen.has(b)) continue;
      seen.add(b);
      stack.push(...(dfg.edges.get(b)?.keys() ?? []));
    }
    out.set(a, seen);
  }
  return out;
}

function project(log: readonly Variant[], part: Set<string>): Variant[] {
  return merge(log.map((v) => ({ trace: v.trace.filter((a) => part.has(a)), count: v.count })));
}

/** Adds up equal traces, keeping the order of first occurrence. */
function merge(log: readonly Variant[]): Variant[] {
  const byKey = new Map<string, Variant>();
  for (const v of log) {
    const key = JSON.stringify(v.trace);
    const seen = byKey.get(key);
    if (seen) seen.count += v.count;
    else byKey.set(key, { trace: v.trace, count: v.count });
  }
  return [...byKey.values()];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

class UnionFind {
  private parent = new Map<string, string>();
  constructor(private readonly items: string[]) {
    for (const i of items) this.parent.set(i, i);
  }
  find(a: string): string {
    let r = a;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    this.parent.set(a, r);
    return r;
  }
  union(a: string, b: string): void {
    this.parent.set(this.find(a), this.find(b));
  }
  /** The groups, in the order their first member appears in `items`. */
  groups(): Array<Set<string>> {
    const byRoot = new Map<string, Set<string>>();
    for (const i of this.items) {
      const r = this.find(i);
      if (!byRoot.has(r)) byRoot.set(r, new Set());
      byRoot.get(r)!.add(i);
    }
    return [...byRoot.values()];
  }
}

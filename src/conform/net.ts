/**
 * A process as a Petri net for replay. The construction is pm4py's and pm4js's BPMN-to-net
 * conversion applied to crmflow's steps, so fitness figures agree with theirs on the same
 * model: every step is a transition between an entry and an exit place, every edge (next,
 * branch, `on`, SLA breach, fork) is a place joined by invisible transitions, parallel forks and
 * joins split and join tokens, start and end steps hang off a source and a sink place, and
 * invisible transitions with one place before or after them are folded away as pm4js does.
 * Subprocess steps are replaced by the called process (its start and end become plain
 * pass-through nodes), so a case is replayed through everything it calls.
 */
import { outgoing } from '../model/graph.js';
import type { Project, Step } from '../model/types.js';

/** A step of the replayed process: a root step, or a step inside a called process. */
export interface NetStep {
  /** `step-id` for the process's own steps, `call-step/inner-step` inside a subprocess. */
  key: string;
  /** The id of the step in its own process. */
  id: string;
  process: string;
  name?: string;
  type: Step['type'];
  activity?: string | readonly string[];
}

export interface Transition {
  name: string;
  /** The step key this transition stands for when it is visible (a log activity can match it). */
  label: string | null;
  /** Input and output places (arc weights are always 1). */
  pre: number[];
  post: number[];
}

export interface PetriNet {
  places: string[];
  transitions: Transition[];
  source: number;
  sink: number;
  /** Steps in process order (root first, then each call's steps where it is called). */
  steps: NetStep[];
}

interface Node {
  key: string;
  /** `fork` splits its token over every edge out; `join` waits for a token on every edge in. */
  kind: 'task' | 'gateway' | 'fork' | 'join' | 'start' | 'end';
}

/**
 * Builds the net of `processId`. Task, approval and (uncalled) subprocess steps are visible, as
 * is any other step in `visible` (e.g. an end step a stage history records). With `inline`, only
 * the subprocess steps in it are replaced by the called process; the others are one step.
 */
export function buildNet(project: Pick<Project, 'processes'>, processId: string, visible: ReadonlySet<string> = new Set(), inline?: ReadonlySet<string>): PetriNet {
  const root = project.processes.get(processId);
  if (!root) throw new Error(`no process "${processId}"`);
  const nodes: Node[] = [];
  const flows: Array<[string, string]> = [];
  const steps: NetStep[] = [];

  // Expands a process's steps under `prefix`; `outer` says where its start and end connect when called.
  const expand = (processIdHere: string, prefix: string, stack: string[], outer?: { entry: string; exit: string }): void => {
    const p = project.processes.get(processIdHere)!;
    const key = (id: string) => prefix + id;
    for (const step of p.steps) {
      const k = key(step.id);
      steps.push({ key: k, id: step.id, process: p.id, name: step.name, type: step.type, ...('activity' in step && step.activity !== undefined ? { activity: step.activity as string | string[] } : {}) });
      const called = step.type === 'subprocess' ? project.processes.get(step.process) : undefined;
      let exitKey = k;
      if (called && !stack.includes(called.id) && (inline === undefined || inline.has(k))) {
        // A call is an entry node, the called steps, and a return node the step's own edges leave from.
        exitKey = `${k}#return`;
        nodes.push({ key: k, kind: 'gateway' }, { key: exitKey, kind: 'gateway' });
        expand(called.id, `${k}/`, [...stack, called.id], { entry: k, exit: exitKey });
      } else {
        const kind: Node['kind'] =
          step.type === 'start' ? (outer ? 'gateway' : 'start')
          : step.type === 'end' ? (outer ? 'gateway' : 'end')
          : step.type === 'parallel' ? 'fork'
          : step.type === 'join' ? 'join'
          : step.type === 'task' || step.type === 'approval' || step.type === 'subprocess' || visible.has(k) ? 'task'
          : 'gateway';
        nodes.push({ key: k, kind });
        if (outer && step.type === 'start') flows.push([outer.entry, k]);
        if (outer && step.type === 'end') flows.push([k, outer.exit]);
      }
      for (const e of outgoing(step)) if (p.stepById.has(e.to)) flows.push([exitKey, key(e.to)]);
    }
    mergeBranches(p, key, flows, nodes);
  };
  expand(root.id, '', [root.id]);

  // pm4js's BpmnToPetriNetConverter, step for step.
  const places: string[] = [];
  const transitions: Transition[] = [];
  const addPlace = (name: string) => places.push(name) - 1;
  const addTransition = (name: string, label: string | null): Transition => {
    const t: Transition = { name, label, pre: [], post: [] };
    transitions.push(t);
    return t;
  };
  const source = addPlace('source');
  const sink = addPlace('sink');
  const sourceCount = new Map<string, number>();
  const targetCount = new Map<string, number>();
  const flowPlace = flows.map(([from, to], i) => {
    sourceCount.set(from, (sourceCount.get(from) ?? 0) + 1);
    targetCount.set(to, (targetCount.get(to) ?? 0) + 1);
    return addPlace(`flow ${i} ${from} -> ${to}`);
  });
  type End = { place: number } | { transition: Transition };
  const entering = new Map<string, End>();
  const exiting = new Map<string, End>();
  let inv = 0;
  const tau = () => addTransition(`tau ${inv++}`, null);
  for (const node of nodes) {
    const entry = addPlace(`ent ${node.key}`);
    const exit = addPlace(`exi ${node.key}`);
    const t = addTransition(node.key, visible.has(node.key) || node.kind === 'task' ? node.key : null);
    t.pre.push(entry);
    t.post.push(exit);
    // A crmflow fork is entered like any step (edges into it are alternatives); a join's own
    // `next` leaves it alone. BPMN gateways may do both, crmflow steps do one.
    if (node.kind === 'fork' || node.kind === 'join') {
      let out: End = { place: exit };
      let into: End = { place: entry };
      if (node.kind === 'fork' && (sourceCount.get(node.key) ?? 0) > 1) {
        const split = tau();
        split.pre.push(exit);
        out = { transition: split };
      }
      if (node.kind === 'join' && (targetCount.get(node.key) ?? 0) > 1) {
        const join = tau();
        join.post.push(entry);
        into = { transition: join };
      }
      entering.set(node.key, into);
      exiting.set(node.key, out);
    } else {
      entering.set(node.key, { place: entry });
      exiting.set(node.key, { place: exit });
    }
    if (node.kind === 'start') {
      const s = tau();
      s.pre.push(source);
      s.post.push(entry);
    } else if (node.kind === 'end') {
      const e = tau();
      e.pre.push(exit);
      e.post.push(sink);
    }
  }
  flows.forEach(([from, to], i) => {
    let a = exiting.get(from)!;
    let b = entering.get(to)!;
    if ('place' in a) {
      const t = tau();
      t.pre.push(a.place);
      a = { transition: t };
    }
    if ('place' in b) {
      const t = tau();
      t.post.push(b.place);
      b = { transition: t };
    }
    a.transition.post.push(flowPlace[i]!);
    b.transition.pre.push(flowPlace[i]!);
  });
  return reduce({ places, transitions, source, sink, steps });
}

/**
 * A join waits for one token per branch of its fork, not one per edge into it: where several
 * edges of one branch (an exclusive choice inside it) reach the join, they first meet in an
 * exclusive merge node, as a BPMN diagram draws it.
 */
function mergeBranches(p: Project['processes'] extends Map<string, infer P> ? P : never, key: (id: string) => string, flows: Array<[string, string]>, nodes: Node[]): void {
  for (const fork of p.steps) {
    if (fork.type !== 'parallel' || p.stepById.get(fork.join)?.type !== 'join') continue;
    const join = key(fork.join);
    const reach = fork.branches.map((b) => {
      const seen = new Set<string>();
      const stack = [b];
      while (stack.length) {
        const id = stack.pop()!;
        if (seen.has(id) || id === fork.join || !p.stepById.has(id)) continue;
        seen.add(id);
        for (const e of outgoing(p.stepById.get(id)!)) stack.push(e.to);
      }
      return seen;
    });
    const groups = new Map<number, number[]>();
    flows.forEach(([from, to], i) => {
      if (to !== join) return;
      const id = from.replace(/#return$/, '');
      const stepId = id.slice(id.lastIndexOf('/') + 1);
      const branch = stepId === fork.id && key(stepId) === id ? fork.branches.indexOf(fork.join) : reach.findIndex((r) => key(stepId) === id && r.has(stepId));
      if (branch < 0) return;
      (groups.get(branch) ?? groups.set(branch, []).get(branch)!).push(i);
    });
    for (const [branch, list] of groups) {
      if (list.length < 2) continue;
      const merge = `${join}#merge-${branch}`;
      nodes.push({ key: merge, kind: 'gateway' });
      for (const i of list) flows[i] = [flows[i]![0], merge];
      flows.push([merge, join]);
    }
  }
}

/**
 * pm4js's PetriNetReduction: folds an invisible transition into the transition before it when
 * its only input place has one arc in and one out (and likewise after it), until none is left.
 * Places and transitions keep their order, which the replay's choice between invisible paths follows.
 */
function reduce(net: PetriNet): PetriNet {
  const alive = new Set(net.transitions);
  const deadPlaces = new Set<number>();
  // pm4js leaves the arc from a place to a transition folded on its exit side in the place's
  // out-arcs; that stale arc keeps the place from being folded later, so it is counted here too.
  const ghosts = new Map<number, number>();
  const inArcs = (p: number) => [...alive].filter((t) => t.post.includes(p));
  const outArcs = (p: number) => [...alive].filter((t) => t.pre.includes(p));
  const addArc = (list: number[], p: number) => {
    if (!list.includes(p)) list.push(p);
  };
  for (const side of ['entry', 'exit'] as const) {
    for (;;) {
      let changed = false;
      for (const t of alive) {
        if (t.label !== null) continue;
        const one = side === 'entry' ? t.pre : t.post;
        if (one.length !== 1) continue;
        const p = one[0]!;
        const ins = inArcs(p);
        const outs = outArcs(p);
        if (ins.length !== 1 || outs.length + (side === 'exit' ? ghosts.get(p) ?? 0 : 0) !== 1) continue;
        if (side === 'entry') for (const q of t.post) addArc(ins[0]!.post, q);
        else
          for (const q of t.pre) {
            addArc(outs[0]!.pre, q);
            ghosts.set(q, (ghosts.get(q) ?? 0) + 1);
          }
        alive.delete(t);
        for (const u of alive) {
          u.pre = u.pre.filter((x) => x !== p);
          u.post = u.post.filter((x) => x !== p);
        }
        deadPlaces.add(p);
        changed = true;
        break;
      }
      if (!changed) break;
    }
  }
  // Renumber the places that are left, keeping their order.
  const index = new Map<number, number>();
  const places: string[] = [];
  net.places.forEach((name, i) => {
    if (!deadPlaces.has(i)) index.set(i, places.push(name) - 1);
  });
  const transitions = net.transitions.filter((t) => alive.has(t)).map((t) => ({ ...t, pre: t.pre.map((p) => index.get(p)!), post: t.post.map((p) => index.get(p)!) }));
  return { places, transitions, source: index.get(net.source)!, sink: index.get(net.sink)!, steps: net.steps };
}

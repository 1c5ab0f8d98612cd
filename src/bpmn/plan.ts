/**
 * The BPMN shape of a crmflow process, before any XML: which BPMN elements a step becomes
 * and which sequence flows join them. The mapping (README, "BPMN export and import") is chosen
 * so that `import` can read it back to the same steps and edges:
 *
 * | crmflow | BPMN |
 * |---|---|
 * | start / end | start / end event; an end a parallel branch reaches before its join: terminate end event |
 * | task (user, service, manual), approval | user / service / manual task |
 * | decision | exclusive gateway; `else` is the default flow |
 * | parallel / join | parallel gateway (fork / join) |
 * | wait `for` | intermediate timer catch event |
 * | wait `message` | intermediate message catch event; with `timeout`: receive task + interrupting boundary timer `<id>_timeout` |
 * | wait `arrives` (simulation only) | kept on the message node: `crmflow:arrives` attribute (plain), zeebe:property `crmflow:arrives` (Camunda 8) |
 * | subprocess | call activity |
 * | sla | boundary timer `<id>_sla` (interrupting unless `interrupting: false`); measured only: non-interrupting, to end event `<id>_sla_end` |
 * | on.error | error boundary event `<id>_error` |
 * | on.rejected and other `on` names | exclusive gateway `<id>_outcome` after the step (`<id>_approval` after an approval): `outcome = "<name>"` (or the path's `when`), `next` is the default flow |
 * | a branch with only a probability | condition `route = "<target step>"` |
 * | several flows into one task, event, decision or parallel fork | exclusive merge gateway `<id>_merge` in front of it |
 * | several flows from one parallel branch into its join | exclusive merge gateway `<join>_merge_<n>` per branch, so the join has one flow per branch |
 */
import { approversOf, isMulti, type ApprovalMode } from '../model/approvers.js';
import { outgoing } from '../model/graph.js';
import { parallelBlocks } from '../model/parallel.js';
import { describeDuration, meanOf, parseDuration, toDistribution } from '../model/duration.js';
import type { DurationInput, Process, Step } from '../model/types.js';
import { toIsoDuration } from './iso-duration.js';
import { msg, part, type MessageId } from '../i18n/index.js';

export type NodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'serviceTask'
  | 'manualTask'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'intermediateCatchEvent'
  | 'callActivity'
  | 'boundaryEvent';

/** Where a node sits relative to the step it comes from, for the diagram. */
export type Placement = 'step' | 'after' | 'before' | 'boundary-sla' | 'boundary-error' | 'boundary-timeout' | 'below';

export interface PlanNode {
  id: string;
  kind: NodeKind;
  name: string;
  /** The crmflow step this node comes from. */
  step: string;
  place: Placement;
  role?: string;
  documentation?: string;
  /** ISO 8601 duration of a timer. */
  timer?: string;
  message?: string;
  /** When the message comes, for simulate only (a duration, or a distribution as JSON); engines ignore it. */
  arrives?: string;
  error?: boolean;
  attachedTo?: string;
  cancelActivity?: boolean;
  calledProcess?: string;
  /** Approval tiers: the assignee group depends on a case field (Camunda 8 writes a FEEL expression). */
  tiers?: { field: string; levels: { below?: number; role: string }[] };
  /**
   * A multi-approver step: a multi-instance user task over `approvers` (roles), or over the
   * submitter's supervisors (`supervisor` levels; the caller passes a `supervisors` list).
   */
  multi?: { mode: ApprovalMode; sequential: boolean; approvers: string[]; supervisor?: number };
  /** A single `{ supervisor: n }` approval: the candidate group is the n-th of `supervisors`. */
  supervisor?: number;
  /** An end event that ends the whole instance (reached inside a parallel block). */
  terminate?: boolean;
  /** A merge gateway: the node it stands in front of (for the diagram). */
  before?: string;
  /** Several merges in front of one join: this one's place among them, from 0. */
  slot?: number;
}

/** A condition: a CEL expression, or a variable the engine's caller sets (`outcome`, `route`). */
export type PlanCondition = { cel: string } | { variable: 'outcome' | 'route'; value: string };

export interface PlanFlow {
  id: string;
  from: string;
  to: string;
  name?: string;
  condition?: PlanCondition;
  isDefault?: boolean;
  /** The crmflow edge this flow draws (for the diagram's waypoints). */
  edge?: { from: string; to: string };
}

export interface Plan {
  nodes: PlanNode[];
  flows: PlanFlow[];
  /** Message names used by the process. */
  messages: string[];
  usesError: boolean;
  /** What the BPMN does not carry (durations, probabilities, actions…), one line each. */
  notes: string[];
}

/** A BPMN id for a step id: NCNames may not start with a digit. */
export function bpmnId(stepId: string): string {
  return /^[0-9]/.test(stepId) ? `_${stepId}` : stepId;
}

function durationMinutes(d: DurationInput): number {
  return typeof d === 'string' && !d.includes('..') ? parseDuration(d) : meanOf(toDistribution(d));
}

/** Builds the BPMN elements and flows of `process`. */
export function planProcess(process: Process): Plan {
  const nodes: PlanNode[] = [];
  const flows: PlanFlow[] = [];
  const messages = new Set<string>();
  const notes: string[] = [];
  let usesError = false;
  const byId = new Map<string, PlanNode>();
  const add = (n: PlanNode) => {
    nodes.push(n);
    byId.set(n.id, n);
    return n;
  };
  /** The node a step's outgoing normal flow leaves from (its outcome gateway when it has one). */
  const exitOf = new Map<string, string>();
  const flowCount = new Map<string, number>();
  const flow = (f: Omit<PlanFlow, 'id'>) => {
    const n = (flowCount.get(f.from) ?? 0) + 1;
    flowCount.set(f.from, n);
    const pf = { id: `Flow_${f.from}_${n}`, ...f };
    flows.push(pf);
    return pf;
  };
  // A branch that ends the case must cancel the others, or they wait at the join forever.
  const terminating = new Set(parallelBlocks(process).flatMap((b) => [...b.ends]));
  const lost = new Map<MessageId, Set<string>>();
  /** Message waits whose `arrives` is written for simulate only. */
  const arrivals: string[] = [];
  const lose = (what: MessageId, step: string) => (lost.get(what) ?? lost.set(what, new Set()).get(what)!).add(step);

  for (const step of process.steps) {
    if (byId.has(bpmnId(step.id))) continue;
    const id = bpmnId(step.id);
    const name = step.name ?? step.id;
    const base = { id, name, step: step.id, place: 'step' as const, documentation: step.description };
    if (step.actions?.length) lose('bpmn.lost.actions', step.id);
    switch (step.type) {
      case 'start':
        add({ ...base, kind: 'startEvent' });
        if (step.arrivals) lose('bpmn.lost.arrivals', step.id);
        break;
      case 'end':
        add({ ...base, kind: 'endEvent', ...(terminating.has(step.id) ? { terminate: true } : {}) });
        break;
      case 'task':
      case 'approval': {
        const kind = step.type === 'approval' ? 'userTask' : step.kind === 'service' ? 'serviceTask' : step.kind === 'manual' ? 'manualTask' : 'userTask';
        const tiers = step.type === 'approval' && step.tiers
          ? { field: step.tiers.field, levels: step.tiers.levels.map((l) => ({ below: l.below, role: Array.isArray(l.role) ? l.role.join(',') : l.role })) }
          : undefined;
        const a = approversOf(step);
        const multi = isMulti(a) ? { mode: a.mode, sequential: a.mode === 'sequence', approvers: a.roles, ...(a.supervisor !== undefined ? { supervisor: a.supervisor } : {}) } : undefined;
        const single = !multi && a.supervisor !== undefined ? a.supervisor : undefined;
        add({ ...base, kind, role: step.role ?? (a.roles.length === 1 && !tiers ? a.roles[0] : undefined), ...(tiers ? { tiers } : {}), ...(multi ? { multi } : {}), ...(single !== undefined ? { supervisor: single } : {}) });
        if (step.duration) lose('bpmn.lost.durations', step.id);
        if (step.sla) {
          const interrupting = step.sla.breach ? step.sla.interrupting !== false : false;
          add({
            id: `${id}_sla`,
            kind: 'boundaryEvent',
            name: `SLA ${step.sla.within}`,
            step: step.id,
            place: 'boundary-sla',
            timer: toIsoDuration(parseDuration(step.sla.within)),
            attachedTo: id,
            cancelActivity: interrupting,
          });
          if (step.sla.calendar) lose('bpmn.lost.slaCalendars', step.id);
          if (!step.sla.breach) {
            add({ id: `${id}_sla_end`, kind: 'endEvent', name: `SLA ${step.sla.within} missed`, step: step.id, place: 'below' });
            flow({ from: `${id}_sla`, to: `${id}_sla_end` });
          }
        }
        break;
      }
      case 'decision':
        add({ ...base, kind: 'exclusiveGateway' });
        break;
      case 'parallel':
      case 'join':
        add({ ...base, kind: 'parallelGateway' });
        break;
      case 'wait': {
        if (step.message) messages.add(step.message);
        if (step.for !== undefined) {
          add({ ...base, kind: 'intermediateCatchEvent', timer: toIsoDuration(durationMinutes(step.for)) });
          if (typeof step.for !== 'string' || step.for.includes('..')) notes.push(msg('bpmn.waitMean', { step: step.id, duration: describeDuration(step.for) }));
        } else if (step.message && step.recycle && !(step.timeout !== undefined && step.on?.timeout)) {
          // A receive task can carry the recycle timer; a catch event cannot.
          add({ ...base, kind: 'receiveTask', message: step.message });
          if (step.timeout !== undefined) lose('bpmn.lost.waitTimeouts', step.id);
        } else if (step.message && step.timeout !== undefined && step.on?.timeout) {
          add({ ...base, kind: 'receiveTask', message: step.message });
          add({
            id: `${id}_timeout`,
            kind: 'boundaryEvent',
            name: `Timeout ${typeof step.timeout === 'string' ? step.timeout : describeDuration(step.timeout)}${timeoutShare(step.on.timeout)}`,
            step: step.id,
            place: 'boundary-timeout',
            timer: toIsoDuration(durationMinutes(step.timeout)),
            attachedTo: id,
            cancelActivity: true,
          });
        } else {
          const message = step.message ?? step.id;
          messages.add(message);
          add({ ...base, kind: 'intermediateCatchEvent', message });
          if (step.timeout !== undefined) lose('bpmn.lost.waitTimeouts', step.id);
        }
        if (step.message && step.for === undefined && step.arrives !== undefined) {
          byId.get(id)!.arrives = typeof step.arrives === 'string' ? step.arrives : JSON.stringify(step.arrives);
          arrivals.push(step.id);
        }
        break;
      }
      case 'subprocess':
        add({ ...base, kind: 'callActivity', calledProcess: step.process });
        break;
      case 'pool':
        // A pool is pulled from: a user task its claimers' group can claim (Camunda's task list works this way).
        add({ ...base, kind: 'userTask', role: step.claimedBy });
        if (step.limit !== undefined || step.priority !== undefined) lose('bpmn.lost.poolLimits', step.id);
        break;
    }
    exitOf.set(step.id, id);
  }

  // Flows, in the order the file writes the edges.
  for (const step of process.steps) {
    const id = bpmnId(step.id);
    const edges = outgoing(step).filter((e) => process.stepById.has(e.to));
    const outcomeEdges = edges.filter((e) => e.kind === 'exception' && !isBoundaryException(step, e.label!));
    let exit = id;
    if (outcomeEdges.length) {
      exit = step.type === 'approval' ? `${id}_approval` : `${id}_outcome`;
      add({ id: exit, kind: 'exclusiveGateway', name: step.type === 'approval' ? 'Approved?' : 'Outcome?', step: step.id, place: 'after' });
      flow({ from: id, to: exit });
    }
    for (const e of edges) {
      const to = bpmnId(e.to);
      const edge = { from: e.from, to: e.to };
      // Shares for simulate travel in labels, `(15%)`, so that import gives them back.
      const share = e.probability !== undefined ? ` (${percent(e.probability)})` : '';
      switch (e.kind) {
        case 'next':
          flow({ from: exit, to, edge, ...(exit !== id ? { isDefault: true } : {}) });
          break;
        case 'branch':
          if (e.when) {
            flow({ from: id, to, edge, name: `${e.when}${share}`, condition: { cel: e.when } });
          } else {
            // The share is the flow's name, so that import can give it back to simulate.
            const name = e.probability !== undefined ? percent(e.probability) : e.to;
            flow({ from: id, to, edge, name, condition: { variable: 'route', value: e.to } });
          }
          break;
        case 'else':
          flow({ from: id, to, edge, isDefault: true });
          break;
        case 'fork':
          flow({ from: id, to, edge });
          break;
        case 'breach':
          flow({ from: `${id}_sla`, to, edge });
          break;
        case 'exception': {
          const name = e.label!;
          if (isBoundaryException(step, name)) {
            if (name.startsWith('recycle ') && 'recycle' in step && step.recycle) {
              // Back to the pool when the case has not moved on: an interrupting timer on the step.
              add({ id: `${id}_recycle`, kind: 'boundaryEvent', name: `Recycle after ${step.recycle.after}`, step: step.id, place: 'boundary-timeout', timer: toIsoDuration(parseDuration(step.recycle.after)), attachedTo: id, cancelActivity: true });
              flow({ from: `${id}_recycle`, to, edge });
            } else if (name === 'error') {
              usesError = true;
              add({ id: `${id}_error`, kind: 'boundaryEvent', name: `Error${share}`, step: step.id, place: 'boundary-error', error: true, attachedTo: id, cancelActivity: true });
              flow({ from: `${id}_error`, to, edge });
              if (e.when) notes.push(msg('bpmn.errorCondition', { step: step.id, when: e.when }));
            } else flow({ from: `${id}_timeout`, to, edge });
          } else {
            flow({ from: exit, to, edge, name: `${name}${share}`, condition: e.when ? { cel: e.when } : { variable: 'outcome', value: name } });
          }
          break;
        }
      }
    }
    exitOf.set(step.id, exit);
  }

  mergeBranchesBeforeJoins(process, nodes, flows, byId);
  insertMerges(nodes, flows, byId, new Set(process.steps.filter((s) => s.type === 'parallel').map((s) => bpmnId(s.id))));

  if (arrivals.length) notes.push(msg('bpmn.arrives', { steps: arrivals.join(', ') }));
  for (const [what, steps] of lost) notes.push(msg('bpmn.lost', { what: part(what), steps: [...steps].join(', ') }));
  return { nodes, flows, messages: [...messages], usesError, notes };
}

/** `0.15` → `15%`. */
export function percent(p: number): string {
  return `${Number((p * 100).toFixed(2))}%`;
}

function timeoutShare(path: unknown): string {
  const p = typeof path === 'object' && path ? (path as { probability?: number }).probability : undefined;
  return p !== undefined ? ` (${percent(p)})` : '';
}

/** Exceptions drawn as boundary events rather than as outcome-gateway flows. */
export function isBoundaryException(step: Step, name: string): boolean {
  if (name.startsWith('recycle ') && 'recycle' in step && step.recycle) return true;
  if (name === 'error') return step.type === 'task' || step.type === 'approval' || step.type === 'subprocess';
  if (name === 'timeout') return step.type === 'wait' && step.for === undefined && !!step.message && step.timeout !== undefined;
  return false;
}

/**
 * A parallel join waits for a token on every incoming flow (Zeebe has no dead-path
 * elimination), while crmflow's join waits for one arrival per branch. A branch that reaches
 * the join by two flows (a choice inside it whose paths both end at the join) would leave the
 * join waiting forever: its flows meet in an exclusive merge first, one per branch.
 */
function mergeBranchesBeforeJoins(process: Process, nodes: PlanNode[], flows: PlanFlow[], byId: Map<string, PlanNode>): void {
  const stepOf = new Map(nodes.map((n) => [n.id, n.step]));
  for (const fork of process.steps) {
    if (fork.type !== 'parallel' || process.stepById.get(fork.join)?.type !== 'join') continue;
    const join = bpmnId(fork.join);
    const ins = flows.filter((f) => f.to === join);
    if (ins.length <= fork.branches.length) continue;
    // The steps each branch reaches before the join; a flow belongs to the first branch that reaches its source.
    const reach = fork.branches.map((b) => reachBefore(process, b, fork.join));
    const groups = new Map<number, PlanFlow[]>();
    for (const f of ins) {
      const i = reach.findIndex((r) => r.has(stepOf.get(f.from) ?? ''));
      if (i >= 0) (groups.get(i) ?? groups.set(i, []).get(i)!).push(f);
    }
    let slot = 0;
    for (const [i, group] of groups) {
      if (group.length < 2) continue;
      const merge: PlanNode = { id: `${join}_merge_${i + 1}`, kind: 'exclusiveGateway', name: '', step: fork.join, place: 'before', before: join, slot: slot++ };
      nodes.splice(nodes.indexOf(byId.get(join)!), 0, merge);
      byId.set(merge.id, merge);
      for (const f of group) f.to = merge.id;
      flows.push({ id: `Flow_${merge.id}_1`, from: merge.id, to: join });
    }
  }
}

/** The steps reached from `from` without going on from `join`. */
function reachBefore(process: Process, from: string, join: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === join || seen.has(id)) continue;
    const step = process.stepById.get(id);
    if (!step) continue;
    seen.add(id);
    for (const e of outgoing(step)) stack.push(e.to);
  }
  return seen;
}

/**
 * bpmnlint (and good style) wants a join to be explicit: a task, an event, a deciding gateway
 * or a parallel fork with several incoming flows gets an exclusive merge gateway in front of it.
 * A fork is never also a join (a gateway that joins and splits at once): decided by the step's
 * type, not by counting flows, so a one-branch fork reached from two places is a fork too.
 */
function insertMerges(nodes: PlanNode[], flows: PlanFlow[], byId: Map<string, PlanNode>, forks: Set<string>): void {
  const incoming = new Map<string, PlanFlow[]>();
  const outCount = new Map<string, number>();
  for (const f of flows) {
    (incoming.get(f.to) ?? incoming.set(f.to, []).get(f.to)!).push(f);
    outCount.set(f.from, (outCount.get(f.from) ?? 0) + 1);
  }
  for (const node of [...nodes]) {
    const ins = incoming.get(node.id) ?? [];
    if (ins.length < 2) continue;
    if (node.kind === 'parallelGateway' && !forks.has(node.id)) continue; // a join
    if (node.kind === 'exclusiveGateway' && (outCount.get(node.id) ?? 0) <= 1) continue; // already a merge
    const merge: PlanNode = { id: `${node.id}_merge`, kind: 'exclusiveGateway', name: '', step: node.step, place: 'before', before: node.id };
    nodes.splice(nodes.indexOf(node), 0, merge);
    byId.set(merge.id, merge);
    for (const f of ins) f.to = merge.id;
    flows.push({ id: `Flow_${merge.id}_1`, from: merge.id, to: node.id });
  }
}

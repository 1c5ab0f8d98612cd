/**
 * The process graph: every way a case can move from one step to another, and the links
 * between processes (subprocess calls and `refines`). Lint, render, simulate, diff and BPMN
 * export all walk these same edges.
 */
import type { PathSegment, Process, Project, Step } from './types.js';

export type EdgeKind =
  /** `next` */
  | 'next'
  /** a decision branch with `when` and/or `probability` */
  | 'branch'
  /** a decision's `else` */
  | 'else'
  /** an exception path in `on` (label = its name, e.g. `rejected`) */
  | 'exception'
  /** an SLA breach (`sla.breach`) */
  | 'breach'
  /** a parallel fork to one of its branches */
  | 'fork';

/** One possible move of a case from `from` to `to` inside a process. */
export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Exception name, branch condition or `else`, for labels. */
  label?: string;
  /** The exception path's `name` (e.g. 驳回), which readers see instead of its id. */
  name?: string;
  when?: string;
  probability?: number;
  /** Where the reference is written, relative to the step (e.g. `['on', 'rejected']`). */
  field: PathSegment[];
}

/** Every edge leaving `step`, in the order they are written. */
export function outgoing(step: Step): Edge[] {
  const edges: Edge[] = [];
  const from = step.id;
  switch (step.type) {
    case 'decision':
      step.branches.forEach((b, i) => {
        if ('else' in b) edges.push({ from, to: b.else, kind: 'else', label: 'else', field: ['branches', i, 'else'] });
        else
          edges.push({
            from,
            to: b.next,
            kind: 'branch',
            label: b.when ?? (b.probability !== undefined ? `${Math.round(b.probability * 100)}%` : undefined),
            when: b.when,
            probability: b.probability,
            field: ['branches', i, 'next'],
          });
      });
      return edges;
    case 'parallel':
      step.branches.forEach((to, i) => edges.push({ from, to, kind: 'fork', field: ['branches', i] }));
      return edges;
    case 'end':
      return edges;
  }
  if ('sla' in step && step.sla?.breach) {
    edges.push({ from, to: step.sla.breach, kind: 'breach', label: `SLA ${step.sla.within}`, field: ['sla', 'breach'] });
  }
  if ('recycle' in step && step.recycle) {
    edges.push({ from, to: step.recycle.to, kind: 'exception', label: `recycle ${step.recycle.after}`, field: ['recycle', 'to'] });
  }
  if ('on' in step && step.on) {
    for (const [name, path] of Object.entries(step.on)) {
      if (typeof path === 'string') edges.push({ from, to: path, kind: 'exception', label: name, field: ['on', name] });
      else
        edges.push({
          from,
          to: path.next,
          kind: 'exception',
          label: name,
          ...(path.name ? { name: path.name } : {}),
          when: path.when,
          probability: path.probability,
          field: ['on', name, 'next'],
        });
    }
  }
  if ('next' in step && step.next) edges.unshift({ from, to: step.next, kind: 'next', field: ['next'] });
  return edges;
}

/** Every edge of a process whose target exists. */
export function edgesOf(process: Process): Edge[] {
  const out: Edge[] = [];
  for (const step of process.steps) for (const e of outgoing(step)) if (process.stepById.has(e.to)) out.push(e);
  return out;
}

/** The start steps of a process, in file order. */
export function startSteps(process: Process): Step[] {
  return process.steps.filter((s) => s.type === 'start');
}

/** Ids of the steps reachable from any start step, following every kind of edge. */
export function reachableFromStart(process: Process): Set<string> {
  const seen = new Set<string>();
  const stack = startSteps(process).map((s) => s.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = process.stepById.get(id);
    if (!step) continue;
    for (const e of outgoing(step)) if (!seen.has(e.to) && process.stepById.has(e.to)) stack.push(e.to);
  }
  return seen;
}

/** A link between two processes. */
export interface ProcessLink {
  /** The process holding the subprocess step, or the refining process. */
  from: string;
  /** The called process, or the refined (higher-layer) process. */
  to: string;
  kind: 'calls' | 'refines';
  /** The subprocess step (calls) or the refined step (refines). */
  step: string;
}

/** All subprocess calls and `refines` links between the project's processes. */
export function processLinks(project: Project): ProcessLink[] {
  const links: ProcessLink[] = [];
  for (const p of project.processes.values()) {
    for (const s of p.steps) if (s.type === 'subprocess') links.push({ from: p.id, to: s.process, kind: 'calls', step: s.id });
    if (p.refines) {
      const [to, step] = p.refines.split('/') as [string, string];
      links.push({ from: p.id, to, kind: 'refines', step });
    }
  }
  return links;
}

/** Display name of a step: its `name`, else its id. */
export function stepName(step: Step): string {
  return step.name ?? step.id;
}

/** The role doing a step, if it has one (tasks, approvals). */
export function stepRole(step: Step): string | undefined {
  // A pool sits in its claimers' lane; a multi-approver step in its first approver's.
  if (step.type === 'pool') return step.claimedBy;
  if (step.type === 'approval' && step.role === undefined && Array.isArray(step.approvers)) return step.approvers[0];
  return 'role' in step ? step.role : undefined;
}

/** Layer rank: strategy 0, core 1, operation 2 (higher number = lower layer, more detail). */
export function layerRank(layer: Process['layer']): number {
  return layer === 'strategy' ? 0 : layer === 'core' ? 1 : 2;
}

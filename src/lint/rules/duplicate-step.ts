import * as z from 'zod';
import type { Process, Project, Step } from '../../model/types.js';
import { stepName } from '../../model/graph.js';
import type { Report, Rule } from '../types.js';
import { normalizeName } from '../normalize.js';
import { edgeMap, isNormal } from '../util.js';
import { msg, part, type Part } from '../../i18n/index.js';

/** Steps that do work; events and gateways ("Done", "Approved?") repeat legitimately. */
function isWork(step: Step): boolean {
  return step.type === 'task' || step.type === 'approval';
}

/** The same work done twice: by name within a process and across linked processes, and the same approver twice on one path. */
export const rule: Rule = {
  id: 'duplicate-step',
  meta: {
    description:
      'steps doing the same thing: the same normalised name (case, width, punctuation, whitespace; CJK too) twice in a process or in a process and one it calls or refines; the same approver approving twice on one path; three or more approvals in a row',
    why: 'Every duplicate is a hand-off, a wait and a chance to disagree: "customer confirms the requirement" done in five places, or the same manager approving the same deal twice, is how processes grow slow without anyone deciding it.',
    fix: 'Merge the two steps into one (let the other path lead to it), move the work into the called process only, or rename a step if the two really do different work. For approvals in a row, approve once with tiers: (the level depends on the amount) or let the reviewers work in parallel.',
    defaultLevel: 'warn',
    options: z.strictObject({ approvalsInARow: z.number().int().min(2).optional() }),
    defaultOptions: { approvalsInARow: 3 },
    optionsHelp: '{ approvalsInARow?: number } — how many approvals directly one after another count as approving the same thing repeatedly (default 3)',
    examples: {
      bad: `- id: confirm-needs
  type: task
  name: Customer confirms requirements
  role: customer
  next: draft-solution
- id: draft-solution
  type: task
  role: sales-rep
  next: reconfirm
- id: reconfirm
  type: task
  name: customer confirms requirements.
  role: customer
  next: quote`,
      good: `- id: confirm-needs
  type: task
  name: Customer confirms requirements
  role: customer
  next: draft-solution
- id: draft-solution
  type: task
  role: sales-rep
  next: quote`,
    },
  },
  check({ project, options, report }) {
    const inARow = (options.approvalsInARow as number | undefined) ?? 3;
    const keys = new Map<string, Map<string, Step>>();
    const keysOf = (p: Process) => {
      let m = keys.get(p.id);
      if (!m) {
        m = new Map();
        for (const s of p.steps) {
          if (!isWork(s)) continue;
          const k = normalizeName(stepName(s));
          if (k && !m.has(k)) m.set(k, s);
        }
        keys.set(p.id, m);
      }
      return m;
    };
    const pairs = new Set<string>();
    for (const process of project.processes.values()) {
      const within = sameNameInProcess(process, report);
      sameNameAcross(project, process, keysOf, within, pairs, report);
      sameApproverOnPath(process, report);
      approvalsInARow(process, inARow, report);
    }
  },
};

function line(p: Process, s: Step): number {
  return p.source.locate(['steps', p.stepIndex.get(s.id)!]).line;
}

/** Reports twins inside one process; returns the ids it reported. */
function sameNameInProcess(process: Process, report: (r: Report) => void): Set<string> {
  const reported = new Set<string>();
  const first = new Map<string, Step>();
  for (const s of process.steps) {
    if (!isWork(s)) continue;
    const key = normalizeName(stepName(s));
    if (!key) continue;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, s);
      continue;
    }
    report({
      process,
      step: s.id,
      field: s.name !== undefined ? ['name'] : ['id'],
      key: `same-name ${earlier.id}`,
      message: msg('lint.duplicate-step.sameName', { step: s.id, other: earlier.id, line: line(process, earlier), name: stepName(s) }),
    });
    reported.add(s.id);
  }
  return reported;
}

/** Twins between a process and those it calls or refines, each pair once. */
function sameNameAcross(
  project: Project,
  process: Process,
  keysOf: (p: Process) => Map<string, Step>,
  skip: Set<string>,
  pairs: Set<string>,
  report: (r: Report) => void,
): void {
  const linked: { other: Process; how: Part }[] = [];
  for (const s of process.steps) {
    if (s.type !== 'subprocess') continue;
    const other = project.processes.get(s.process);
    if (other && other.id !== process.id && !linked.some((l) => l.other === other)) linked.push({ other, how: part('lint.duplicate-step.calls', { step: s.id }) });
  }
  if (process.refines) {
    const other = project.processes.get(process.refines.split('/')[0]!);
    if (other && other.id !== process.id && !linked.some((l) => l.other === other)) linked.push({ other, how: part('lint.duplicate-step.refines') });
  }
  if (!linked.length) return;
  for (const s of process.steps) {
    if (!isWork(s) || skip.has(s.id)) continue;
    const key = normalizeName(stepName(s));
    if (!key) continue;
    for (const { other, how } of linked) {
      const twin = keysOf(other).get(key);
      if (!twin) continue;
      const pair = [`${process.id}/${s.id}`, `${other.id}/${twin.id}`].sort().join('\0');
      if (pairs.has(pair)) break;
      pairs.add(pair);
      report({
        process,
        step: s.id,
        field: s.name !== undefined ? ['name'] : ['id'],
        key: `same-name ${other.id}/${twin.id}`,
        message: msg('lint.duplicate-step.across', { step: s.id, other: `${other.id}/${twin.id}`, where: `${other.file}:${line(other, twin)}`, how, name: stepName(s) }),
      });
      break;
    }
  }
}

/** An approver who approves the same case twice in a row on the normal path. */
function sameApproverOnPath(process: Process, report: (r: Report) => void): void {
  // Only roles that approve more than once in the process can approve twice on a path.
  const byRole = new Map<string, Extract<Step, { type: 'approval' }>[]>();
  for (const s of process.steps) {
    if (s.type !== 'approval' || s.role === undefined || s.tiers) continue;
    const list = byRole.get(s.role) ?? [];
    list.push(s);
    byRole.set(s.role, list);
  }
  const approvals = [...byRole.values()].filter((l) => l.length > 1).flat();
  if (approvals.length < 2) return;
  const edges = edgeMap(process);
  const reported = new Set<string>();
  for (const a of approvals) {
    // Every approval by the same role reachable from `a` on the normal flow (rejection loops excluded).
    const seen = new Set<string>([a.id]);
    const stack = (edges.get(a.id) ?? []).filter(isNormal).map((e) => e.to);
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const s = process.stepById.get(id)!;
      if (s.type === 'approval' && s.role === a.role && s.id !== a.id && !s.tiers) {
        const pair = [a.id, s.id].sort().join('\0');
        if (!reported.has(pair)) {
          reported.add(pair);
          report({
            process,
            step: s.id,
            field: ['role'],
            key: `same-approver ${a.id}`,
            message: msg('lint.duplicate-step.sameApprover', { role: a.role, first: a.id, second: s.id }),
          });
        }
        continue;
      }
      for (const e of edges.get(id) ?? []) if (isNormal(e) && !seen.has(e.to)) stack.push(e.to);
    }
  }
}

/** Approvals chained by `next` one after another: the same thing approved again and again. */
function approvalsInARow(process: Process, limit: number, report: (r: Report) => void): void {
  const nextApproval = (s: Step): Step | undefined => {
    if (s.type !== 'approval' || !s.next) return undefined;
    const n = process.stepById.get(s.next);
    return n?.type === 'approval' ? n : undefined;
  };
  const chained = new Set<string>();
  for (const s of process.steps) {
    const n = nextApproval(s);
    if (n) chained.add(n.id);
  }
  for (const first of process.steps) {
    if (first.type !== 'approval' || chained.has(first.id)) continue;
    const chain: Step[] = [first];
    for (let n = nextApproval(first); n && !chain.includes(n); n = nextApproval(n)) chain.push(n);
    if (chain.length < limit) continue;
    const names = chain.map((c) => `"${c.id}"`);
    report({
      process,
      step: first.id,
      field: ['id'],
      key: 'approvals-in-a-row',
      message: msg('lint.duplicate-step.inARow', { n: chain.length, chain: names.join(' → ') }),
    });
  }
}

/**
 * Who approves an approval step and how they decide (DESIGN §12): one place that reads
 * `mode`, `approvers`, `role` and `tiers`, so validate, lint, simulate, render and export agree.
 */
import { outgoing } from './graph.js';
import type { ApprovalMode } from './schema.js';
import type { Process, Role, Step } from './types.js';

export type { ApprovalMode };

export interface Approvers {
  mode: ApprovalMode;
  /** The approving roles in order (empty for `{ supervisor: n }`). */
  roles: string[];
  /** Levels above the submitter, for `{ supervisor: n }`: with `single` only the n-th, otherwise levels 1..n (连续多级主管). */
  supervisor?: number;
}

/** The approvers of a step; a plain task or an approval with only `role` is `single`. */
export function approversOf(step: Step): Approvers {
  if (step.type !== 'approval') return { mode: 'single', roles: 'role' in step && step.role ? [step.role] : [] };
  const a = step.approvers;
  if (a && !Array.isArray(a)) return { mode: step.mode ?? 'single', roles: [], supervisor: a.supervisor };
  const roles = a ?? (step.role ? [step.role] : []);
  return { mode: step.mode ?? 'single', roles };
}

/** A tier level's roles and mode. */
export function levelApprovers(level: { role: string | string[]; mode?: ApprovalMode }): Approvers {
  const roles = Array.isArray(level.role) ? level.role : [level.role];
  return { mode: level.mode ?? 'single', roles };
}

/** Whether the approvers are more than one request (a multi-instance task). */
export function isMulti(a: Approvers): boolean {
  return a.mode !== 'single' && (a.roles.length > 1 || (a.supervisor ?? 0) > 1);
}

/**
 * The role `levels` steps up the reporting line from `role`, or why there is none: `missing`
 * names the role without `reportsTo`, `cycle` the roles of a loop.
 */
export function supervisorOf(
  roles: ReadonlyMap<string, Pick<Role, 'reportsTo'>>,
  role: string,
  levels: number,
): { role: string } | { missing: string } | { cycle: string[] } {
  const seen = [role];
  let cur = role;
  for (let i = 0; i < levels; i++) {
    const up = roles.get(cur)?.reportsTo;
    if (!up) return { missing: cur };
    if (seen.includes(up)) return { cycle: [...seen.slice(seen.indexOf(up)), up] };
    seen.push(up);
    cur = up;
  }
  return { role: cur };
}

/** Reporting-line loops among the roles (each reported once, from its smallest role id). */
export function reportingCycles(roles: ReadonlyMap<string, Pick<Role, 'reportsTo'>>): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const id of [...roles.keys()].sort()) {
    const path: string[] = [];
    let cur: string | undefined = id;
    while (cur !== undefined && !path.includes(cur) && roles.has(cur)) {
      path.push(cur);
      cur = roles.get(cur)!.reportsTo;
    }
    if (cur === undefined || !path.includes(cur)) continue;
    const loop = path.slice(path.indexOf(cur));
    const key = [...loop].sort().join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([...loop, cur]);
  }
  return out;
}

/**
 * The roles that can submit to `stepId`: the roles of the nearest work steps before it on any
 * path, and the process owner when a path from a start reaches it with no work on the way.
 * The simulator uses the case's last role at run time; this is the static view for checks.
 */
export function submitterRoles(process: Process, stepId: string): string[] {
  const into = new Map<string, string[]>();
  for (const s of process.steps) for (const e of outgoing(s)) (into.get(e.to) ?? into.set(e.to, []).get(e.to)!).push(s.id);
  const out = new Set<string>();
  const seen = new Set<string>([stepId]);
  const stack = [...(into.get(stepId) ?? [])];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const s = process.stepById.get(id);
    if (!s) continue;
    const role = 'role' in s && s.role && s.role !== 'system' && s.role !== 'customer' ? s.role : undefined;
    if ((s.type === 'task' || s.type === 'approval') && role) {
      out.add(role);
      continue;
    }
    if (s.type === 'pool') {
      out.add(s.claimedBy);
      continue;
    }
    if (s.type === 'start' && process.owner) out.add(process.owner);
    stack.push(...(into.get(id) ?? []));
  }
  return [...out].sort();
}

/** Whether a text is Chinese (has CJK ideographs), for choosing 会签 / 或签 over all-of / any-of. */
export function isChinese(text: string | undefined): boolean {
  return text !== undefined && /\p{Script=Han}/u.test(text);
}

/** The mode as written under a multi-instance task: 会签 / 或签 / 依次审批, or all-of / any-of / in sequence. */
export function modeLabel(mode: ApprovalMode, chinese: boolean): string {
  if (chinese) return { single: '审批', all: '会签', any: '或签', sequence: '依次审批' }[mode];
  return { single: 'single', all: 'all-of', any: 'any-of', sequence: 'in sequence' }[mode];
}

/** The annotation lines of a multi-approver step in a diagram: its mode, then who approves. */
export function approvalNotes(step: Step, chinese: boolean): string[] {
  if (step.type !== 'approval') return [];
  const a = approversOf(step);
  if (!isMulti(a) && a.supervisor === undefined) return [];
  const who = a.supervisor !== undefined ? (chinese ? `上级 ${a.supervisor} 级` : `supervisor ${a.supervisor === 1 ? '' : `${a.supervisor} up`}`.trim()) : a.roles.join(' · ');
  return [`${isMulti(a) ? `${modeLabel(a.mode, chinese)}: ` : ''}${who}`];
}

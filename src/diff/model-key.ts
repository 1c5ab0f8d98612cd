/**
 * What a process's simulation depends on: the process itself, every process it calls (directly
 * or through others) and the settings of crmflow.yaml it uses (the roles its steps name,
 * calendars, fields, simulate). Two states with equal parts simulate alike, so `diff --simulate`
 * and `review --simulate` simulate exactly the processes whose model changed — a headcount
 * change or an edit in a subprocess included — and say why.
 */
import type { Process, Project } from '../model/types.js';
import { canonical } from './diff.js';

const META = new Set(['file', 'source', 'stepById', 'stepIndex']);

/** The parts of a process's model, each as a stable text; keys such as `process`, `subprocess credit-check`, `crmflow.yaml roles.legal`. */
export function modelParts(project: Project, id: string): Map<string, string> {
  const parts = new Map<string, string>();
  const own = project.processes.get(id);
  if (!own) return parts;
  const seen = new Set<string>([id]);
  const queue: Process[] = [own];
  const strings = new Set<string>();
  while (queue.length) {
    const p = queue.shift()!;
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p)) if (!META.has(k)) body[k] = v;
    const text = canonical(body);
    parts.set(p.id === id ? 'process' : `subprocess ${p.id}`, text);
    collectStrings(body, strings);
    for (const s of p.steps) {
      if (s.type !== 'subprocess' || seen.has(s.process)) continue;
      seen.add(s.process);
      const called = project.processes.get(s.process);
      if (called) queue.push(called);
      else parts.set(`subprocess ${s.process}`, 'missing');
    }
  }
  // A role counts when its id appears as a value anywhere in the model (role:, tiers, pools).
  const roles = (project.config.roles ?? {}) as Record<string, unknown>;
  for (const role of Object.keys(roles).sort()) if (strings.has(role)) parts.set(`crmflow.yaml roles.${role}`, canonical(roles[role]));
  const config = project.config as Record<string, unknown>;
  for (const key of ['calendars', 'fields', 'simulate'] as const) if (config[key] !== undefined) parts.set(`crmflow.yaml ${key}`, canonical(config[key]));
  return parts;
}

function collectStrings(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out);
}

/** A key of the whole model: equal keys simulate alike. */
export function modelKey(project: Project, id: string): string {
  return canonical([...modelParts(project, id)].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

/**
 * Why a process's model differs between two states: the parts that changed, e.g.
 * `['crmflow.yaml roles.legal']`; empty when it simulates alike. A process on one side
 * only is `['added']` or `['removed']`.
 */
export function modelChanges(before: Project, after: Project, id: string): string[] {
  const a = before.processes.has(id);
  const b = after.processes.has(id);
  if (!a && !b) return [];
  if (!a) return ['added'];
  if (!b) return ['removed'];
  const pa = modelParts(before, id);
  const pb = modelParts(after, id);
  const out: string[] = [];
  for (const k of new Set([...pa.keys(), ...pb.keys()])) if (pa.get(k) !== pb.get(k)) out.push(k);
  return out.sort((x, y) => (x === 'process' ? -1 : y === 'process' ? 1 : x < y ? -1 : 1));
}

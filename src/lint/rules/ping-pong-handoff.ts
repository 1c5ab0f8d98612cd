import * as z from 'zod';
import type { Rule } from '../types.js';
import type { Step } from '../../model/types.js';
import { stepRole } from '../../model/graph.js';
import { edgeMap, isNormal, predecessors } from '../util.js';
import { msg } from '../../i18n/index.js';

const options = z.strictObject({ ignoreRoles: z.array(z.string()).optional() });

/** A → B → A: the case goes back to the role that just had it. */
export const rule: Rule = {
  id: 'ping-pong-handoff',
  meta: {
    description:
      'work going from role A to role B and straight back to A on one path (tasks only: approvals, decisions, waits and gateways in between are looked through; customer and system are ignored by default)',
    why: 'Every hand-off is a queue: the case waits for B, then waits for A again. A → B → A usually means A could have done B\'s part, or B could have finished the job, and it doubles the waiting time of that stretch.',
    fix: 'Let one role finish the work (merge the two A steps, or move B\'s step before or after both), or make B\'s part an approval if it is a check rather than work.',
    defaultLevel: 'warn',
    options,
    defaultOptions: { ignoreRoles: ['customer', 'system'] },
    optionsHelp: '{ ignoreRoles?: string[] } — roles whose steps do not count as hand-offs (default customer and system)',
    examples: {
      bad: `- id: draft-contract
  type: task
  role: sales-rep
  next: legal-review
- id: legal-review
  type: task
  role: legal
  next: fix-contract
- id: fix-contract
  type: task
  role: sales-rep
  next: send`,
      good: `- id: draft-contract
  type: task
  role: sales-rep
  next: legal-review
- id: legal-review
  type: task
  role: legal
  next: send      # legal edits the contract themselves`,
    },
  },
  check({ project, options: o, report }) {
    const ignore = new Set((o.ignoreRoles as string[] | undefined) ?? []);
    const counts = (s: Step | undefined): boolean => s?.type === 'task' && s.role !== undefined && !ignore.has(s.role);
    for (const process of project.processes.values()) {
      const preds = predecessors(process, edgeMap(process));
      // Nearest counted task before each step on the normal flow, looking through gateways,
      // approvals and waits; subprocesses are a boundary (the work went elsewhere).
      const cache = new Map<string, string[]>();
      const nearest = (id: string): string[] => {
        const hit = cache.get(id);
        if (hit) return hit;
        const found: string[] = [];
        const seen = new Set<string>([id]);
        const stack = (preds.get(id) ?? []).filter(isNormal).map((e) => e.from);
        while (stack.length) {
          const p = stack.pop()!;
          if (seen.has(p)) continue;
          seen.add(p);
          const s = process.stepById.get(p);
          if (!s || s.type === 'subprocess' || s.type === 'start') continue;
          if (counts(s)) {
            found.push(p);
            continue;
          }
          if (s.type === 'task') continue; // an ignored role's task is still work in between
          for (const e of preds.get(p) ?? []) if (isNormal(e) && !seen.has(e.from)) stack.push(e.from);
        }
        cache.set(id, found);
        return found;
      };
      for (const u of process.steps) {
        if (!counts(u)) continue;
        const role = stepRole(u);
        const roleOf = (id: string) => stepRole(process.stepById.get(id)!);
        let hit: [string, string] | undefined;
        for (const t of nearest(u.id)) {
          if (roleOf(t) === role) continue;
          const s = nearest(t).find((x) => x !== u.id && roleOf(x) === role);
          if (s) {
            hit = [s, t];
            break;
          }
        }
        if (!hit) continue;
        const [s, t] = hit;
        const b = roleOf(t)!;
        report({
          process,
          step: u.id,
          field: ['role'],
          message: msg('lint.ping-pong-handoff', { role, other: b, a: s, b: t, c: u.id }),
        });
      }
    }
  },
};

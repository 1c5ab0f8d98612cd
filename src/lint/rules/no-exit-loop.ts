import type { Rule } from '../types.js';
import { edgeMap, graphComplete, predecessors } from '../util.js';
import { msg } from '../../i18n/index.js';

/** A loop no case can leave: it runs until someone closes the case by hand. */
export const rule: Rule = {
  id: 'no-exit-loop',
  meta: {
    description: 'a cycle of steps with no path to any end step',
    why: 'Rework loops are normal ("revise the quote, approve again"), but a loop with no way out keeps a case bouncing between the same people forever; simulation stops such cases at its step limit and reports them.',
    fix: 'Give the loop an exit: a decision branch, an on.timeout or on.rejected path, or an sla.breach that leads to an end step.',
    defaultLevel: 'error',
    examples: {
      bad: `- id: propose
  type: task
  role: sales-rep
  next: customer-review
- id: customer-review
  type: task
  role: customer
  on: { rejected: propose }
  next: propose`,
      good: `- id: propose
  type: task
  role: sales-rep
  next: customer-review
- id: customer-review
  type: task
  role: customer
  on: { rejected: propose, timeout: lost }
  next: signed
- id: signed
  type: end
  outcome: won
- id: lost
  type: end
  outcome: lost`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      if (!graphComplete(process)) continue; // validation reports the broken step first
      const edges = edgeMap(process);
      const preds = predecessors(process, edges);
      // Steps from which some end can be reached: walk backwards from every end step.
      const exits = new Set<string>();
      const stack = process.steps.filter((s) => s.type === 'end').map((s) => s.id);
      while (stack.length) {
        const id = stack.pop()!;
        if (exits.has(id)) continue;
        exits.add(id);
        for (const e of preds.get(id) ?? []) if (!exits.has(e.from)) stack.push(e.from);
      }
      // Cycles among the steps that cannot exit: strongly connected components (iterative Tarjan).
      const index = new Map<string, number>();
      const low = new Map<string, number>();
      const onStack = new Set<string>();
      const sccStack: string[] = [];
      let counter = 0;
      const trapped = process.steps.filter((s) => !exits.has(s.id)).map((s) => s.id);
      const next = (id: string) => (edges.get(id) ?? []).map((e) => e.to).filter((t) => !exits.has(t));
      for (const root of trapped) {
        if (index.has(root)) continue;
        const work: { id: string; i: number; succ: string[] }[] = [{ id: root, i: 0, succ: next(root) }];
        index.set(root, counter);
        low.set(root, counter++);
        sccStack.push(root);
        onStack.add(root);
        while (work.length) {
          const frame = work[work.length - 1]!;
          if (frame.i < frame.succ.length) {
            const w = frame.succ[frame.i++]!;
            if (!index.has(w)) {
              index.set(w, counter);
              low.set(w, counter++);
              sccStack.push(w);
              onStack.add(w);
              work.push({ id: w, i: 0, succ: next(w) });
            } else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
            continue;
          }
          work.pop();
          const parent = work[work.length - 1];
          if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
          if (low.get(frame.id) !== index.get(frame.id)) continue;
          const scc: string[] = [];
          for (;;) {
            const w = sccStack.pop()!;
            onStack.delete(w);
            scc.push(w);
            if (w === frame.id) break;
          }
          const selfLoop = scc.length === 1 && next(scc[0]!).includes(scc[0]!);
          if (scc.length < 2 && !selfLoop) continue;
          scc.sort((a, b) => process.stepIndex.get(a)! - process.stepIndex.get(b)!);
          const first = scc[0]!;
          const names = scc.length > 4 ? `${scc.slice(0, 4).map((s) => `"${s}"`).join(', ')} and ${scc.length - 4} more` : scc.map((s) => `"${s}"`).join(', ');
          report({
            process,
            step: first,
            field: ['id'],
            message: msg('lint.no-exit-loop', { steps: names }),
          });
        }
      }
    }
  },
};

import type { Rule } from '../types.js';
import { startSteps } from '../../model/graph.js';
import { graphComplete, predecessors, reachable } from '../util.js';

/** A step no path from a start reaches: dead weight that confuses readers and simulation. */
export const rule: Rule = {
  id: 'unreachable-step',
  meta: {
    description: 'a step that no path from a start step reaches (following next, branches, on, sla.breach and parallel branches)',
    why: 'An unreachable step is usually a path someone forgot to connect: the escalation that never triggers, the rework that never happens. Reviews read it as part of the process while no case ever gets there.',
    fix: 'Connect the step: point a next, a branch, an on path or an sla.breach at it. If it is left over, delete it.',
    defaultLevel: 'error',
    examples: {
      bad: `- id: start
  type: start
  next: done
- id: escalate
  type: task
  role: sales-director
  next: done
- id: done
  type: end`,
      good: `- id: start
  type: start
  next: work
- id: work
  type: task
  role: sales-rep
  sla: { within: 1d, breach: escalate }
  next: done
- id: escalate
  type: task
  role: sales-director
  next: done
- id: done
  type: end`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      // A step that failed validation is missing from the graph; its findings come first.
      if (process.steps.length === 0 || !graphComplete(process)) continue;
      if (startSteps(process).length === 0) {
        report({ process, field: ['steps'], part: 'key', message: `process "${process.id}" has no start step, so no step can be reached; add a step with type: start` });
        continue;
      }
      const reached = reachable(process);
      const preds = predecessors(process);
      for (const step of process.steps) {
        if (reached.has(step.id)) continue;
        const from = (preds.get(step.id) ?? []).map((e) => e.from);
        const only = from.length ? `; only unreachable steps lead to it (${from.map((f) => `"${f}"`).join(', ')})` : '; no step leads to it';
        report({
          process,
          step: step.id,
          field: ['id'],
          message: `step "${step.id}" cannot be reached from the start${only}; connect it with a next, branch, on path or sla.breach, or delete it`,
        });
      }
    }
  },
};

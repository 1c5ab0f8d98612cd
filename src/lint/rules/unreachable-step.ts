import type { Rule } from '../types.js';
import { startSteps } from '../../model/graph.js';
import { graphComplete, predecessors, reachable } from '../util.js';
import { msg, part } from '../../i18n/index.js';

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
        report({ process, field: ['steps'], part: 'key', message: msg('lint.unreachable-step.noStart', { process: process.id }) });
        continue;
      }
      const reached = reachable(process);
      const preds = predecessors(process);
      for (const step of process.steps) {
        if (reached.has(step.id)) continue;
        const from = (preds.get(step.id) ?? []).map((e) => e.from);
        const only = from.length ? part('lint.unreachable-step.onlyFrom', { steps: from.map((f) => `"${f}"`).join(', ') }) : part('lint.unreachable-step.noneLeads');
        report({
          process,
          step: step.id,
          field: ['id'],
          message: msg('lint.unreachable-step', { step: step.id, why: only }),
        });
      }
    }
  },
};
